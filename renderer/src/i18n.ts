/**
 * `useT()`: interface text, numbers, money and times in the cashier's
 * language (from app.info, then settings), all through Intl.
 */
import { useMemo } from 'react';
import { translate, localeFor, type MessageKey, type MessageParams } from '../../shared/i18n';
import type { Language } from '../../shared/i18n/languages';
import { formatMoney, type Currency } from '../../shared/money';
import { formatDate, formatDateTime, formatTime, formatWhen } from '../../shared/dates';
import { useApp } from './stores/useApp';

export interface Words {
  language: Language;
  locale: string;
  t(key: MessageKey, params?: MessageParams): string;
  money(minor: number, currency?: Currency): string;
  time(iso: string): string;
  /** "4 Dec 2026": the one date format of the language (shared/dates). */
  date(iso: string): string;
  dateTime(iso: string): string;
  /** The time alone today, else the date and time. */
  when(iso: string): string;
}

export function wordsFor(language: Language, country: string, defaultCurrency: Currency): Words {
  const locale = localeFor(language, country);
  return {
    language,
    locale,
    t: (key, params) => translate(language, key, params),
    // The language alone, not language-country: 'en-RW' would write "RF 1,500" while the
    // amount field and the receipt say "RWF 1,500".
    money: (minor, currency = defaultCurrency) => formatMoney(minor, currency, language),
    time: (iso) => formatTime(iso, language),
    date: (iso) => formatDate(iso, language),
    dateTime: (iso) => formatDateTime(iso, language),
    when: (iso) => formatWhen(iso, language),
  };
}

export function useT(): Words {
  const language = useApp((state) => state.language);
  const country = useApp((state) => state.info?.country ?? 'RW');
  const currency = useApp((state) => state.info?.currency ?? 'RWF');
  return useMemo(() => wordsFor(language, country, currency), [language, country, currency]);
}
