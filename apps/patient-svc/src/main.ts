import { runService } from '@clinic/platform';
import { AppModule } from './app.module';
import { verifyAuditCommand } from './audit/verify-command';
import { ENTITIES, MIGRATIONS } from './database';

void runService({ service: 'patient', entities: ENTITIES, migrations: MIGRATIONS, module: AppModule.forRoot, commands: { 'audit-verify': verifyAuditCommand } });
