import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import type { ErrorBody } from '@clinic/contracts';
import { throwError, type Observable } from 'rxjs';
import { DomainError, newErrorId } from '../errors';
import type { JsonLogger } from '../logging/logger';

/**
 * Service side of the error contract: a DomainError crosses as its code; anything else is logged here,
 * once, with a new error id, and crosses as INTERNAL carrying only that id.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<ErrorBody> {
    // An INTERNAL crosses only with the id it was logged under; one without an id is logged here like any other.
    if (exception instanceof DomainError && (exception.code !== 'INTERNAL' || exception.toBody().errorId)) {
      return throwError(() => exception.toBody());
    }
    const errorId = newErrorId();
    const err = exception as Error;
    this.logger.event('error', 'RpcErrorFilter', 'unexpected error', { errorId, error: err?.message, stack: err?.stack });
    return throwError(() => ({ code: 'INTERNAL', message: 'Internal error', errorId }) satisfies ErrorBody);
  }
}
