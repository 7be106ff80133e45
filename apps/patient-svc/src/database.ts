import { Department } from './departments/department.entity';
import { RefreshToken } from './identity/refresh-token.entity';
import { StaffUser } from './identity/staff-user.entity';
import { Initial1764115200000 } from './migrations/1764115200000-initial';
import { Patient, Sequence } from './patients/patient.entity';

export const ENTITIES = [StaffUser, RefreshToken, Department, Patient, Sequence];
export const MIGRATIONS = [Initial1764115200000];
