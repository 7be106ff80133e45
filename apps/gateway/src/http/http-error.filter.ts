import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { JsonLogger } from '@clinic/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorResponse } from './error-response';

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const { status, body } = errorResponse(exception, this.logger, http.getRequest<FastifyRequest>().id);
    const reply = http.getResponse<FastifyReply>();
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (body.code === 'RATE_LIMITED' && typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    // A route that answers a file (a PDF) has set its own content type: an error is JSON whatever the route.
    void reply.status(status).type('application/json; charset=utf-8').send(body);
  }
}
