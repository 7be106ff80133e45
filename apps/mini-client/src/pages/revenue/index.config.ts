export default definePageConfig({
  navigationBarTitleText: '收入报表'
})
