export default definePageConfig({
  navigationBarTitleText: '挂号台'
})
