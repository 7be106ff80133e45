import { allowed, type Action, type Actor, type Envelope } from '@clinic/contracts';
import { DomainError } from '../errors';

/**
 * Services check the caller again, against the same policy table as the gateway: the gateway is not the
 * only possible sender.
 */
export function requireActor(msg: Envelope, action?: Action): Actor {
  const actor = msg?.meta?.actor;
  if (!actor) throw new DomainError('AUTH.UNAUTHENTICATED', 'Sign in first');
  if (action && !allowed(actor.roles, action)) throw new DomainError('AUTH.FORBIDDEN', `Not allowed: ${action}`);
  return actor;
}
