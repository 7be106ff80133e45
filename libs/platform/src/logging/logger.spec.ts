import { JsonLogger, maskIdCard, maskPhone, requestContext } from './logger';

describe('masking', () => {
  it('keeps the first 3 and last 4 digits of a phone number', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
  });

  it('hides a phone number too short to mask', () => {
    expect(maskPhone('12345')).toBe('****');
  });

  it('keeps the first 4 and last 4 characters of an ID number', () => {
    expect(maskIdCard('11010519491231002X')).toBe('110105********002X');
    expect(maskIdCard('11010519491231002X')).toHaveLength(18);
  });

  it('hides an ID number too short to mask', () => {
    expect(maskIdCard('1101')).toBe('****');
  });
});

describe('JsonLogger', () => {
  let lines: string[];
  const logger = (level?: string) => new JsonLogger('patient', level, (line) => lines.push(line));
  const entries = () => lines.map((line) => JSON.parse(line));

  beforeEach(() => {
    lines = [];
  });

  it('writes one JSON object per line', () => {
    const log = logger();
    log.log('started', 'Bootstrap');
    log.error(new Error('first line\nsecond line'));
    log.event('warn', 'Auth', 'login failed', { username: 'zhang' });
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).not.toContain('\n');
    expect(entries()).toEqual([
      { time: expect.any(String), level: 'info', process: 'patient', context: 'Bootstrap', msg: 'started' },
      expect.objectContaining({ level: 'error', process: 'patient', msg: 'first line\nsecond line', stack: expect.stringContaining('logger.spec.ts') }),
      { time: expect.any(String), level: 'warn', process: 'patient', context: 'Auth', msg: 'login failed', username: 'zhang' },
    ]);
    expect(Number.isNaN(Date.parse(entries()[0].time))).toBe(false);
  });

  it('carries the request id of the request being served', async () => {
    const log = logger();
    await requestContext.run({ requestId: 'req-1' }, async () => {
      log.log('inside');
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.event('info', 'Patients', 'after an await');
    });
    log.log('outside');
    expect(entries().map((e) => [e.msg, e.requestId])).toEqual([
      ['inside', 'req-1'],
      ['after an await', 'req-1'],
      ['outside', undefined],
    ]);
  });

  it('keeps the request ids of concurrent requests apart', async () => {
    const log = logger();
    await Promise.all(
      ['a', 'b'].map((id, i) =>
        requestContext.run({ requestId: id }, async () => {
          await new Promise((resolve) => setTimeout(resolve, 5 - i * 4));
          log.log(`served ${id}`);
        }),
      ),
    );
    expect(Object.fromEntries(entries().map((e) => [e.msg, e.requestId]))).toEqual({ 'served a': 'a', 'served b': 'b' });
  });

  it("takes Nest's (message, stack, context) form", () => {
    const err = new Error('boom');
    logger().error('Unhandled', err.stack, 'ExceptionsHandler');
    expect(entries()[0]).toMatchObject({ level: 'error', msg: 'Unhandled', context: 'ExceptionsHandler', stack: err.stack });
  });

  it('drops what is below its level', () => {
    const log = logger('warn');
    log.debug('d');
    log.verbose('v');
    log.log('i');
    log.event('info', 'X', 'i2');
    log.warn('w');
    log.event('warn', 'X', 'w2');
    log.error('e');
    log.fatal('f');
    expect(entries().map((e) => e.msg)).toEqual(['w', 'w2', 'e', 'f']);
  });

  it('logs info and above by default, debug only when asked', () => {
    const info = logger();
    info.debug('hidden');
    info.log('shown');
    const debug = logger('debug');
    debug.debug('shown too');
    expect(entries().map((e) => [e.level, e.msg])).toEqual([
      ['info', 'shown'],
      ['debug', 'shown too'],
    ]);
  });

  it('does not let logged fields overwrite level, process or request id', () => {
    const log = logger();
    requestContext.run({ requestId: 'req-9' }, () => {
      log.event('info', 'X', 'm', { level: 'debug', process: 'forged', requestId: 'forged' });
      log.log({ msg: 'object message', level: 'debug', requestId: 'forged' });
    });
    for (const entry of entries()) expect(entry).toMatchObject({ level: 'info', process: 'patient', requestId: 'req-9' });
  });

  it('takes a request id from the fields when it runs outside a request context', () => {
    logger().event('info', 'Http', 'request', { requestId: 'req-7', status: 200 });
    expect(entries()[0]).toMatchObject({ requestId: 'req-7', status: 200 });
  });
});
