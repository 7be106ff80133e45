export default defineAppConfig({
  // The login page comes first: every other page needs a session.
  pages: ['pages/login/index', 'pages/home/index', 'pages/departments/index', 'pages/catalog/index'],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f3f6f5',
    navigationBarBackgroundColor: '#0f766e',
    navigationBarTitleText: '诊所信息系统',
    navigationBarTextStyle: 'white'
  }
})
