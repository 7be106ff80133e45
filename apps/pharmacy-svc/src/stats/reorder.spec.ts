import { dailyUseOf, reorderQuantity } from './reorder';

describe('reorderQuantity', () => {
  const base = { used30d: 0, coverDays: 30, available: 0, reorderLevel: 0 };

  it('covers the days asked at the last 30 days’ rate, after what is available', () => {
    expect(reorderQuantity({ ...base, used30d: 45, coverDays: 30, available: 10 })).toBe(35);
    // 45 units in 30 days is 1.5 a day; 7 days is 10.5, rounded up to 11.
    expect(reorderQuantity({ ...base, used30d: 45, coverDays: 7, available: 0 })).toBe(11);
    expect(reorderQuantity({ ...base, used30d: 45, coverDays: 7, available: 4 })).toBe(7);
    // Exactly divisible: no extra unit.
    expect(reorderQuantity({ ...base, used30d: 30, coverDays: 14, available: 0 })).toBe(14);
  });

  it('suggests nothing when stock covers the period, or with no use and no shortfall', () => {
    expect(reorderQuantity({ ...base, used30d: 45, coverDays: 7, available: 11 })).toBe(0);
    expect(reorderQuantity({ ...base, used30d: 0, available: 5, reorderLevel: 5 })).toBe(0);
    expect(reorderQuantity({ ...base, used30d: -3, available: 0 })).toBe(0);
  });

  it('brings a drug below its reorder level back to the level even without use', () => {
    expect(reorderQuantity({ ...base, available: 3, reorderLevel: 20 })).toBe(17);
    // Use that asks for more wins.
    expect(reorderQuantity({ ...base, used30d: 60, coverDays: 30, available: 3, reorderLevel: 20 })).toBe(57);
  });

  it('rounds up to whole order multiples', () => {
    expect(reorderQuantity({ ...base, used30d: 45, coverDays: 7, available: 0, orderMultiple: 10 })).toBe(20);
    expect(reorderQuantity({ ...base, used30d: 30, coverDays: 30, available: 0, orderMultiple: 10 })).toBe(30);
    expect(reorderQuantity({ ...base, used30d: 30, coverDays: 30, available: 30, orderMultiple: 10 })).toBe(0);
  });
});

describe('dailyUseOf', () => {
  it('is units a day over 30 days, two decimals', () => {
    expect(dailyUseOf(45)).toBe(1.5);
    expect(dailyUseOf(10)).toBe(0.33);
    expect(dailyUseOf(0)).toBe(0);
  });
});
