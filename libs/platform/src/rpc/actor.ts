import type { Actor, Envelope, Role } from '@clinic/contracts';
import { DomainError } from '../errors';

/** Services check the caller again: the gateway is not the only possible sender. */
export function requireActor(msg: Envelope, ...roles: Role[]): Actor {
  const actor = msg?.meta?.actor;
  if (!actor) throw new DomainError('AUTH.UNAUTHENTICATED', 'Sign in first');
  if (roles.length && !actor.roles.some((r) => roles.includes(r))) {
    throw new DomainError('AUTH.FORBIDDEN', `Requires role: ${roles.join(' or ')}`);
  }
  return actor;
}
