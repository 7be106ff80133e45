import type { AccessTokenClaims } from '@clinic/contracts';
import jwt from 'jsonwebtoken';
import { DomainError } from '../errors';
import { signAccessToken, verifyAccessToken } from './access-token';

const SECRET = 'a-test-secret-that-is-32-chars-long!';
const claims: AccessTokenClaims = { sub: 'staff-7', kind: 'staff', roles: ['doctor', 'cashier'], clinicId: 'clinic-1' };

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The code verifyAccessToken throws with, or 'no error'. */
function failure(token: string, secret = SECRET): string {
  try {
    verifyAccessToken(token, secret);
    return 'no error';
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return err.code;
  }
}

describe('access tokens', () => {
  it('verifies what it signs and returns the actor', () => {
    const token = signAccessToken(claims, SECRET, 900);
    expect(verifyAccessToken(token, SECRET)).toEqual({ kind: 'staff', id: 'staff-7', roles: ['doctor', 'cashier'], clinicId: 'clinic-1' });
  });

  it('signs with HS256, the issuer and the time to live', () => {
    const token = signAccessToken(claims, SECRET, 900);
    const decoded = jwt.decode(token, { complete: true })!;
    const payload = decoded.payload as jwt.JwtPayload;
    expect(decoded.header.alg).toBe('HS256');
    expect(payload.iss).toBe('clinic');
    expect(payload.exp! - payload.iat!).toBe(900);
  });

  it('reports an expired token as AUTH.TOKEN_EXPIRED', () => {
    const token = jwt.sign({ kind: 'staff', roles: ['doctor'], clinicId: 'clinic-1' }, SECRET, {
      algorithm: 'HS256',
      issuer: 'clinic',
      subject: 'staff-7',
      expiresIn: -10,
    });
    expect(failure(token)).toBe('AUTH.TOKEN_EXPIRED');
  });

  it('reports an expired token signed with another secret as invalid, not expired', () => {
    const token = jwt.sign({ kind: 'staff', roles: ['doctor'], clinicId: 'clinic-1' }, 'another-secret-also-32-characters!!', {
      algorithm: 'HS256',
      issuer: 'clinic',
      subject: 'staff-7',
      expiresIn: -10,
    });
    expect(failure(token)).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a token signed with another secret', () => {
    expect(failure(signAccessToken(claims, 'another-secret-also-32-characters!!', 900))).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a token whose payload was changed after signing', () => {
    const [header, payload, signature] = signAccessToken(claims, SECRET, 900).split('.');
    const changed = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), roles: ['admin'] };
    expect(failure(`${header}.${b64url(changed)}.${signature}`)).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses an unsigned token (alg: none)', () => {
    const now = Math.floor(Date.now() / 1000);
    const payload = { sub: 'staff-7', kind: 'staff', roles: ['admin'], clinicId: 'clinic-1', iss: 'clinic', iat: now, exp: now + 900 };
    expect(failure(`${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.`)).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses another algorithm even with the right secret', () => {
    const token = jwt.sign({ kind: 'staff', roles: ['doctor'], clinicId: 'clinic-1' }, SECRET, { algorithm: 'HS512', issuer: 'clinic', subject: 'staff-7', expiresIn: 900 });
    expect(failure(token)).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a token from another issuer', () => {
    const token = jwt.sign({ kind: 'staff', roles: ['doctor'], clinicId: 'clinic-1' }, SECRET, { algorithm: 'HS256', issuer: 'elsewhere', subject: 'staff-7', expiresIn: 900 });
    expect(failure(token)).toBe('AUTH.TOKEN_INVALID');
  });

  it.each([
    ['sub', { kind: 'staff', roles: ['doctor'], clinicId: 'clinic-1' }, undefined],
    ['kind', { roles: ['doctor'], clinicId: 'clinic-1' }, 'staff-7'],
    ['roles', { kind: 'staff', clinicId: 'clinic-1' }, 'staff-7'],
    ['clinicId', { kind: 'staff', roles: ['doctor'] }, 'staff-7'],
  ])('refuses a genuine token without %s', (_missing, payload, subject) => {
    const token = jwt.sign(payload, SECRET, { algorithm: 'HS256', issuer: 'clinic', expiresIn: 900, ...(subject ? { subject } : {}) });
    expect(failure(token)).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses claims of the wrong shape', () => {
    const sign = (payload: object) => jwt.sign(payload, SECRET, { algorithm: 'HS256', issuer: 'clinic', subject: 'staff-7', expiresIn: 900 });
    expect(failure(sign({ kind: 'robot', roles: ['doctor'], clinicId: 'clinic-1' }))).toBe('AUTH.TOKEN_INVALID');
    expect(failure(sign({ kind: 'staff', roles: 'admin', clinicId: 'clinic-1' }))).toBe('AUTH.TOKEN_INVALID');
    expect(failure(sign({ kind: 'staff', roles: [{ role: 'admin' }], clinicId: 'clinic-1' }))).toBe('AUTH.TOKEN_INVALID');
    expect(failure(sign({ kind: 'staff', roles: ['superuser'], clinicId: 'clinic-1' }))).toBe('AUTH.TOKEN_INVALID');
    expect(failure(sign({ kind: 'staff', roles: ['doctor'], clinicId: 7 }))).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses something that is not a token at all', () => {
    for (const junk of ['', 'abc', 'a.b.c', `${b64url({ alg: 'HS256' })}..`]) expect(failure(junk)).toBe('AUTH.TOKEN_INVALID');
  });
});
