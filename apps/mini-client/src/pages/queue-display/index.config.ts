export default definePageConfig({
  navigationBarTitleText: '候诊屏',
  // The screen hangs in the waiting room: no title bar, the page is the whole screen.
  navigationStyle: 'custom',
  backgroundColor: '#0b3b37'
})
