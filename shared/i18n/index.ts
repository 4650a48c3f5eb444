/** Interface text in the cashier's language; payment sentences live in shared/messages. */
import type { Language } from '../messages';
import { en, type Dictionary, type MessageKey } from './en';
import { fr } from './fr';
import { rw } from './rw';

export type { Dictionary, MessageKey } from './en';

export const DICTIONARIES: Record<Language, Dictionary> = { en, fr, rw };

export type MessageParams = Record<string, string | number>;

/** `translate('fr', 'sale.chargeAmount', { money })`; a missing value leaves its `{name}` visible, never a blank. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const text = DICTIONARIES[language][key] ?? en[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** Whether `count` takes the singular in the language ("1 payment", French "0 paiement"): Intl's plural rules. */
export function isSingular(language: Language, count: number): boolean {
  return new Intl.PluralRules(language).select(count) === 'one';
}

/** The Intl locale for a language in a market: 'fr' + 'RW' -> 'fr-RW'. */
export function localeFor(language: Language, country: string): string {
  return `${language}-${country}`;
}
