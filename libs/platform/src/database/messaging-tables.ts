import { Table, TableIndex, type QueryRunner } from 'typeorm';
import { col } from './columns';

/** The outbox and inbox tables every service has; called from each service's first migration. */
export async function createMessagingTables(qr: QueryRunner): Promise<void> {
  await qr.createTable(
    new Table({
      name: 'outbox_events',
      columns: [
        col.id(),
        col.str('event_name', 100),
        col.text('payload'),
        col.str('request_id', 64, true),
        col.time('created_at'),
        col.time('published_at', true),
        col.int('attempts'),
        col.str('last_error', 500, true),
      ],
    }),
  );
  await qr.createIndex('outbox_events', new TableIndex({ name: 'idx_outbox_unpublished', columnNames: ['published_at', 'created_at'] }));
  await qr.createTable(
    new Table({ name: 'inbox_events', columns: [col.id('event_id'), col.str('event_name', 100), col.time('handled_at')] }),
  );
}

export async function dropMessagingTables(qr: QueryRunner): Promise<void> {
  await qr.dropTable('inbox_events');
  await qr.dropTable('outbox_events');
}
