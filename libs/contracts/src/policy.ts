import type { Role } from './roles';

const STAFF: Role[] = ['admin', 'receptionist', 'doctor', 'pharmacist', 'cashier', 'auditor'];
const EVERYONE: Role[] = [...STAFF, 'patient'];
/** Staff who look patients up in their work, and the patient account for its own people. */
const PATIENT_READERS: Role[] = ['admin', 'receptionist', 'doctor', 'pharmacist', 'cashier', 'patient'];

/**
 * Who may do what: the one table of role × action. The gateway checks it on every route (@Can) and each
 * service checks it again on arrival. A patient account reaches only its own patients; that rule is the
 * service's, on top of this table.
 */
export const POLICY = {
  'me.read': EVERYONE,
  'account.consent': ['patient'],
  'account.export': ['patient'],
  'account.close': ['patient'],
  'account.notifications': ['patient'],
  'account.reminders': ['patient'],
  'staff.create': ['admin'],
  'staff.list': ['admin'],
  'staff.read': ['admin'],
  'staff.update': ['admin'],
  'staff.disable': ['admin'],
  'doctors.list': EVERYONE,
  'departments.create': ['admin'],
  'departments.list': EVERYONE,
  'patients.create': ['admin', 'receptionist', 'patient'],
  'patients.list': PATIENT_READERS,
  'patients.read': PATIENT_READERS,
  'patients.update': ['admin', 'receptionist', 'patient'],
  'patients.link': ['patient'],
  'patients.unlink': ['patient'],
  'audit.list': ['auditor'],
  'schedules.manage': ['admin'],
  'schedules.list': EVERYONE,
  'appointments.create': ['admin', 'receptionist', 'patient'],
  'appointments.list': ['admin', 'receptionist', 'doctor', 'patient'],
  'appointments.cancel': ['admin', 'receptionist', 'patient'],
  'appointments.checkIn': ['admin', 'receptionist', 'patient'],
  'appointments.position': ['admin', 'receptionist', 'doctor', 'patient'],
  'queue.walkIn': ['admin', 'receptionist'],
  'queue.read': ['admin', 'receptionist', 'doctor'],
  'queue.display': STAFF,
  'queue.call': ['doctor'],
  'queue.checkInCode': ['admin', 'receptionist'],
  /** Development only (no billing yet): pay a pending registration fee. */
  'appointments.devPay': ['admin', 'receptionist', 'patient'],
  'encounters.create': ['doctor'],
  /** A doctor reads every encounter of the clinic's patients (history beside the note); a patient account its own patients' signed ones. */
  'encounters.read': ['doctor', 'patient'],
  /** Writing, signing, amending and finishing: the encounter's own doctor (the service checks whose it is). */
  'emr.write': ['doctor'],
  'emr.templates': ['doctor'],
  'prescriptions.write': ['doctor'],
  /** Doctors, the patient's account, and the pharmacy window (which prints it). */
  'prescriptions.read': ['doctor', 'pharmacist', 'patient'],
  'icd10.search': STAFF,
  'drugs.create': ['admin', 'pharmacist'],
  'drugs.update': ['admin', 'pharmacist'],
  'drugs.list': STAFF,
  /** Doctors see live available stock while prescribing. */
  'stock.read': ['admin', 'pharmacist', 'doctor'],
  'suppliers.manage': ['admin', 'pharmacist'],
  'suppliers.list': ['admin', 'pharmacist'],
  'stock.in': ['admin', 'pharmacist'],
  /** Service to service: the doctor's signature reserves stock, cancelling the prescription releases it. */
  'stock.reserve': ['doctor'],
  /** Service to service: a cashier's refund of undispensed drugs takes them off the order and frees their stock. */
  'stock.refundRelease': ['cashier'],
  'dispensing.list': ['pharmacist'],
  'dispensing.dispense': ['pharmacist'],
  'dispensing.return': ['pharmacist'],
  'stocktake.manage': ['admin', 'pharmacist'],
  'pharmacy.alerts': ['admin', 'pharmacist'],
  'pharmacy.reports': ['admin', 'pharmacist'],
  'bills.read': ['admin', 'cashier', 'receptionist'],
  'payments.take': ['cashier'],
  /** A patient's account: its own patients' bills, WeChat payment and receipts (the gateway checks whose). */
  'bills.mine': ['patient'],
  'payments.wechat': ['patient'],
  /** The cashier's receipt print and a patient's own receipt. */
  'bills.receipt': ['admin', 'cashier', 'patient'],
  /** Closing a pending WeChat or 医保 payment that never finished (it is queried first). */
  'payments.close': ['cashier'],
  /** A correction: a desk payment reversed by an entry on an open day, never edited. */
  'payments.reverse': ['cashier'],
  'refunds.create': ['cashier'],
  'refunds.read': ['admin', 'cashier'],
  'settlements.close': ['cashier'],
  'settlements.read': ['admin', 'cashier'],
  'reports.revenue': ['admin', 'cashier'],
  'reconciliation.manage': ['admin', 'cashier'],
  'feeItems.update': ['admin'],
  /** The owner's dashboard and its reports (issue 8); pharmacists also see the pharmacy part. */
  'stats.read': ['admin'],
  'stats.pharmacy': ['admin', 'pharmacist'],
  'feeItems.create': ['admin'],
  'feeItems.list': STAFF,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;

export function allowed(roles: readonly Role[], action: Action): boolean {
  return roles.some((r) => (POLICY[action] as readonly Role[]).includes(r));
}

/** Roles that see a patient's full phone and ID card numbers; everyone else sees them masked. */
export const FULL_IDENTIFIER_ROLES: readonly Role[] = ['receptionist'];
