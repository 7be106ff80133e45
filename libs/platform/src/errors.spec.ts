import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsObject, IsString, Min, ValidateNested } from 'class-validator';
import { DomainError, parsePayload } from './errors';

class Line {
  @IsString()
  drugId: string;

  @IsInt()
  @Min(1)
  qty: number;
}

class Address {
  @IsString()
  city: string;
}

class Order {
  @IsString()
  patientId: string;

  // ValidateNested alone lets a missing object through.
  @IsObject()
  @ValidateNested()
  @Type(() => Address)
  address: Address;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => Line)
  lines: Line[];
}

const valid = { patientId: 'p-1', address: { city: '杭州' }, lines: [{ drugId: 'd-1', qty: 2 }] };

/** The DomainError parsePayload rejects with. */
async function rejection(data: unknown): Promise<DomainError> {
  try {
    await parsePayload(Order, data);
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('parsePayload accepted the payload');
}

const fieldsOf = (err: DomainError) => (err.details as { field: string }[]).map((d) => d.field);

describe('parsePayload', () => {
  it('returns an instance of the contract class with the values', async () => {
    const order = await parsePayload(Order, valid);
    expect(order).toBeInstanceOf(Order);
    expect(order.address).toBeInstanceOf(Address);
    expect(order.lines[0]).toBeInstanceOf(Line);
    expect(order).toEqual(valid);
  });

  it('rejects an unknown field instead of dropping it, naming it', async () => {
    const err = await rejection({ ...valid, discount: 100 });
    expect(err.code).toBe('VALIDATION.FAILED');
    expect(err.details).toEqual([{ field: 'discount', errors: [expect.stringContaining('discount')] }]);
    expect(err.message).toContain('discount');
  });

  it('rejects an unknown nested field with its dotted name', async () => {
    expect(fieldsOf(await rejection({ ...valid, address: { city: '杭州', isAdmin: true } }))).toEqual(['address.isAdmin']);
    expect(fieldsOf(await rejection({ ...valid, lines: [{ drugId: 'd-1', qty: 1, price: 0 }] }))).toEqual(['lines.0.price']);
  });

  it('names invalid nested fields with dots, array items by index', async () => {
    const err = await rejection({ patientId: 7, address: { city: 1 }, lines: [{ drugId: 'd-1', qty: 1 }, { drugId: 'd-2', qty: 0 }] });
    expect(err.code).toBe('VALIDATION.FAILED');
    expect(fieldsOf(err).sort()).toEqual(['address.city', 'lines.1.qty', 'patientId']);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'p-1'],
    ['a number', 42],
    ['an array', [valid]],
  ])('rejects %s as the payload', async (_name, data) => {
    const err = await rejection(data);
    expect(err.code).toBe('VALIDATION.FAILED');
    expect(err.message).toBe('Payload must be an object');
  });

  it('rejects missing required fields', async () => {
    expect(fieldsOf(await rejection({})).sort()).toEqual(['address', 'lines', 'patientId']);
  });
});

describe('DomainError', () => {
  it('crosses the wire as code, message and details only', () => {
    expect(new DomainError('NOT_FOUND', 'Patient not found').toBody()).toEqual({ code: 'NOT_FOUND', message: 'Patient not found' });
    expect(new DomainError('VALIDATION.FAILED', 'bad', [{ field: 'x', errors: ['e'] }]).toBody()).toEqual({
      code: 'VALIDATION.FAILED',
      message: 'bad',
      details: [{ field: 'x', errors: ['e'] }],
    });
  });
});
