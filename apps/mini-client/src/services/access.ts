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
