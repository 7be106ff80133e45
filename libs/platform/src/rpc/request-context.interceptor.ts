import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { requestContext } from '../logging/logger';

/** Runs each message handler inside the request id the gateway sent, so its logs carry it. */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const data = context.switchToRpc().getData() as { meta?: { requestId?: unknown; clientIp?: unknown } } | undefined;
    const requestId = typeof data?.meta?.requestId === 'string' ? data.meta.requestId.slice(0, 64) : 'unknown';
    const clientIp = typeof data?.meta?.clientIp === 'string' ? data.meta.clientIp.slice(0, 64) : undefined;
    return new Observable((subscriber) => requestContext.run({ requestId, clientIp }, () => next.handle().subscribe(subscriber)));
  }
}
