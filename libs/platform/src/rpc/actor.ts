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

/** The `id` a gateway route passed from its path (`{ id, … }`), as a string; validation is the service's. */
export function idOf(msg: Envelope): string {
  const data = msg?.data as { id?: unknown } | undefined;
  return typeof data?.id === 'string' ? data.id : '';
}

/** The body a gateway route sent beside a path id (`{ id, changes }`); validation is the service's. */
export function changesOf(msg: Envelope): unknown {
  return (msg?.data as { changes?: unknown } | undefined)?.changes;
}
