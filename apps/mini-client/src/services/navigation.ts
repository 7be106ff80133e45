import Taro from '@tarojs/taro'
import type { SessionKind } from './session'

/** Page paths, in one place so a renamed page breaks the build instead of a tap. */
export const ROUTES = {
  login: '/pages/login/index',
  home: '/pages/home/index',
  departments: '/pages/departments/index',
  catalog: '/pages/catalog/index',
  patients: '/pages/patients/index',
  patientRegister: '/pages/patient-register/index',
  patientDetail: '/pages/patient-detail/index',
  staff: '/pages/staff/index',
  audit: '/pages/audit/index',
  patientLogin: '/pages/patient-login/index',
  privacy: '/pages/privacy/index',
  family: '/pages/family/index',
  profile: '/pages/profile/index',
  booking: '/pages/booking/index',
  appointments: '/pages/appointments/index',
  visits: '/pages/visits/index',
  reminders: '/pages/reminders/index',
  bills: '/pages/bills/index',
  scheduleAdmin: '/pages/schedule-admin/index',
  desk: '/pages/desk/index',
  doctorQueue: '/pages/doctor-queue/index',
  encounter: '/pages/encounter/index',
  queueDisplay: '/pages/queue-display/index',
  dispensary: '/pages/dispensary/index',
  stockIn: '/pages/stock-in/index',
  drugAdmin: '/pages/drug-admin/index',
  suppliers: '/pages/suppliers/index',
  pharmacyAlerts: '/pages/pharmacy-alerts/index',
  stocktake: '/pages/stocktake/index',
  stockReport: '/pages/stock-report/index',
  cashier: '/pages/cashier/index',
  settlement: '/pages/settlement/index',
  revenue: '/pages/revenue/index',
  dashboard: '/pages/dashboard/index',
  reorder: '/pages/reorder/index'
} as const

export type Route = (typeof ROUTES)[keyof typeof ROUTES]

/** Drops the page stack so "back" cannot return to a page that needs the old session. */
export function relaunch(url: Route): void {
  void Taro.reLaunch({ url })
}

export function relaunchToLogin(): void {
  relaunch(ROUTES.login)
}

export function relaunchToHome(): void {
  relaunch(ROUTES.home)
}

export function relaunchToPatientLogin(): void {
  relaunch(ROUTES.patientLogin)
}

/** Where someone whose session ended signs in again: patients and staff have different doors. */
export function relaunchToSignIn(kind: SessionKind | null): void {
  if (kind === 'account') relaunchToPatientLogin()
  else relaunchToLogin()
}

export function patientDetailUrl(id: string): string {
  return `${ROUTES.patientDetail}?id=${encodeURIComponent(id)}`
}

/** The doctor's workstation on one encounter. */
export function encounterUrl(id: string): string {
  return `${ROUTES.encounter}?id=${encodeURIComponent(id)}`
}

/** The waiting-room screen of one doctor (their shift today) or of one shift; without either it asks for a doctor. */
export function queueDisplayUrl(target?: { doctorId: string } | { scheduleId: string }): string {
  if (!target) return ROUTES.queueDisplay
  const [key, value] = 'doctorId' in target ? ['doctorId', target.doctorId] : ['scheduleId', target.scheduleId]
  return `${ROUTES.queueDisplay}?${key}=${encodeURIComponent(value)}`
}

/** The drug admin opened on one drug (its batches first, as an alert is about stock). */
export function drugStockUrl(drugId: string): string {
  return `${ROUTES.drugAdmin}?drugId=${encodeURIComponent(drugId)}`
}

/** 日结 opened on one day. */
export function settlementUrl(date: string): string {
  return `${ROUTES.settlement}?date=${encodeURIComponent(date)}`
}
