import { runService } from '@clinic/platform';
import { AppModule } from './app.module';
import { ENTITIES, MIGRATIONS } from './database';
import { verifyLedgerCommand } from './stock/ledger-verify.command';

void runService({ service: 'pharmacy', entities: ENTITIES, migrations: MIGRATIONS, module: AppModule.forRoot, commands: { 'ledger-verify': verifyLedgerCommand } });
