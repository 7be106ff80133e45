import { HttpException } from '@nestjs/common';
import { httpStatusOf, type ErrorBody, type ErrorCode } from '@clinic/contracts';
import { DomainError, JsonLogger, newErrorId, UpstreamInternalError } from '@clinic/platform';

/** Codes for what the HTTP layer itself refuses (no route, no body parser, …). */
const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'REQUEST.MALFORMED',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'REQUEST.TOO_LARGE',
  429: 'RATE_LIMITED',
};

/**
 * The one mapping from anything thrown while serving a request to the HTTP reply. Known codes take the
 * status the contract gives them; anything unexpected is logged here once with an error id and answered
 * as a 500 that carries only that id.
 */
export function errorResponse(exception: unknown, logger: JsonLogger, requestId: string): { status: number; body: ErrorBody } {
  if (exception instanceof UpstreamInternalError && exception.errorId) {
    // Logged once already, by the service that failed, under this id.
    return { status: 500, body: { code: 'INTERNAL', message: 'Internal error', errorId: exception.errorId } };
  }
  // An INTERNAL without an error id was logged nowhere: it is handled below like any unexpected error.
  if (exception instanceof DomainError && exception.code !== 'INTERNAL') {
    return { status: httpStatusOf(exception.code), body: exception.toBody() };
  }

  const httpStatus = exception instanceof HttpException ? exception.getStatus() : fastifyClientErrorStatus(exception);
  if (httpStatus !== undefined) {
    const code = STATUS_CODES[httpStatus] ?? (httpStatus === 415 ? 'REQUEST.MALFORMED' : undefined);
    if (code) return { status: httpStatusOf(code), body: { code, message: clientMessage(exception, httpStatus) } };
  }

  const errorId = newErrorId();
  const err = exception as Error;
  logger.event('error', 'HttpErrorFilter', 'unexpected error', { errorId, requestId, error: err?.message, stack: err?.stack });
  return { status: 500, body: { code: 'INTERNAL', message: 'Internal error', errorId } };
}

/** Fastify's own 4xx errors (bad JSON, body too large, wrong content type) carry statusCode and FST_ codes. */
function fastifyClientErrorStatus(exception: unknown): number | undefined {
  const e = exception as { statusCode?: unknown; code?: unknown };
  return typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500 && typeof e.code === 'string' && e.code.startsWith('FST_')
    ? e.statusCode
    : undefined;
}

function clientMessage(exception: unknown, status: number): string {
  if (status === 404) return 'No such resource';
  if (status === 413) return 'Request body is too large';
  const message = (exception as Error)?.message;
  return typeof message === 'string' && message.length < 200 ? message : 'Malformed request';
}
