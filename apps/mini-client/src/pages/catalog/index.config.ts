export default definePageConfig({
  navigationBarTitleText: '基础目录'
})
