import { PRIVACY_POLICY_VERSION, type StaffRole } from '@clinic/contracts';
import { Api } from './api';
import { queryService } from './db';
import { ADMIN_PASSWORD } from './settings';
import type { RunningSystem } from './system';

export const STAFF_PASSWORD = 'Staff-Passw0rd!';

export async function adminApi(baseUrl: string): Promise<Api> {
  const api = new Api(baseUrl);
  await api.login('admin', ADMIN_PASSWORD);
  return api;
}

/** A staff member with these roles, made by the admin through the API, signed in. */
export async function staffApi(admin: Api, username: string, roles: StaffRole[], extra: Record<string, unknown> = {}): Promise<Api & { userId: string }> {
  const created = await admin.post('/staff', { username, password: STAFF_PASSWORD, name: `测试${username}`, roles, ...extra });
  if (created.status !== 201) throw new Error(`creating ${username}: ${created.status} ${JSON.stringify(created.body)}`);
  const api = new Api(admin.baseUrl) as Api & { userId: string };
  await api.login(username, STAFF_PASSWORD);
  api.userId = created.body.id;
  return api;
}

/** A patient account signed in through the development WeChat adapter (code X → openid dev-X). */
export async function patientApi(baseUrl: string, code: string, consent = true): Promise<Api & { accountId: string }> {
  const api = new Api(baseUrl) as Api & { accountId: string };
  const res = await api.post('/auth/wechat/login', { code });
  if (res.status !== 200) throw new Error(`wechat login ${code}: ${res.status} ${JSON.stringify(res.body)}`);
  api.token = res.body.accessToken;
  api.accountId = res.body.account.id;
  if (consent) {
    const agreed = await api.post('/me/privacy-consent', { version: PRIVACY_POLICY_VERSION });
    if (agreed.status !== 200) throw new Error(`consent: ${agreed.status} ${JSON.stringify(agreed.body)}`);
  }
  return api;
}

/** A valid GB 11643 number for a birth date, with an odd (M) or even (F) sequence digit. */
export function idCardFor(birthDate: string, gender: 'M' | 'F', serial = 1): string {
  const seq = String((serial * 2 + (gender === 'M' ? 1 : 0)) % 1000).padStart(3, '0');
  const base = `110105${birthDate.replace(/-/g, '')}${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...base].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return base + '10X98765432'[sum % 11];
}

/**
 * The admin of a clinic of its own, for a suite whose figures must not see other suites' data in the shared test
 * databases (statistics, reports): made in the default clinic and moved (no API makes clinics yet); the staff it
 * makes belong to its clinic.
 */
export async function clinicAdminApi(sys: RunningSystem, clinicId: string): Promise<Api & { userId: string }> {
  const username = `admin.${clinicId}`;
  const admin = await staffApi(await adminApi(sys.baseUrl), username, ['admin']);
  await queryService(sys, 'patient', 'UPDATE staff_users SET clinic_id = ? WHERE id = ?', [clinicId, admin.userId]);
  await admin.login(username, STAFF_PASSWORD);
  return admin;
}
