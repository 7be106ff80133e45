import { BadRequestException, ForbiddenException, NotFoundException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { ERROR_STATUS, type ErrorCode } from '@clinic/contracts';
import { DomainError, JsonLogger, UpstreamInternalError } from '@clinic/platform';
import { errorResponse } from './error-response';

describe('errorResponse', () => {
  let lines: string[];
  let logger: JsonLogger;

  beforeEach(() => {
    lines = [];
    logger = new JsonLogger('test', 'info', (line) => lines.push(line));
  });

  const respond = (exception: unknown) => errorResponse(exception, logger, 'req-42');

  it.each(Object.entries(ERROR_STATUS).filter(([code]) => code !== 'INTERNAL') as [ErrorCode, number][])(
    'answers DomainError %s with status %i',
    (code, status) => {
      expect(respond(new DomainError(code, 'What went wrong'))).toEqual({ status, body: { code, message: 'What went wrong' } });
      expect(lines).toEqual([]);
    },
  );

  it('keeps the details of a DomainError', () => {
    const details = [{ field: 'phone', errors: ['phone must be a mainland mobile number (11 digits)'] }];
    expect(respond(new DomainError('VALIDATION.FAILED', 'Invalid fields: phone', details))).toEqual({
      status: 400,
      body: { code: 'VALIDATION.FAILED', message: 'Invalid fields: phone', details },
    });
  });

  it("answers a service's INTERNAL error with 500 and the service's error id, without logging it again", () => {
    const result = respond(new UpstreamInternalError('err-from-patient-svc', 'Internal error'));
    expect(result).toEqual({ status: 500, body: { code: 'INTERNAL', message: 'Internal error', errorId: 'err-from-patient-svc' } });
    expect(lines).toEqual([]);
  });

  it('logs an INTERNAL that carries no error id here, once, and answers with a fresh id', () => {
    for (const thrown of [new UpstreamInternalError(undefined, 'Internal error'), new DomainError('INTERNAL', 'pool exhausted on db-2')]) {
      lines = [];
      const { status, body } = respond(thrown);
      expect(status).toBe(500);
      expect(body).toEqual({ code: 'INTERNAL', message: 'Internal error', errorId: expect.any(String) });
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]).errorId).toBe(body.errorId);
    }
  });

  describe('an unexpected error', () => {
    const boom = new Error('connect ECONNREFUSED 10.0.0.5:3306 (password=hunter2)');

    it('is answered with 500 and a fresh error id, and no details of the error', () => {
      const { status, body } = respond(boom);
      expect(status).toBe(500);
      expect(body).toEqual({ code: 'INTERNAL', message: 'Internal error', errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|hunter2|\n\s+at /);
    });

    it('is logged exactly once, under the id the client gets, with the request id and stack', () => {
      const { body } = respond(boom);
      expect(lines).toHaveLength(1);
      const entry = JSON.parse(lines[0]);
      expect(entry).toMatchObject({ level: 'error', errorId: body.errorId, requestId: 'req-42', error: boom.message });
      expect(entry.stack).toContain('error-response.spec.ts');
    });

    it('gets a new id each time', () => {
      expect(respond(boom).body.errorId).not.toBe(respond(boom).body.errorId);
      expect(lines).toHaveLength(2);
    });

    it.each([
      ['a string', 'oops'],
      ['null', null],
      ['undefined', undefined],
      ['a plain object', { statusCode: 400 }],
      ['a non-Fastify error with a 4xx status', Object.assign(new Error('x'), { statusCode: 404, code: 'ENOENT' })],
      ['a Fastify 5xx', Object.assign(new Error('x'), { statusCode: 500, code: 'FST_ERR_SOMETHING' })],
    ])('includes %s', (_name, thrown) => {
      expect(respond(thrown)).toEqual({ status: 500, body: { code: 'INTERNAL', message: 'Internal error', errorId: expect.any(String) } });
      expect(lines).toHaveLength(1);
    });
  });

  describe("Fastify's own client errors", () => {
    it('answers invalid JSON with 400 REQUEST.MALFORMED', () => {
      const err = Object.assign(new Error("Body is not valid JSON but content-type is set to 'application/json'"), {
        statusCode: 400,
        code: 'FST_ERR_CTP_INVALID_JSON',
      });
      expect(respond(err)).toEqual({ status: 400, body: { code: 'REQUEST.MALFORMED', message: err.message } });
      expect(lines).toEqual([]);
    });

    it('answers a body that is too large with 413 REQUEST.TOO_LARGE', () => {
      const err = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
      expect(respond(err)).toEqual({ status: 413, body: { code: 'REQUEST.TOO_LARGE', message: 'Request body is too large' } });
    });

    it('answers an unsupported content type with 400 REQUEST.MALFORMED', () => {
      const err = Object.assign(new Error('Unsupported Media Type: text/csv'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
      expect(respond(err)).toMatchObject({ status: 400, body: { code: 'REQUEST.MALFORMED' } });
    });

    it('works on plain objects as well as Errors', () => {
      expect(respond({ statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON', message: 'Unexpected token' })).toEqual({
        status: 400,
        body: { code: 'REQUEST.MALFORMED', message: 'Unexpected token' },
      });
    });
  });

  describe('Nest HTTP exceptions', () => {
    it('answers NotFoundException (no route) with 404 NOT_FOUND', () => {
      expect(respond(new NotFoundException('Cannot GET /api/v1/nope'))).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: 'No such resource' } });
      expect(lines).toEqual([]);
    });

    it('maps the other client statuses to their codes', () => {
      expect(respond(new BadRequestException('Bad'))).toEqual({ status: 400, body: { code: 'REQUEST.MALFORMED', message: 'Bad' } });
      expect(respond(new ForbiddenException())).toMatchObject({ status: 403, body: { code: 'AUTH.FORBIDDEN' } });
      expect(respond(new PayloadTooLargeException())).toMatchObject({ status: 413, body: { code: 'REQUEST.TOO_LARGE' } });
      expect(respond(new UnsupportedMediaTypeException())).toMatchObject({ status: 400, body: { code: 'REQUEST.MALFORMED' } });
    });

    it('does not pass a long message through', () => {
      expect(respond(new BadRequestException('x'.repeat(500)))).toEqual({ status: 400, body: { code: 'REQUEST.MALFORMED', message: 'Malformed request' } });
    });
  });
});
