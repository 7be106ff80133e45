import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { requestContext } from '@clinic/platform';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';

/** Handlers run inside the request's id; the service client sends it on to the services. */
@Injectable()
export class HttpRequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    return new Observable((subscriber) => requestContext.run({ requestId: req.id, clientIp: req.ip }, () => next.handle().subscribe(subscriber)));
  }
}
