/**
 * The business day: the one home of the rule (the sale's day, today's day
 * for a report or the support bundle, a day as a time range).
 */
import { ValidationError } from '../../../shared/errors';

/**
 * The business day a moment counts for (today: businessDayOf(new Date(), hour)): the local calendar date, except that
 * a shop whose day ends after midnight (a bar closing at 2 a.m.) sets
 * dayStartsAtHour and the small hours count for the day before.
 */
export function businessDayOf(moment: Date, dayStartsAtHour = 0): string {
  const local = new Date(moment.getTime());
  if (local.getHours() < dayStartsAtHour) local.setDate(local.getDate() - 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/** A business day as a time range: from dayStartsAtHour that day to the same hour the next (local time). */
export function businessDayBounds(businessDay: string, dayStartsAtHour: number): { fromAt: string; toAt: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(businessDay);
  if (!match) throw new ValidationError('date', 'error.till.dayWrittenYyyyMm');
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const from = new Date(y, m - 1, d, dayStartsAtHour);
  if (from.getFullYear() !== y || from.getMonth() !== m - 1 || from.getDate() !== d) throw new ValidationError('date', 'error.till.notCalendarDay', { businessDay });
  return { fromAt: from.toISOString(), toAt: new Date(y, m - 1, d + 1, dayStartsAtHour).toISOString() };
}

export function formatReceiptNumber(deviceId: string, seq: number): string {
  return `${deviceId}-${String(seq).padStart(6, '0')}`;
}
