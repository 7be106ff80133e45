import { STAFF_ROLES, type AccessTokenClaims, type Actor, type Role } from '@clinic/contracts';
import jwt from 'jsonwebtoken';
import { DomainError } from '../errors';

const ISSUER = 'clinic';
const ALGORITHM = 'HS256';
const ROLES: readonly string[] = [...STAFF_ROLES, 'patient'];

const isRoleList = (value: unknown): value is Role[] => Array.isArray(value) && value.every((r) => typeof r === 'string' && ROLES.includes(r));

/** Short-lived proof of who is signing in; patient-svc signs, the gateway verifies on every request. */
export function signAccessToken(claims: AccessTokenClaims, secret: string, ttlSeconds: number): string {
  return jwt.sign({ kind: claims.kind, roles: claims.roles, clinicId: claims.clinicId }, secret, {
    algorithm: ALGORITHM,
    issuer: ISSUER,
    subject: claims.sub,
    expiresIn: ttlSeconds,
  });
}

export function verifyAccessToken(token: string, secret: string): Actor {
  let payload: jwt.JwtPayload;
  try {
    payload = jwt.verify(token, secret, { algorithms: [ALGORITHM], issuer: ISSUER }) as jwt.JwtPayload;
  } catch (err) {
    if (err instanceof jwt.TokenExpiredError) throw new DomainError('AUTH.TOKEN_EXPIRED', 'Access token has expired');
    throw new DomainError('AUTH.TOKEN_INVALID', 'Access token is invalid');
  }
  const { sub, kind, roles, clinicId } = payload as Partial<AccessTokenClaims> & jwt.JwtPayload;
  if (typeof sub !== 'string' || (kind !== 'staff' && kind !== 'account') || !isRoleList(roles) || typeof clinicId !== 'string') {
    throw new DomainError('AUTH.TOKEN_INVALID', 'Access token is invalid');
  }
  return { kind, id: sub, roles, clinicId };
}
