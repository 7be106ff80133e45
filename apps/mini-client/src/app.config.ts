// Pages a patient uses, and the staff pages that must load with the app (sign-in and the role home).
const PATIENT_PAGES = [
  'pages/patient-login/index',
  'pages/privacy/index',
  'pages/family/index',
  'pages/profile/index',
  'pages/booking/index',
  'pages/appointments/index',
  'pages/visits/index',
  'pages/reminders/index',
  'pages/bills/index'
]
const STAFF_ENTRY_PAGES = ['pages/login/index', 'pages/home/index']

// Staff work pages are sub-packages, one per page folder so their paths stay /pages/<name>/index: in the
// mini-program, patients never download them. h5 serves the same routes.
const STAFF_WORK_PAGES = [
  'departments',
  'catalog',
  'patients',
  'patient-register',
  'patient-detail',
  'staff',
  'audit',
  'schedule-admin',
  'desk',
  'doctor-queue',
  'encounter',
  'queue-display',
  'dispensary',
  'stock-in',
  'drug-admin',
  'suppliers',
  'pharmacy-alerts',
  'stocktake',
  'stock-report',
  'cashier',
  'settlement',
  'revenue',
  'dashboard',
  'reorder'
]

export default defineAppConfig({
  // The first page is where the app opens: patients in WeChat, staff in the browser (every other page needs a session).
  pages: process.env.TARO_ENV === 'weapp' ? [...PATIENT_PAGES, ...STAFF_ENTRY_PAGES] : [...STAFF_ENTRY_PAGES, ...PATIENT_PAGES],
  subPackages: STAFF_WORK_PAGES.map((name) => ({ root: `pages/${name}`, pages: ['index'] })),
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f3f6f5',
    navigationBarBackgroundColor: '#0f766e',
    navigationBarTitleText: '诊所信息系统',
    navigationBarTextStyle: 'white'
  }
})
