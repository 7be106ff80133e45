export default definePageConfig({
  navigationBarTitleText: '发药'
})
