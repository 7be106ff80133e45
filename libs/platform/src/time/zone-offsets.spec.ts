import { offsetPieces } from './zone-offsets';

describe('zone offsets', () => {
  it('splits a period at daylight-saving changes only', () => {
    expect(offsetPieces('Asia/Shanghai', new Date('2025-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'))).toEqual([{ until: null, minutes: 480 }]);
    const berlin = offsetPieces('Europe/Berlin', new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(berlin).toEqual([
      { until: new Date('2026-03-29T01:00:00Z'), minutes: 60 },
      { until: new Date('2026-10-25T01:00:00Z'), minutes: 120 },
      { until: null, minutes: 60 },
    ]);
  });
});
