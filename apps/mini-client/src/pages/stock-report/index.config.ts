export default definePageConfig({
  navigationBarTitleText: '库存报表'
})
