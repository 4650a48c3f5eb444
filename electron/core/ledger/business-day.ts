/**
 * The business day a moment counts for: the local calendar date, except that
 * a shop whose day ends after midnight (a bar closing at 2 a.m.) sets
 * dayStartsAtHour and the small hours count for the day before.
 */
export function businessDayOf(moment: Date, dayStartsAtHour = 0): string {
  const local = new Date(moment.getTime());
  if (local.getHours() < dayStartsAtHour) local.setDate(local.getDate() - 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

export function formatReceiptNumber(deviceId: string, seq: number): string {
  return `${deviceId}-${String(seq).padStart(6, '0')}`;
}
