export default definePageConfig({
  navigationBarTitleText: '接诊'
})
