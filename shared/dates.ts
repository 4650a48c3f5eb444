/**
 * Dates and times, one format per language, for every screen, receipt,
 * report and the head-office page: the day first, the month in words (never
 * "12/5/2026", which reads as May in Kigali and December in an American
 * browser), a 24-hour clock. Month names are written here rather than left
 * to the runtime's locale data: Chromium and Node ship no Kinyarwanda, and
 * their English/French short months differ between versions.
 */
import type { Language } from './i18n/languages';

const MONTHS: Record<Language, readonly string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  fr: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  rw: ['Mutarama', 'Gashyantare', 'Werurwe', 'Mata', 'Gicurasi', 'Kamena', 'Nyakanga', 'Kanama', 'Nzeri', 'Ukwakira', 'Ugushyingo', 'Ukuboza'],
};

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: string;
  minute: string;
  second: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of an instant in a time zone (the machine's own when none is given). */
function wallClock(date: Date, timeZone?: string): WallClock {
  const key = timeZone ?? '';
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { ...(timeZone ? { timeZone } : {}), year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(key, format);
  }
  const parts = format.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '0';
  return { year: Number(part('year')), month: Number(part('month')), day: Number(part('day')), hour: part('hour'), minute: part('minute'), second: part('second') };
}

function instant(value: string | Date): Date | undefined {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export interface DateOptions {
  /** IANA time zone; the machine's own when absent. */
  timeZone?: string;
  /** hh:mm:ss instead of hh:mm. */
  seconds?: boolean;
}

/** "4 Dec 2026" · "4 déc. 2026" · "4 Ukuboza 2026"; '' for a date that is not one. */
export function formatDate(value: string | Date, language: Language, options: DateOptions = {}): string {
  const date = instant(value);
  if (!date) return '';
  const c = wallClock(date, options.timeZone);
  return `${c.day} ${MONTHS[language][c.month - 1]} ${c.year}`;
}

/** "10:21" (24-hour in every language); "10:21:26" with seconds. */
export function formatTime(value: string | Date, _language: Language, options: DateOptions = {}): string {
  const date = instant(value);
  if (!date) return '';
  const c = wallClock(date, options.timeZone);
  return options.seconds ? `${c.hour}:${c.minute}:${c.second}` : `${c.hour}:${c.minute}`;
}

/** "4 Dec 2026, 10:21" · "4 déc. 2026, 10:21" · "4 Ukuboza 2026, 10:21". */
export function formatDateTime(value: string | Date, language: Language, options: DateOptions = {}): string {
  const date = formatDate(value, language, options);
  return date && `${date}, ${formatTime(value, language, options)}`;
}

/** The time alone when it falls on the same local day as `now`, else the date and time: "10:21" or "5 Dec 2026, 10:21". */
export function formatWhen(value: string | Date, language: Language, now: Date = new Date(), options: DateOptions = {}): string {
  const date = instant(value);
  if (!date) return '';
  const sameDay = formatDate(date, language, options) === formatDate(now, language, options);
  return sameDay ? formatTime(date, language, options) : formatDateTime(date, language, options);
}
