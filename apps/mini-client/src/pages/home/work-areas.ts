import type { Role } from '@clinic/contracts'
import {
  AUDIT_READERS,
  CASHIERS,
  CONSULTING_ROLES,
  DISPENSERS,
  PATIENT_READERS,
  PHARMACY_MANAGERS,
  QUEUE_SCREEN_OPENERS,
  REORDER_READERS,
  REVENUE_READERS,
  SCHEDULE_MANAGERS,
  SETTLEMENT_READERS,
  STAFF_MANAGERS,
  STATS_READERS
} from '../../services/access'
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
  { key: 'dashboard', title: '经营看板', description: '就诊、药房与收入及环比', glyph: '看', roles: STATS_READERS, url: ROUTES.dashboard },
  { key: 'staff', title: '用户管理', description: '工作人员账号与角色', glyph: '人', roles: STAFF_MANAGERS, url: ROUTES.staff },
  { key: 'departments', title: '科室管理', description: '新增与查看科室', glyph: '科', roles: ['admin'], url: ROUTES.departments },
  { key: 'schedules', title: '排班管理', description: '出诊模板、排班与停诊', glyph: '排', roles: SCHEDULE_MANAGERS, url: ROUTES.scheduleAdmin },
  { key: 'patients', title: '患者', description: '患者档案查询与登记', glyph: '患', roles: PATIENT_READERS, url: ROUTES.patients },
  { key: 'registration', title: '挂号', description: '预约、签到与现场挂号', glyph: '挂', roles: ['receptionist'], url: ROUTES.desk },
  { key: 'queue-display', title: '候诊屏', description: '候诊区叫号大屏', glyph: '屏', roles: QUEUE_SCREEN_OPENERS, url: ROUTES.queueDisplay },
  { key: 'consultation', title: '接诊', description: '候诊队列与叫号', glyph: '诊', roles: CONSULTING_ROLES, url: ROUTES.doctorQueue },
  { key: 'dispensing', title: '发药', description: '处方调配、发药与退药', glyph: '发', roles: DISPENSERS, url: ROUTES.dispensary },
  { key: 'drugs', title: '药品管理', description: '药品目录、价格与批次', glyph: '药', roles: PHARMACY_MANAGERS, url: ROUTES.drugAdmin },
  { key: 'stock-in', title: '入库', description: '供应商到货登记', glyph: '入', roles: PHARMACY_MANAGERS, url: ROUTES.stockIn },
  { key: 'suppliers', title: '供应商', description: '药品供应商', glyph: '供', roles: PHARMACY_MANAGERS, url: ROUTES.suppliers },
  { key: 'stocktake', title: '盘点', description: '实盘录入与差异调整', glyph: '盘', roles: PHARMACY_MANAGERS, url: ROUTES.stocktake },
  { key: 'pharmacy-alerts', title: '库存预警', description: '过期、近效期与低库存', glyph: '警', roles: PHARMACY_MANAGERS, url: ROUTES.pharmacyAlerts },
  { key: 'stock-report', title: '库存报表', description: '库存金额、进销存与用量', glyph: '表', roles: PHARMACY_MANAGERS, url: ROUTES.stockReport },
  { key: 'reorder', title: '补货建议', description: '按用量估算采购与入库草稿', glyph: '补', roles: REORDER_READERS, url: ROUTES.reorder },
  { key: 'fee-items', title: '收费项目', description: '诊疗收费标准', glyph: '费', roles: ['admin'], url: `${ROUTES.catalog}?tab=fee-items` },
  { key: 'billing', title: '收费', description: '患者账单、收费、退费与冲正', glyph: '收', roles: CASHIERS, url: ROUTES.cashier },
  { key: 'settlement', title: '日结', description: '按支付方式汇总、现金清点与结账', glyph: '结', roles: SETTLEMENT_READERS, url: ROUTES.settlement },
  { key: 'revenue', title: '收入报表', description: '按日、科室、医生统计收入与微信对账', glyph: '账', roles: REVENUE_READERS, url: ROUTES.revenue },
  { key: 'audit', title: '审计日志', description: '患者信息访问记录', glyph: '审', roles: AUDIT_READERS, url: ROUTES.audit }
]

/** The tiles a user sees: every area any of their roles may use, each once. */
export function workAreasFor(roles: readonly Role[]): WorkArea[] {
  return WORK_AREAS.filter((area) => area.roles.some((role) => roles.includes(role)))
}
