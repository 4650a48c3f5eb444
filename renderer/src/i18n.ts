/**
 * `useT()`: interface text, numbers, money and times in the cashier's
 * language (from app.info, then settings), all through Intl.
 */
import { useMemo } from 'react';
import { translate, localeFor, type MessageKey, type MessageParams } from '../../shared/i18n';
import type { Language } from '../../shared/messages';
import { formatMoney, type Currency } from '../../shared/money';
import { useApp } from './stores/useApp';

export interface Words {
  language: Language;
  locale: string;
  t(key: MessageKey, params?: MessageParams): string;
  money(minor: number, currency?: Currency): string;
  time(iso: string): string;
}

export function wordsFor(language: Language, country: string, defaultCurrency: Currency): Words {
  const locale = localeFor(language, country);
  // 24-hour, as on the receipt; also where the browser lacks the locale (Kinyarwanda) and would use en-US's 12-hour clock.
  const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return {
    language,
    locale,
    t: (key, params) => translate(language, key, params),
    // The language alone, not language-country: 'en-RW' would write "RF 1,500" while the
    // amount field and the receipt say "RWF 1,500".
    money: (minor, currency = defaultCurrency) => formatMoney(minor, currency, language),
    time: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? '' : clock.format(date);
    },
  };
}

export function useT(): Words {
  const language = useApp((state) => state.language);
  const country = useApp((state) => state.info?.country ?? 'RW');
  const currency = useApp((state) => state.info?.currency ?? 'RWF');
  return useMemo(() => wordsFor(language, country, currency), [language, country, currency]);
}
