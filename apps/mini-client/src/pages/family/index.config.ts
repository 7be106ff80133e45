export default definePageConfig({
  navigationBarTitleText: '我的就诊人'
})
