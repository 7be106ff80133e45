import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Patterns, SERVICES, type HealthReply, type ServiceHealthReply } from '@clinic/contracts';
import { Config, DomainError, ServiceClient, transportKind } from '@clinic/platform';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';

/** Health answers quickly even when a service is gone: it waits at most this long for each. */
const HEALTH_TIMEOUT_MS = 2000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly services: ServiceClient,
    private readonly config: Config,
  ) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReply & { code?: string; message?: string }> {
    const timeout = Math.min(HEALTH_TIMEOUT_MS, this.config.env.RPC_TIMEOUT_MS);
    const results = await Promise.all(
      SERVICES.map(async (service) => {
        try {
          const h = await this.services.send<ServiceHealthReply>(service, Patterns[service].health, {}, undefined, timeout);
          const up = h.database === 'up' && h.migrationsPending === 0;
          const error = h.database !== 'up' ? 'database unreachable' : h.migrationsPending ? `${h.migrationsPending} migrations pending` : undefined;
          return [service, { status: up ? 'up' : 'down', database: h.database, ...(error && { error }) }] as const;
        } catch (err) {
          const error = err instanceof DomainError ? err.message : 'no answer';
          return [service, { status: 'down', database: 'down', error }] as const;
        }
      }),
    );
    const down = results.filter(([, r]) => r.status === 'down').map(([s]) => s);
    const body: HealthReply = { status: down.length ? 'down' : 'up', transport: transportKind(this.config), services: Object.fromEntries(results) };
    if (!down.length) return body;
    reply.status(503);
    return { code: 'UPSTREAM.UNAVAILABLE', message: `Down: ${down.join(', ')}`, ...body };
  }
}
