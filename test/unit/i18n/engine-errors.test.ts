/**
 * Engine refusals are keys into the catalogue: every key the product throws
 * has its sentence in every language (same {parameters}), every engine-error
 * sentence is thrown somewhere, and no throw site writes an English sentence.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../../shared/i18n';
import { en } from '../../../shared/i18n/en';
import { LANGUAGES } from '../../../shared/messages';
import { isErrorKey, PosError, ValidationError } from '../../../shared/errors';
import { describeFailure } from '../../../shared/error-text';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const PRODUCT = [...sources('electron'), ...sources('shared').filter((file) => !file.includes(`${path.sep}i18n${path.sep}`)), ...sources('renderer/src')];
const engineKeys = Object.keys(en).filter((key) => key.startsWith('error.'));
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('engine errors in the catalogue', () => {
  it('every engine-error key has a sentence in every language, with the same {parameters}', () => {
    expect(engineKeys.length).toBeGreaterThan(200);
    for (const language of LANGUAGES) {
      for (const key of engineKeys) {
        const text = (DICTIONARIES[language] as Record<string, string | undefined>)[key];
        expect(text?.trim(), `${language} ${key}`).toBeTruthy();
        expect(placeholders(text!), `${language} ${key}`).toEqual(placeholders(en[key as keyof typeof en]));
      }
    }
  });

  it('every key the product names exists, and every engine-error sentence is used by the product', () => {
    const used = new Set<string>();
    for (const file of PRODUCT) {
      for (const match of readFileSync(file, 'utf8').matchAll(/['"`]((?:error|connection)\.[A-Za-z0-9_.]+)['"`]/g)) used.add(match[1]!);
    }
    const unknown = [...used].filter((key) => key.startsWith('error.') && !Object.hasOwn(en, key));
    expect(unknown, 'keys thrown or named in product code with no sentence').toEqual([]);
    const unused = engineKeys.filter((key) => !used.has(key));
    expect(unused, 'engine-error sentences no product code uses').toEqual([]);
  });

  it('no throw site writes a sentence: the sentence argument of PosError, PrinterError, ValidationError and keyedFailure is a key', () => {
    const sentences: string[] = [];
    for (const file of PRODUCT) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:new (?:(?:PosError|PrinterError)\(\s*'[A-Z_]+'|ValidationError\(\s*[^,]+)|keyedFailure\(\s*'[A-Z_]+'),\s*(['"`])([^'"`]*)\1/g)) {
        if (!isErrorKey(match[2])) sentences.push(`${path.relative(ROOT, file)}: ${match[2]}`);
      }
    }
    expect(sentences).toEqual([]);
  });

  it('no failure is answered with a written sentence ({ ok: false, code, message: "…" }): the plumbing answers keyedFailure too', () => {
    const written: string[] = [];
    for (const file of PRODUCT) {
      for (const match of readFileSync(file, 'utf8').matchAll(/ok: false(?: as const)?, code: [^,]+, message: (['"`][^'"`]*['"`])/g)) written.push(`${path.relative(ROOT, file)}: ${match[1]}`);
    }
    expect(written).toEqual([]);
  });

  it('.message is the English sentence; another language gets its own, parameters filled', () => {
    const refused = new ValidationError('amount', 'error.money.hasNoDecimalsEnter', { currency: 'RWF' });
    expect(refused.message).toBe('RWF has no decimals: enter a whole amount.');
    expect(refused).toBeInstanceOf(PosError);
    expect(describeFailure({ ...refused, code: refused.code, message: refused.message }, 'fr').sentence).toBe('RWF n’a pas de décimales : saisissez un montant entier.');
    expect(describeFailure({ ...refused, code: refused.code, message: refused.message }, 'rw').sentence).toBe('RWF nta bice igira: andika umubare wuzuye.');
    // A key from an older or newer engine that this screen does not know: a sentence in the language naming the code, never a blank.
    expect(describeFailure({ code: 'CONFLICT', message: 'Something new.', key: 'error.notInThisBuild' }, 'fr').sentence).toBe('L’action n’a pas abouti (CONFLICT).');
  });
});
