import { passwordProblems } from './password';
import { isMobile } from './phone';

describe('passwordProblems', () => {
  it('accepts 10+ characters mixing three kinds', () => {
    expect(passwordProblems('Clinic-2026')).toBeNull();
    expect(passwordProblems('clinic2026!')).toBeNull(); // lower, digits, symbol
    expect(passwordProblems('CLINICclinic9')).toBeNull(); // upper, lower, digits
  });

  it('refuses short, long, too plain, or the username inside', () => {
    expect(passwordProblems('Cl-2026')).toBe('password must be 10-128 characters');
    expect(passwordProblems(`Aa1-${'x'.repeat(130)}`)).toBe('password must be 10-128 characters');
    expect(passwordProblems('clinicclinic2026')).toBe('password must mix at least three of: lower case, upper case, digits, symbols');
    expect(passwordProblems('Dr.Wang-2026x', 'dr.wang')).toBe('password must not contain the username');
    expect(passwordProblems('Dr.Wang-2026x', 'li')).toBeNull(); // too short a name to forbid
  });
});

describe('isMobile', () => {
  it('takes 11-digit mainland numbers starting 13-19 only', () => {
    expect(isMobile('13800138000')).toBe(true);
    expect(isMobile('19912345678')).toBe(true);
    expect(isMobile('12800138000')).toBe(false);
    expect(isMobile('1380013800')).toBe(false);
    expect(isMobile('+8613800138000')).toBe(false);
  });
});
