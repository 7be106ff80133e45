import { randomUUID } from 'node:crypto';
import type { ErrorBody, ErrorCode, FieldError } from '@clinic/contracts';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';

/** A failure the caller can act on. It crosses the wire as its code, never as a class. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);

export function newErrorId(): string {
  return randomUUID();
}

export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, errors: Object.values(e.constraints) }] : [];
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

export function validationError(errors: ValidationError[]): DomainError {
  return invalidFields(fieldErrors(errors));
}

/** A 400 naming each field and what is wrong with it, for checks a DTO's decorators cannot make. */
export function invalidFields(details: { field: string; errors: string[] }[]): DomainError {
  return new DomainError('VALIDATION.FAILED', `Invalid fields: ${details.map((d) => d.field).join(', ')}`, details);
}

/**
 * Validates a payload against its contract class, as the gateway does: the gateway is not the only
 * possible sender, so every service checks again on arrival.
 */
export async function parsePayload<T extends object>(cls: new () => T, data: unknown): Promise<T> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new DomainError('VALIDATION.FAILED', 'Payload must be an object', []);
  }
  const instance = plainToInstance(cls, data);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw validationError(errors);
  return instance;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else names nothing, and callers answer it as not found. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
