export default definePageConfig({
  navigationBarTitleText: '供应商'
})
