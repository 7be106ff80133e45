import { runService } from '@clinic/platform';
import { AppModule } from './app.module';
import { ENTITIES, MIGRATIONS } from './database';

void runService({ service: 'pharmacy', entities: ENTITIES, migrations: MIGRATIONS, module: AppModule.forRoot });
