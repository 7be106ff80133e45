import { Transport, type ClientOptions, type MicroserviceOptions } from '@nestjs/microservices';
import type { ServiceName } from '@clinic/contracts';
import type { Config } from '../config/config';

/**
 * Redis in the production topology, TCP on loopback in the embedded default. Redis sides retry forever,
 * a second apart: without it a Redis outage leaves a process that never listens again.
 */
const REDIS_RETRY = { retryAttempts: Number.MAX_SAFE_INTEGER, retryDelay: 1000 };

export function transportKind(config: Config): 'redis' | 'tcp' {
  return config.redis() ? 'redis' : 'tcp';
}

export function serverOptions(config: Config, service: ServiceName): MicroserviceOptions {
  const redis = config.redis();
  if (redis) return { transport: Transport.REDIS, options: { ...redis, ...REDIS_RETRY } };
  return { transport: Transport.TCP, options: { host: config.env.SERVICE_HOST, port: config.servicePort(service) } };
}

export function clientOptions(config: Config, service: ServiceName): ClientOptions {
  const redis = config.redis();
  if (redis) return { transport: Transport.REDIS, options: { ...redis, ...REDIS_RETRY } };
  return { transport: Transport.TCP, options: { host: config.env.SERVICE_HOST, port: config.servicePort(service) } };
}
