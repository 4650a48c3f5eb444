/**
 * The one catalogue (shared/i18n): every language has every key, no text is
 * empty, every `{param}` is the same in each language, and no key is left
 * that the product never asks for. Keys built at run time
 * (`payment.headline.${kind}`) are listed below with every value they take.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DICTIONARIES, LANGUAGES } from '../../../shared/i18n';
import { en } from '../../../shared/i18n/en';
import { APP_REASON_CODES, type LedgerFaultCause, type OutcomeKind } from '../../../shared/messages';
import { MOMO_REASON_CODES } from '../../../shared/momo-vocabulary';
import { MARKETS } from '../../../shared/markets';
import type { AlarmKind } from '../../../electron/core/headoffice/report';
import { headOfficeRouter } from '../../../electron/core/headoffice/web';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const KEYS = Object.keys(en);

/** Compile-time: a list that names every member of a union, or this does not type-check. */
const every =
  <T extends string>() =>
  <L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })) =>
    list;

const OUTCOME_KINDS = every<OutcomeKind>()(['sending', 'waiting', 'checking', 'timed_out', 'stopped', 'paid', 'paid_cash', 'paid_twice', 'declined', 'expired', 'failed', 'not_sent', 'cancelled'] as const);
const ALARM_KINDS = every<AlarmKind>()(['fork', 'forged', 'foreign', 'invalid', 'gap'] as const);
// 'newer' is said by the ledger's own error.ledger.tooNew.
const FAULT_CAUSES = every<Exclude<LedgerFaultCause, 'newer'>>()(['missing', 'permission', 'truncated', 'damaged', 'not-sqlite', 'implausible-schema', 'clock-ahead'] as const);

/**
 * Keys the product builds from a value (a template literal in the source):
 * each prefix, and every value the code can put after it.
 */
const DYNAMIC: Record<string, readonly string[]> = {
  'payment.headline.': [...OUTCOME_KINDS, 'invoiceSent', 'invoiceExpired'],
  'payment.status.': ['sending', 'waiting', 'checking', 'timed_out', 'stopped', 'paid', 'paid_cash', 'paid_twice', 'failed_without_reason', 'unknown_reason'],
  'payment.reason.': MOMO_REASON_CODES,
  'payment.appReason.': APP_REASON_CODES.filter((code) => code !== 'UNSPECIFIED'),
  'fault.': FAULT_CAUSES,
  'country.': Object.values(MARKETS).map((market) => market.country),
  'till.rules.limit.': ['market', 'shop', 'safety'],
  'hq.kinds.': ALARM_KINDS,
};

/** Sections read by short name (`words.zTitle`, `labels.total`): the prefix, the files that read it and how. */
const SECTIONS: Record<string, { files: string[]; reads: RegExp }> = {
  'report.': { files: ['electron/core/till/report-html.ts', 'electron/core/till/report-text.ts'], reads: /\bwords\.(\w+)/g },
  'hq.': { files: ['electron/core/headoffice/page/page.js', 'electron/core/headoffice/page/index.html'], reads: /(?:\bwords\.|data-text=")(\w+)/g },
  'receipt.paper.': { files: ['electron/core/receipts/model.ts', 'electron/core/receipts/layout.ts', 'electron/core/receipts/html.ts', 'electron/core/receipts/escpos.ts'], reads: /\blabels\.(\w+)/g },
};

/** The last part of a key that a caller leaves out: plural forms (chosen by count) and a sentence's two halves. */
const IMPLIED_ENDINGS = new Set(['zero', 'one', 'two', 'few', 'many', 'other', 'sentence', 'nextStep']);

function productSource(): string {
  const files = ['shared', 'electron', 'renderer/src'].flatMap((folder) =>
    readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(tsx?|m?js|html)$/.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .filter((file) => !file.includes(`${path.sep}i18n${path.sep}`) || !/[/\\](en|fr|rw)\.ts$/.test(file)),
  );
  return files.map((file) => readFileSync(file, 'utf8')).join('\n');
}

const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort().join(' ');

describe('the catalogue', () => {
  it.each(LANGUAGES)('%s has exactly the keys of English, none missing and none extra', (language) => {
    const keys = Object.keys(DICTIONARIES[language]);
    expect(KEYS.filter((key) => !keys.includes(key)), 'missing').toEqual([]);
    expect(keys.filter((key) => !Object.hasOwn(en, key)), 'extra').toEqual([]);
  });

  it.each(LANGUAGES)('%s has no empty text', (language) => {
    expect(Object.entries(DICTIONARIES[language]).filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it.each(LANGUAGES)('%s has the same {params} as English in every text', (language) => {
    const dictionary = DICTIONARIES[language] as Record<string, string>;
    expect(KEYS.filter((key) => placeholders(dictionary[key]!) !== placeholders(en[key as keyof typeof en]))).toEqual([]);
  });

  it('a plural text has its .one and .other forms', () => {
    const bases = new Set(KEYS.filter((key) => /\.(one|other)$/.test(key)).map((key) => key.replace(/\.(one|other)$/, '')));
    // `connection.other` is a reason called "other", not a plural form.
    const lonely = [...bases].filter((base) => !(Object.hasOwn(en, `${base}.one`) && Object.hasOwn(en, `${base}.other`)) && base !== 'connection');
    expect(lonely).toEqual([]);
  });

  it('every value a built key can take has its text (payment.headline.${kind}…)', () => {
    const missing = Object.entries(DYNAMIC).flatMap(([prefix, values]) => values.filter((value) => !KEYS.some((key) => key === prefix + value || key.startsWith(`${prefix}${value}.`))).map((value) => prefix + value));
    expect(missing).toEqual([]);
  });

  it('every key is used by the product: written out, built from a listed value, or read by short name', () => {
    const source = productSource();
    const literal = (text: string) => source.includes(`'${text}'`) || source.includes(`"${text}"`) || source.includes(`\`${text}\``);
    const readBySection = new Map(
      Object.entries(SECTIONS).map(([prefix, { files, reads }]) => [prefix, new Set(files.flatMap((file) => [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(reads)].map((match) => match[1]!)))]),
    );
    const used = (key: string): boolean => {
      if (literal(key)) return true;
      const ending = key.slice(key.lastIndexOf('.') + 1);
      if (IMPLIED_ENDINGS.has(ending) && literal(key.slice(0, key.lastIndexOf('.')))) return true;
      for (const [prefix, values] of Object.entries(DYNAMIC)) {
        if (key.startsWith(prefix) && values.some((value) => key === prefix + value || key.startsWith(`${prefix}${value}.`))) return true;
      }
      for (const [prefix, names] of readBySection) {
        if (!key.startsWith(prefix)) continue;
        const name = key.slice(prefix.length);
        if (names.has(name) || literal(key.slice(0, key.lastIndexOf('.')))) return true;
      }
      return false;
    };
    expect(KEYS.filter((key) => !used(key))).toEqual([]);
  });

  it('head office’s page gets its words from the catalogue, in the language asked or else English (no database needed)', async () => {
    const router = headOfficeRouter('postgres://nobody@127.0.0.1:9/none');
    expect(await router.call('words', { language: 'fr' })).toMatchObject({ ok: true, data: { language: 'fr', words: { title: 'Siège', 'kinds.fork': 'Bifurcation' } } });
    expect(await router.call('words', { language: 'de' })).toMatchObject({ ok: true, data: { language: 'en', words: { title: 'Head office', 'salesCount.one': '{count} sale' } } });
  });
});
