import type { ArgumentsHost } from '@nestjs/common';
import type { ErrorBody } from '@clinic/contracts';
import { firstValueFrom } from 'rxjs';
import { DomainError } from '../errors';
import { JsonLogger } from '../logging/logger';
import { UpstreamInternalError } from '../messaging/service-client';
import { RpcErrorFilter } from './rpc-error.filter';

describe('RpcErrorFilter', () => {
  let lines: string[];
  let filter: RpcErrorFilter;

  beforeEach(() => {
    lines = [];
    filter = new RpcErrorFilter(new JsonLogger('patient', 'info', (line) => lines.push(line)));
  });

  /** The body the filter sends back to the caller. */
  async function replyTo(exception: unknown): Promise<ErrorBody> {
    try {
      await firstValueFrom(filter.catch(exception, {} as ArgumentsHost));
    } catch (body) {
      return body as ErrorBody;
    }
    throw new Error('the filter did not answer with an error');
  }

  it('sends a DomainError as its code, message and details, without logging', async () => {
    expect(await replyTo(new DomainError('PATIENT.ID_CARD_TAKEN', 'taken', { id: 'p-1' }))).toEqual({
      code: 'PATIENT.ID_CARD_TAKEN',
      message: 'taken',
      details: { id: 'p-1' },
    });
    expect(lines).toEqual([]);
  });

  it('logs an unexpected error once and sends only its error id', async () => {
    const body = await replyTo(new Error('SQLITE_BUSY: database is locked'));
    expect(body).toEqual({ code: 'INTERNAL', message: 'Internal error', errorId: expect.any(String) });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'error', errorId: body.errorId, error: 'SQLITE_BUSY: database is locked' });
  });

  it("passes on another service's INTERNAL with that service's id, without logging it again", async () => {
    expect(await replyTo(new UpstreamInternalError('err-from-billing', 'Internal error'))).toEqual({
      code: 'INTERNAL',
      message: 'Internal error',
      errorId: 'err-from-billing',
    });
    expect(lines).toEqual([]);
  });

  it('logs an INTERNAL that has no error id, and sends a fresh one instead of its message', async () => {
    const body = await replyTo(new DomainError('INTERNAL', 'pool exhausted on db-2'));
    expect(body).toEqual({ code: 'INTERNAL', message: 'Internal error', errorId: expect.any(String) });
    expect(lines).toHaveLength(1);
  });
});
