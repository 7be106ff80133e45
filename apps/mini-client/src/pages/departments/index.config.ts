export default definePageConfig({
  navigationBarTitleText: '科室管理'
})
