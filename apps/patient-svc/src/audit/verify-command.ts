import { Tx, type JsonLogger } from '@clinic/platform';
import type { DataSource } from 'typeorm';
import { AuditLog } from './audit.entity';
import { AuditService } from './audit.service';

/** `node apps/patient-svc/dist/main.js audit-verify` (npm run audit:verify): exit 0 when the chain holds, 1 when not. */
export async function verifyAuditCommand(ds: DataSource, logger: JsonLogger): Promise<number> {
  const result = await new AuditService(new Tx(ds), ds.getRepository(AuditLog)).verify();
  logger.event(result.ok ? 'info' : 'error', 'AuditVerify', result.ok ? `audit chain intact: ${result.checked} rows` : `audit chain broken: ${result.reason}`, result);
  return result.ok ? 0 : 1;
}
