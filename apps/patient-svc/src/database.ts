import { Account, AccountPatient } from './accounts/account.entity';
import { AuditHead, AuditLog } from '@clinic/platform';
import { Department } from './departments/department.entity';
import { RefreshToken } from './identity/refresh-token.entity';
import { LoginFailure, StaffUser } from './identity/staff-user.entity';
import { Initial1764115200000 } from './migrations/1764115200000-initial';
import { Identity1764201600000 } from './migrations/1764201600000-identity';
import { Scheduling1764288000000 } from './migrations/1764288000000-scheduling';
import { Patient, Sequence } from './patients/patient.entity';
import { SCHEDULING_ENTITIES } from './scheduling/scheduling.entities';
import { Visits1764460800000 } from './migrations/1764460800000-visits';
import { Prescriptions1764547200000 } from './migrations/1764547200000-prescriptions';
import { Reminders1764633600000 } from './migrations/1764633600000-reminders';
import { Checks1764792000000 } from './migrations/1764792000000-checks';
import { Reminder, ReminderSetting } from './reminders/reminder.entities';
import { EmrTemplate, EmrVersion, Encounter, EncounterDiagnosis, Icd10Code, Prescription, PrescriptionLine } from './visits/visit.entities';

export const ENTITIES = [StaffUser, LoginFailure, RefreshToken, Department, Patient, Sequence, Account, AccountPatient, AuditLog, AuditHead, ...SCHEDULING_ENTITIES, Icd10Code, Encounter, EmrVersion, EncounterDiagnosis, EmrTemplate, Prescription, PrescriptionLine, Reminder, ReminderSetting];
export const MIGRATIONS = [Initial1764115200000, Identity1764201600000, Scheduling1764288000000, Visits1764460800000, Prescriptions1764547200000, Reminders1764633600000, Checks1764792000000];
