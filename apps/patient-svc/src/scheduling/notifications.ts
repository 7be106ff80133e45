import type { Actor, NotificationReply } from '@clinic/contracts';
import type { Repository } from 'typeorm';
import type { Notification } from './scheduling.entities';

/** The latest 50 messages of a patient account, newest first. */
export async function listNotifications(repo: Repository<Notification>, actor: Actor): Promise<NotificationReply[]> {
  const rows = await repo.find({ where: { accountId: actor.id }, order: { createdAt: 'DESC' }, take: 50 });
  return rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, patientId: n.patientId, createdAt: n.createdAt.toISOString() }));
}
