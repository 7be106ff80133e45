import { directions, frequencyLabel, suggestQuantity } from './frequency';

describe('dosing directions', () => {
  it('words a line as the label prints it, leaving out what the doctor left out', () => {
    expect(directions({ route: '口服', dosage: '0.5g', frequency: 'tid', days: 7 })).toBe('口服 每次0.5g 每日三次 共7天');
    expect(directions({ dosage: '1片', frequency: 'QN' })).toBe('每次1片 每晚一次');
    expect(directions({})).toBe('');
  });

  it('passes through a frequency it does not know', () => {
    expect(frequencyLabel('每日5次')).toBe('每日5次');
    expect(frequencyLabel(null)).toBe('');
  });
});

describe('suggested quantity', () => {
  const box = { spec: '0.25g*24粒', packSize: 24 };
  it('counts pieces a dose × doses a day × days, in whole packs', () => {
    expect(suggestQuantity({ dosage: '1粒', frequency: 'tid', days: 3 }, box)).toBe(1);
    expect(suggestQuantity({ dosage: '2粒', frequency: 'tid', days: 7 }, box)).toBe(2);
    expect(suggestQuantity({ dosage: '1片', frequency: 'qd', days: 30 }, { spec: '5mg*28片', packSize: 28 })).toBe(2);
  });

  it('reads a dose by mass against the strength in the spec', () => {
    expect(suggestQuantity({ dosage: '0.5g', frequency: 'tid', days: 4 }, box)).toBe(1);
    expect(suggestQuantity({ dosage: '500mg', frequency: 'bid', days: 7 }, box)).toBe(2);
  });

  it('gives up where it cannot count', () => {
    expect(suggestQuantity({ dosage: '1片', frequency: 'prn', days: 3 }, box)).toBeNull();
    expect(suggestQuantity({ dosage: '10ml', frequency: 'tid', days: 3 }, box)).toBeNull();
    expect(suggestQuantity({ dosage: '0.5g', frequency: 'tid', days: 3 }, { spec: '3g*10袋', packSize: 10 })).toBe(1);
    expect(suggestQuantity({ dosage: '适量', frequency: 'tid', days: 3 }, box)).toBeNull();
  });
});
