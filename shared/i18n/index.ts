/**
 * Every sentence the app shows, prints or serves: one catalogue per language
 * (en.ts is the source; fr.ts and rw.ts have exactly its keys) and one
 * formatter, `translate`. Money and dates are formatted before they become
 * a `{param}` (shared/money, shared/dates).
 */
import type { Language } from './languages';
import { en, type CatalogueKey, type Dictionary } from './en';
import { fr } from './fr';
import { rw } from './rw';

export type { CatalogueKey, Dictionary } from './en';
export { isLanguage, LANGUAGE_NAMES, LANGUAGES, shellLanguage, type Language } from './languages';

export const DICTIONARIES: Record<Language, Dictionary> = { en, fr, rw };

export type MessageParams = Record<string, string | number>;

/** The forms Intl.PluralRules names; a plural sentence stores `.one` and `.other` at least. */
type PluralForm = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
/** `invoices.title` for the stored `invoices.title.one` / `invoices.title.other` (both present): translated with a `count`. */
type BaseOf<K, Form extends string> = K extends `${infer Base}.${Form}` ? Base : never;
export type PluralKey = BaseOf<CatalogueKey, 'other'> & BaseOf<CatalogueKey, 'one'>;
/** A key a caller may ask for: a plain sentence, or a plural one (which needs `count`). */
export type MessageKey = Exclude<CatalogueKey, `${PluralKey}.${PluralForm}`> | PluralKey;

const PLURAL_KEYS: ReadonlySet<string> = new Set(Object.keys(en).flatMap((key) => (key.endsWith('.other') && Object.hasOwn(en, `${key.slice(0, -'.other'.length)}.one`) ? [key.slice(0, -'.other'.length)] : [])));

export function isPluralKey(key: string): key is PluralKey {
  return PLURAL_KEYS.has(key);
}

/** The stored id for a key in a language: a plural key picks its form by `count` through Intl.PluralRules, `.other` when the language has no such form. */
function storedKey(language: Language, key: MessageKey, params?: MessageParams): CatalogueKey {
  if (!isPluralKey(key)) return key as CatalogueKey;
  const form = new Intl.PluralRules(language).select(Number(params?.count));
  const chosen = `${key}.${form}`;
  return (Object.hasOwn(en, chosen) ? chosen : `${key}.other`) as CatalogueKey;
}

/**
 * `translate('fr', 'sale.chargeAmount', { money })`, `translate('en', 'invoices.title', { count: 2 })`.
 * A missing value leaves its `{name}` visible, never a blank.
 */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const id = storedKey(language, key, params);
  const text = DICTIONARIES[language][id] ?? en[id];
  if (!params) return text;
  return fill(text, params);
}

/** `{name}` -> its value; a name with no value stays as written. */
export function fill(text: string, params: MessageParams): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** The Intl locale for a language in a market: 'fr' + 'RW' -> 'fr-RW'. */
export function localeFor(language: Language, country: string): string {
  return `${language}-${country}`;
}

/** The part of the catalogue under a prefix, without it: `section('en', 'receipt')` -> `{ total: 'TOTAL', … }`. */
export type Section<Prefix extends string> = { readonly [K in CatalogueKey as K extends `${Prefix}.${infer Rest}` ? Rest : never]: string };

export function section<Prefix extends string>(language: Language, prefix: Prefix): Section<Prefix> {
  const start = `${prefix}.`;
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(DICTIONARIES[language])) if (key.startsWith(start)) out[key.slice(start.length)] = text;
  return out as Section<Prefix>;
}

/** Whether a key built at run time is in the catalogue (`fault.${cause}.nextStep`). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key) || isPluralKey(key);
}
