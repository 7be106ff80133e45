import type { Role } from '@clinic/contracts'

// What each staff screen offers to whom. The gateway enforces the same rules; these only decide what to show.

function hasAny(roles: readonly Role[], allowed: readonly Role[]): boolean {
  return roles.some((role) => allowed.includes(role))
}

/** Everyone who treats, dispenses to or bills a patient may look a patient up. */
export const PATIENT_READERS: readonly Role[] = ['admin', 'receptionist', 'doctor', 'pharmacist', 'cashier']
export const PATIENT_EDITORS: readonly Role[] = ['admin', 'receptionist']
export const STAFF_MANAGERS: readonly Role[] = ['admin']
export const AUDIT_READERS: readonly Role[] = ['auditor']

export const canReadPatients = (roles: readonly Role[]) => hasAny(roles, PATIENT_READERS)
/** Registering and editing go together: both are the front desk's job. */
export const canEditPatients = (roles: readonly Role[]) => hasAny(roles, PATIENT_EDITORS)
export const canManageStaff = (roles: readonly Role[]) => hasAny(roles, STAFF_MANAGERS)
export const canReadAudit = (roles: readonly Role[]) => hasAny(roles, AUDIT_READERS)
export const SCHEDULE_MANAGERS: readonly Role[] = ['admin']
/** The front desk books, checks in and queues walk-ins; admins may stand in. */
export const DESK_ROLES: readonly Role[] = ['admin', 'receptionist']
export const CONSULTING_ROLES: readonly Role[] = ['doctor']
/** Who may open the waiting-room screen from the home page (the gateway lets any staff read it). */
export const QUEUE_SCREEN_OPENERS: readonly Role[] = ['admin', 'receptionist']

export const canManageSchedules = (roles: readonly Role[]) => hasAny(roles, SCHEDULE_MANAGERS)
export const canWorkDesk = (roles: readonly Role[]) => hasAny(roles, DESK_ROLES)
export const canConsult = (roles: readonly Role[]) => hasAny(roles, CONSULTING_ROLES)
/** Any staff member may look at the waiting-room screen. */
export const canViewQueueScreen = (roles: readonly Role[]) => roles.some((role) => role !== 'patient')

/** 发药 and 退药 are the pharmacist's alone (the admin manages the pharmacy but does not hand out drugs). */
export const DISPENSERS: readonly Role[] = ['pharmacist']
/** Drugs, suppliers, stock-ins, stocktakes, alerts and reports. */
export const PHARMACY_MANAGERS: readonly Role[] = ['admin', 'pharmacist']

export const canDispense = (roles: readonly Role[]) => hasAny(roles, DISPENSERS)
export const canManagePharmacy = (roles: readonly Role[]) => hasAny(roles, PHARMACY_MANAGERS)

/** 收费 at the desk is the cashier's alone. */
export const CASHIERS: readonly Role[] = ['cashier']
export const canCollect = (roles: readonly Role[]) => hasAny(roles, CASHIERS)

/** 日结: the cashier closes the day; the admin may look at it but not close it. */
export const SETTLEMENT_READERS: readonly Role[] = ['admin', 'cashier']
export const DAY_CLOSERS: readonly Role[] = ['cashier']
/** 收入报表 and WeChat Pay 对账. */
export const REVENUE_READERS: readonly Role[] = ['admin', 'cashier']

export const canReadSettlements = (roles: readonly Role[]) => hasAny(roles, SETTLEMENT_READERS)
export const canCloseDay = (roles: readonly Role[]) => hasAny(roles, DAY_CLOSERS)
export const canReadRevenue = (roles: readonly Role[]) => hasAny(roles, REVENUE_READERS)

/** 经营看板: the owner's figures are the admin's. */
export const STATS_READERS: readonly Role[] = ['admin']
/** 补货建议 (the pharmacy part of the figures, policy `stats.pharmacy`): whoever manages the pharmacy. */
export const REORDER_READERS: readonly Role[] = PHARMACY_MANAGERS

export const canReadStats = (roles: readonly Role[]) => hasAny(roles, STATS_READERS)
export const canReadReorder = (roles: readonly Role[]) => hasAny(roles, REORDER_READERS)
