/** One date and time format per language, from shared/dates: the day first, the month in words, a 24-hour clock. */
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime, formatWhen } from '../../shared/dates';

const AT = '2026-12-04T08:21:26Z'; // 10:21:26 in Johannesburg, 10:21 in Kigali (UTC+2)

describe('shared/dates', () => {
  it('writes one unambiguous date per language, never month first', () => {
    expect(formatDate(AT, 'en', { timeZone: 'Africa/Kigali' })).toBe('4 Dec 2026');
    expect(formatDate(AT, 'fr', { timeZone: 'Africa/Kigali' })).toBe('4 déc. 2026');
    expect(formatDate(AT, 'rw', { timeZone: 'Africa/Kigali' })).toBe('4 Ukuboza 2026');
  });

  it('a 24-hour clock in every language, seconds when asked', () => {
    expect(formatTime('2026-12-04T13:05:09Z', 'en', { timeZone: 'Africa/Kigali' })).toBe('15:05');
    expect(formatTime('2026-12-04T13:05:09Z', 'rw', { timeZone: 'Africa/Kigali', seconds: true })).toBe('15:05:09');
    expect(formatDateTime(AT, 'en', { timeZone: 'Africa/Kigali' })).toBe('4 Dec 2026, 10:21');
    expect(formatDateTime(AT, 'fr', { timeZone: 'Africa/Kigali' })).toBe('4 déc. 2026, 10:21');
  });

  it('the time alone today, the date and time on another day; nothing for a date that is not one', () => {
    const now = new Date('2026-12-04T15:00:00Z');
    expect(formatWhen(AT, 'en', now, { timeZone: 'Africa/Kigali' })).toBe('10:21');
    expect(formatWhen('2026-12-05T08:21:26Z', 'en', now, { timeZone: 'Africa/Kigali' })).toBe('5 Dec 2026, 10:21');
    expect(formatDate('not a date', 'en')).toBe('');
  });
});
