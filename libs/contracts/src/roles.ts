export const STAFF_ROLES = ['admin', 'receptionist', 'doctor', 'pharmacist', 'cashier', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = StaffRole | 'patient';

/** The clinic every row belongs to until a deployment runs several (连锁诊所). */
export const DEFAULT_CLINIC_ID = 'clinic-1';

export const ROLES: readonly Role[] = [...STAFF_ROLES, 'patient'];

export const DOCTOR_TITLES = ['主任医师', '副主任医师', '主治医师', '住院医师'] as const;
export type DoctorTitle = (typeof DOCTOR_TITLES)[number];
