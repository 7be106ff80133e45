export default definePageConfig({
  navigationBarTitleText: '药品管理'
})
