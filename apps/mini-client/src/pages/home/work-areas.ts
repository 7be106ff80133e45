import type { Role } from '@clinic/contracts'
import { AUDIT_READERS, CONSULTING_ROLES, PATIENT_READERS, QUEUE_SCREEN_OPENERS, SCHEDULE_MANAGERS, STAFF_MANAGERS } from '../../services/access'
import { ROUTES } from '../../services/navigation'

export interface WorkArea {
  /** Also the tile's class (`tile-<key>`), a stable hook for browser tests. */
  key: string
  title: string
  description: string
  /** One character drawn in the tile's badge; keeps the package free of icon images. */
  glyph: string
  roles: readonly Role[]
  /** Absent while the area is not built yet: the tile shows 即将上线. */
  url?: string
}

// The order here is the order on screen.
export const WORK_AREAS: readonly WorkArea[] = [
  { key: 'staff', title: '用户管理', description: '工作人员账号与角色', glyph: '人', roles: STAFF_MANAGERS, url: ROUTES.staff },
  { key: 'departments', title: '科室管理', description: '新增与查看科室', glyph: '科', roles: ['admin'], url: ROUTES.departments },
  { key: 'schedules', title: '排班管理', description: '出诊模板、排班与停诊', glyph: '排', roles: SCHEDULE_MANAGERS, url: ROUTES.scheduleAdmin },
  { key: 'patients', title: '患者', description: '患者档案查询与登记', glyph: '患', roles: PATIENT_READERS, url: ROUTES.patients },
  { key: 'registration', title: '挂号', description: '预约、签到与现场挂号', glyph: '挂', roles: ['receptionist'], url: ROUTES.desk },
  { key: 'queue-display', title: '候诊屏', description: '候诊区叫号大屏', glyph: '屏', roles: QUEUE_SCREEN_OPENERS, url: ROUTES.queueDisplay },
  { key: 'consultation', title: '接诊', description: '候诊队列与叫号', glyph: '诊', roles: CONSULTING_ROLES, url: ROUTES.doctorQueue },
  { key: 'dispensing', title: '发药', description: '处方调配与发药', glyph: '发', roles: ['pharmacist'] },
  { key: 'drugs', title: '药品目录', description: '药品规格与价格', glyph: '药', roles: ['admin', 'pharmacist'], url: `${ROUTES.catalog}?tab=drugs` },
  { key: 'fee-items', title: '收费项目', description: '诊疗收费标准', glyph: '费', roles: ['admin'], url: `${ROUTES.catalog}?tab=fee-items` },
  { key: 'billing', title: '收费', description: '门诊收费与退费', glyph: '收', roles: ['cashier'] },
  { key: 'audit', title: '审计日志', description: '患者信息访问记录', glyph: '审', roles: AUDIT_READERS, url: ROUTES.audit }
]

/** The tiles a user sees: every area any of their roles may use, each once. */
export function workAreasFor(roles: readonly Role[]): WorkArea[] {
  return WORK_AREAS.filter((area) => area.roles.some((role) => roles.includes(role)))
}
