import type { Role } from './roles';

/** Who is asking: set by the gateway from a verified access token, trusted by the services. */
export interface Actor {
  kind: 'staff' | 'account';
  id: string;
  roles: Role[];
  clinicId: string;
}

export interface MessageMeta {
  requestId: string;
  actor?: Actor;
  /** The caller's address as the gateway saw it, for the audit log. */
  clientIp?: string;
}

/** Every request and event on the wire: who and which request, then the payload. */
export interface Envelope<T = unknown> {
  meta: MessageMeta;
  data: T;
}

/** Events carry an id so consumers can remember what they handled. */
export interface EventEnvelope<T = unknown> {
  meta: { requestId: string; eventId: string; occurredAt: string; source: string };
  data: T;
}
