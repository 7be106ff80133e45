import { directions, frequencyLabel } from './frequency';

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
