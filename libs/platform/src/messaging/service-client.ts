import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ClientProxyFactory, type ClientProxy } from '@nestjs/microservices';
import { isErrorBody, type Actor, type Envelope, type ErrorBody, type ServiceName } from '@clinic/contracts';
import { lastValueFrom, timeout, TimeoutError } from 'rxjs';
import { Config } from '../config/config';
import { DomainError } from '../errors';
import { currentClientIp, currentRequestId } from '../logging/logger';
import { clientOptions } from './transport';

/** An INTERNAL error from another process keeps the id it was logged under there. */
export class UpstreamInternalError extends DomainError {
  constructor(readonly errorId: string | undefined, message: string) {
    super('INTERNAL', message);
  }

  /** Passed on by a service that called another, the id still leads to the one log entry. */
  override toBody(): ErrorBody {
    return this.errorId ? { code: 'INTERNAL', message: 'Internal error', errorId: this.errorId } : super.toBody();
  }
}

/**
 * Request/reply to a service. Every call has a timeout: a service that is down, slow, or unreachable
 * because the broker is gone becomes UPSTREAM.UNAVAILABLE within RPC_TIMEOUT_MS, never a hang.
 */
@Injectable()
export class ServiceClient implements OnApplicationShutdown {
  private readonly clients = new Map<ServiceName, ClientProxy>();

  constructor(private readonly config: Config) {}

  async send<R>(service: ServiceName, pattern: string, data: unknown, actor?: Actor, timeoutMs = this.config.env.RPC_TIMEOUT_MS): Promise<R> {
    const envelope: Envelope = { meta: { requestId: currentRequestId() ?? 'internal', actor, clientIp: currentClientIp() }, data };
    try {
      return await lastValueFrom(this.client(service).send<R>(pattern, envelope).pipe(timeout(timeoutMs)));
    } catch (err) {
      throw this.translate(service, err, timeoutMs);
    }
  }

  /** The client for one service; over Redis any client reaches every channel. */
  client(service: ServiceName): ClientProxy {
    let client = this.clients.get(service);
    if (!client) {
      client = ClientProxyFactory.create(clientOptions(this.config, service));
      this.clients.set(service, client);
    }
    return client;
  }

  async onApplicationShutdown() {
    await Promise.all([...this.clients.values()].map((c) => c.close()));
  }

  private translate(service: ServiceName, err: unknown, timeoutMs: number): DomainError {
    if (isErrorBody(err)) {
      return err.code === 'INTERNAL' ? new UpstreamInternalError(err.errorId, err.message) : new DomainError(err.code, err.message, err.details);
    }
    if (err instanceof TimeoutError) {
      return new DomainError('UPSTREAM.UNAVAILABLE', `${service} service did not answer within ${timeoutMs} ms`);
    }
    // Connection refused or closed, broker gone: the caller can only retry later.
    return new DomainError('UPSTREAM.UNAVAILABLE', `${service} service is unreachable`);
  }
}
