import { runService, verifyAuditCommand } from '@clinic/platform';
import { AppModule } from './app.module';
import { ENTITIES, MIGRATIONS } from './database';

void runService({ service: 'patient', entities: ENTITIES, migrations: MIGRATIONS, module: AppModule.forRoot, commands: { 'audit-verify': verifyAuditCommand } });
