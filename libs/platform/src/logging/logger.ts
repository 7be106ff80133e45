import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService, LogLevel } from '@nestjs/common';

interface RequestContext {
  requestId: string;
  /** The caller's address, known at the gateway; it travels on to the services in the message meta. */
  clientIp?: string;
}

/** Carries the request id from the gateway through every log line of the request, in every process. */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

export function currentClientIp(): string | undefined {
  return requestContext.getStore()?.clientIp;
}

const LEVELS: Record<string, number> = { debug: 10, verbose: 10, log: 20, info: 20, warn: 30, error: 40, fatal: 50 };

/**
 * One JSON object a line on stdout: time, level, process, context, message, request id and any fields.
 * Callers never pass secrets or full identifiers (see maskPhone / maskIdCard).
 */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(
    private readonly processName: string,
    level: string = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {
    this.threshold = LEVELS[level] ?? 20;
  }

  log(message: unknown, ...rest: unknown[]) {
    this.emit('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.emit('debug', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.emit('fatal', message, rest);
  }
  setLogLevels(_levels: LogLevel[]) {
    // The level comes from LOG_LEVEL once, at start-up.
  }

  /** Structured entry: `logger.event('warn', 'Auth', 'login failed', { username })`. */
  event(level: 'debug' | 'info' | 'warn' | 'error', context: string, msg: string, fields: Record<string, unknown> = {}) {
    if ((LEVELS[level] ?? 20) < this.threshold) return;
    const entry = { time: new Date().toISOString(), level, process: this.processName, context, msg, requestId: currentRequestId() };
    this.write(JSON.stringify(withFields(entry, fields)));
  }

  private emit(level: string, message: unknown, rest: unknown[]) {
    if ((LEVELS[level] ?? 20) < this.threshold) return;
    // Nest passes (message, context) or (message, stack, context).
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      process: this.processName,
      context,
      requestId: currentRequestId(),
    };
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      withFields(entry, message as Record<string, unknown>);
    } else {
      entry.msg = String(message);
    }
    if (typeof rest[0] === 'string' && rest[0].includes('\n    at ')) entry.stack = rest[0];
    this.write(JSON.stringify(entry));
  }
}

/**
 * Adds the caller's fields without letting them overwrite time, level, process or a request id already known;
 * they may fill one that is not (the gateway's response hook runs outside the request context).
 */
function withFields(entry: Record<string, unknown>, fields: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(fields)) if (entry[key] === undefined) entry[key] = value;
  return entry;
}

/** 138****8000: enough for a person to recognise, not enough to identify. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** 110101********1234: the region code and the last four digits. */
export function maskIdCard(idCard: string): string {
  return idCard.length >= 10 ? `${idCard.slice(0, 6)}${'*'.repeat(idCard.length - 10)}${idCard.slice(-4)}` : '****';
}
