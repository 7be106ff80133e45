export default definePageConfig({
  navigationBarTitleText: '就诊记录'
})
