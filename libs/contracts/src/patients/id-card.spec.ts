import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parseIdCard } from './id-card';
import { CreatePatientDto } from './patient.dto';

/**
 * The check character of GB 11643 / ISO 7064 MOD 11-2, computed from the standard's definition (weights
 * 2^(17-i) mod 11, check value (12 - sum mod 11) mod 11, 10 written X) rather than from the tables the code uses.
 */
function checkChar(base17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(base17[i]) * (2 ** (17 - i) % 11);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

const withCheck = (base17: string) => base17 + checkChar(base17);

/** A valid number whose check character is X, found by trying sequence codes. */
function numberEndingInX(): string {
  for (let seq = 0; seq < 1000; seq++) {
    const id = withCheck(`11010519800101${String(seq).padStart(3, '0')}`);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no sequence code gives X');
}

describe('parseIdCard', () => {
  it('computes the check character the standard example gives', () => {
    // GB 11643-1999 appendix example.
    expect(checkChar('11010519491231002')).toBe('X');
  });

  it('reads birth date and gender from a valid number', () => {
    expect(parseIdCard(withCheck('11010519491231002'))).toEqual({ birthDate: '1949-12-31', gender: 'F' });
    expect(parseIdCard(withCheck('44030419900307001'))).toEqual({ birthDate: '1990-03-07', gender: 'M' });
    expect(parseIdCard(withCheck('44030419900307019'))).toEqual({ birthDate: '1990-03-07', gender: 'M' });
    expect(parseIdCard(withCheck('44030419900307028'))).toEqual({ birthDate: '1990-03-07', gender: 'F' });
  });

  it('accepts a check character X', () => {
    const id = numberEndingInX();
    expect(parseIdCard(id)).toEqual({ birthDate: '1980-01-01', gender: Number(id[16]) % 2 ? 'M' : 'F' });
  });

  it('rejects a lower-case x', () => {
    expect(parseIdCard(numberEndingInX().toLowerCase())).toBeNull();
  });

  it('rejects every wrong check character', () => {
    const base = '11010519491231002';
    const right = checkChar(base);
    for (const c of '0123456789X'.replace(right, '')) expect(parseIdCard(base + c)).toBeNull();
  });

  it('rejects a changed digit (the check character no longer matches)', () => {
    const id = withCheck('11010519491231002');
    expect(parseIdCard('2' + id.slice(1))).toBeNull();
  });

  it('rejects impossible dates even with a correct check character', () => {
    expect(parseIdCard(withCheck('11010520000230001'))).toBeNull(); // 30 Feb
    expect(parseIdCard(withCheck('11010519000229001'))).toBeNull(); // 1900 was not a leap year
    expect(parseIdCard(withCheck('11010519901301001'))).toBeNull(); // month 13
    expect(parseIdCard(withCheck('11010519900100001'))).toBeNull(); // day 0
    expect(parseIdCard(withCheck('11010518991231001'))).toBeNull(); // before 1900
    expect(parseIdCard(withCheck('11010520000229001'))).toEqual({ birthDate: '2000-02-29', gender: 'M' });
  });

  it('rejects a birth date in the future', () => {
    const next = new Date().getUTCFullYear() + 1;
    expect(parseIdCard(withCheck(`110105${next}0101001`))).toBeNull();
  });

  it('rejects anything not 17 digits and a check character', () => {
    const id = withCheck('11010519491231002');
    for (const bad of ['', id.slice(0, 17), id + '0', '110105491231002', ` ${id}`, `${id} `, id.replace('4', 'A'), '１１０１０５１９４９１２３１００２X']) {
      expect(parseIdCard(bad)).toBeNull();
    }
  });
});

describe('IsIdCardConsistent on CreatePatientDto', () => {
  const female = withCheck('11010519491231002');
  const base = { name: '张三', gender: 'F', birthDate: '1949-12-31', phone: '13800138000' };

  async function idCardErrors(fields: Record<string, unknown>) {
    const errors = await validate(plainToInstance(CreatePatientDto, { ...base, ...fields }));
    return errors.filter((e) => e.property === 'idCardNo').flatMap((e) => Object.keys(e.constraints ?? {}));
  }

  it('accepts an ID number that agrees with birth date and gender', async () => {
    expect(await validate(plainToInstance(CreatePatientDto, { ...base, idCardNo: female }))).toEqual([]);
  });

  it('accepts a patient without an ID number', async () => {
    expect(await validate(plainToInstance(CreatePatientDto, base))).toEqual([]);
  });

  it('rejects a valid ID number whose birth date disagrees', async () => {
    expect(await idCardErrors({ idCardNo: female, birthDate: '1949-12-30' })).toEqual(['isIdCardConsistent']);
  });

  it('rejects a valid ID number whose gender disagrees', async () => {
    expect(await idCardErrors({ idCardNo: female, gender: 'M' })).toEqual(['isIdCardConsistent']);
  });

  it('rejects an invalid ID number', async () => {
    expect(await idCardErrors({ idCardNo: female.slice(0, 17) + (female[17] === '0' ? '1' : '0') })).toEqual(['isIdCardConsistent']);
  });
});
