import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor, AuditAction, AuditOutcome, MessageMeta } from '@clinic/contracts';
import { Table, TableIndex, type DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { col } from '../database/columns';
import type { JsonLogger } from '../logging/logger';
import { Tx } from '../database/tx';
import { isUuid } from '../errors';
import { AuditHead, AuditLog } from './audit.entities';

export interface AuditEvent {
  action: AuditAction;
  patientId: string | null;
  outcome: AuditOutcome;
}

const GENESIS = '0'.repeat(64);
const APPEND_ONLY = 'audit_log is append-only';

/** What a row's hash covers: the previous hash and every field, in a fixed order. */
export function chainHash(row: Omit<AuditLog, 'hash'>): string {
  const fields = [row.prevHash, row.seq, row.clinicId, row.at.toISOString(), row.actorId, row.actorKind, row.roles, row.action, row.patientId, row.outcome, row.requestId, row.clientIp];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * A service's append-only audit log of patient data it holds: who, role, when, what, which patient, outcome,
 * request id, client address. Each row carries the hash of the one before, so an edited or deleted row breaks the
 * chain (`verify`); database triggers refuse UPDATE and DELETE outright. patient-svc keeps records, billing money.
 */
@Injectable()
export class AuditTrail {
  constructor(private readonly tx: Tx) {}

  /** Appends inside the caller's transaction: a change and its audit row commit together. */
  async append(m: EntityManager, actor: Actor, meta: MessageMeta, events: AuditEvent[]): Promise<void> {
    for (const e of events) {
      // Advancing the head first takes its row lock: writers of the chain take turns until commit.
      await m.createQueryBuilder().update(AuditHead).set({ seq: () => 'seq + 1' }).where('id = 1').execute();
      const head = await m.findOneByOrFail(AuditHead, { id: 1 });
      const row: Omit<AuditLog, 'hash'> = {
        seq: head.seq,
        clinicId: actor.clinicId,
        at: new Date(),
        actorId: actor.id.slice(0, 64),
        actorKind: actor.kind,
        roles: actor.roles.join(','),
        action: e.action,
        patientId: e.patientId && isUuid(e.patientId) ? e.patientId : null,
        outcome: e.outcome,
        requestId: (meta.requestId ?? 'unknown').slice(0, 64),
        clientIp: meta.clientIp?.slice(0, 64) ?? null,
        prevHash: head.hash,
      };
      const hash = chainHash(row);
      await m.insert(AuditLog, { ...row, hash });
      await m.update(AuditHead, { id: 1 }, { hash });
    }
  }

  /** For reads and refusals, which change nothing else: a transaction of their own. */
  record(actor: Actor, meta: MessageMeta, events: AuditEvent[]): Promise<void> {
    if (!events.length) return Promise.resolve();
    return this.tx.run((m) => this.append(m, actor, meta, events));
  }
}

/**
 * Walks the whole chain in order. Broken: a row whose hash does not match its fields, a row that does not
 * point at the one before, a gap in the sequence, or a head that does not match the last row.
 */
export async function verifyAuditChain(ds: DataSource): Promise<{ ok: boolean; checked: number; brokenAt?: number; reason?: string }> {
  const log = ds.getRepository(AuditLog);
  let prev = GENESIS;
  let expected = 1;
  const batch = 1000;
  for (;;) {
    const rows = await log.createQueryBuilder('a').where('a.seq >= :from', { from: expected }).orderBy('a.seq', 'ASC').take(batch).getMany();
    for (const r of rows) {
      if (r.seq !== expected) return { ok: false, checked: expected - 1, brokenAt: expected, reason: `row ${expected} is missing` };
      if (r.prevHash !== prev) return { ok: false, checked: expected - 1, brokenAt: r.seq, reason: `row ${r.seq} does not follow row ${r.seq - 1}` };
      const { hash, ...fields } = r;
      if (chainHash(fields) !== hash) return { ok: false, checked: expected - 1, brokenAt: r.seq, reason: `row ${r.seq} was changed` };
      prev = hash;
      expected++;
    }
    if (rows.length < batch) break;
  }
  const head = await ds.manager.findOneByOrFail(AuditHead, { id: 1 });
  if (head.seq !== expected - 1 || head.hash !== prev) {
    return { ok: false, checked: expected - 1, brokenAt: expected, reason: `the chain ends at row ${expected - 1} but the head says ${head.seq}` };
  }
  return { ok: true, checked: expected - 1 };
}

/** The log, its head and the triggers that refuse to change or remove a row, for a service's migration. */
export async function createAuditTables(qr: QueryRunner): Promise<void> {
  await qr.createTable(
    new Table({
      name: 'audit_log',
      columns: [
        { ...col.int('seq'), isPrimary: true },
        col.clinicId(),
        col.time('at'),
        col.str('actor_id', 64),
        col.str('actor_kind', 10),
        col.str('roles', 200),
        col.str('action', 30),
        col.ref('patient_id', true),
        col.str('outcome', 10),
        col.str('request_id', 64),
        col.str('client_ip', 64, true),
        col.str('prev_hash', 64),
        col.str('hash', 64),
      ],
    }),
  );
  await qr.createIndex('audit_log', new TableIndex({ name: 'idx_audit_patient', columnNames: ['patient_id', 'seq'] }));
  await qr.createIndex('audit_log', new TableIndex({ name: 'idx_audit_actor', columnNames: ['actor_id', 'seq'] }));
  await qr.createIndex('audit_log', new TableIndex({ name: 'idx_audit_at', columnNames: ['at'] }));
  // One row: the end of the chain. Updating it first makes writers of the log take turns.
  await qr.createTable(new Table({ name: 'audit_head', columns: [{ ...col.int('id'), isPrimary: true }, col.int('seq'), col.str('hash', 64)] }));
  await qr.query(`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${GENESIS}')`);

  // The database, not only the application, refuses to change or remove an audit row.
  for (const op of ['UPDATE', 'DELETE']) {
    const name = `audit_log_no_${op.toLowerCase()}`;
    await qr.query(
      qr.connection.options.type === 'better-sqlite3'
        ? `CREATE TRIGGER ${name} BEFORE ${op} ON audit_log BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END`
        : `CREATE TRIGGER ${name} BEFORE ${op} ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${APPEND_ONLY}'`,
    );
  }
}

export async function dropAuditTables(qr: QueryRunner): Promise<void> {
  for (const op of ['update', 'delete']) await qr.query(`DROP TRIGGER IF EXISTS audit_log_no_${op}`);
  await qr.dropTable('audit_head');
  await qr.dropTable('audit_log');
}

/** `node apps/<service>/dist/main.js audit-verify` (npm run audit:verify): exit 0 when the chain holds, 1 when not. */
export async function verifyAuditCommand(ds: DataSource, logger: JsonLogger): Promise<number> {
  const result = await verifyAuditChain(ds);
  logger.event(result.ok ? 'info' : 'error', 'AuditVerify', result.ok ? `audit chain intact: ${result.checked} rows` : `audit chain broken: ${result.reason}`, result);
  return result.ok ? 0 : 1;
}
