import { describe, expect, it } from 'vitest';
import { businessDayBounds, businessDayOf, formatReceiptNumber } from '../../../electron/core/ledger';

describe('business day', () => {
  // Local times built with the Date constructor: the test holds in any time zone.
  it('is the local calendar date by default', () => {
    expect(businessDayOf(new Date(2025, 0, 31, 0, 0))).toBe('2025-01-31');
    expect(businessDayOf(new Date(2025, 0, 31, 23, 59))).toBe('2025-01-31');
  });

  it('counts the small hours for the day before when the day starts later (a bar closing at 2 a.m.)', () => {
    expect(businessDayOf(new Date(2025, 2, 1, 1, 59), 2)).toBe('2025-02-28');
    expect(businessDayOf(new Date(2025, 2, 1, 2, 0), 2)).toBe('2025-03-01');
    expect(businessDayOf(new Date(2025, 0, 1, 0, 30), 6)).toBe('2024-12-31');
  });

  it('as a time range holds exactly the moments that count for that day, whatever hour it starts', () => {
    for (const startsAt of [0, 2, 6]) {
      const { fromAt, toAt } = businessDayBounds('2025-03-01', startsAt);
      const first = new Date(fromAt);
      const last = new Date(Date.parse(toAt) - 1);
      expect([businessDayOf(first, startsAt), businessDayOf(last, startsAt)]).toEqual(['2025-03-01', '2025-03-01']);
      expect(businessDayOf(new Date(first.getTime() - 1), startsAt)).toBe('2025-02-28');
      expect(businessDayOf(new Date(toAt), startsAt)).toBe('2025-03-02');
    }
  });

  it('refuses a day that is not one', () => {
    expect(() => businessDayBounds('2025-02-30', 0)).toThrow(/not a calendar day/);
    expect(() => businessDayBounds('1.3.2025', 0)).toThrow(/YYYY-MM-DD/);
  });
});

describe('receipt numbers', () => {
  it('are the device id and a six-digit count, growing past a million', () => {
    expect(formatReceiptNumber('POS1', 42)).toBe('POS1-000042');
    expect(formatReceiptNumber('POS1', 1_234_567)).toBe('POS1-1234567');
  });
});
