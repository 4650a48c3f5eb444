/**
 * Nothing the cashier or the manager reads stays English in French or
 * Kinyarwanda: every dictionary key is translated (a short list of words that
 * are the same in every language aside), and no English sentence is written
 * straight into the renderer's screens — it goes through shared/i18n.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../../shared/i18n';
import { en } from '../../../shared/i18n/en';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Keys whose text may be the same in a language: names, codes, words both languages share. */
const SAME_EVERYWHERE = new Set<string>([
  'app.market',
  'sale.phonePlaceholder',
  'till.report.zTab', // Z, the report's name everywhere
  'settings.mode', // "Mode" in French too
  'settings.environmentProduction', // "{name}, production ({currency})"
  'shop.columns32', // "{columns} (58 mm)"
  'setup.keys.apiUser', // MTN's own words, as its portal shows them
  'setup.keys.apiKey',
  // Country names some languages share (Rwanda, Ghana, Eswatini…).
  'country.RW',
  'country.UG',
  'country.GH',
  'country.CI',
  'country.CG',
  'country.SZ',
  // Printed on reports and receipts: words French shares with English, MoMo and Tel everywhere, TIN as Rwanda's tax office writes it.
  'report.momo',
  'report.total',
  'report.journal',
  'report.page',
  'report.tin',
  'receipt.paper.date',
  'receipt.paper.total',
  'receipt.paper.momo',
  'receipt.paper.note',
  'receipt.paper.phone',
  'receipt.paper.tin',
  'hq.momo',
  'hq.net',
  'setup.callbacks.host', // the field's name in MTN's partner portal
  // The tax authority's own names, printed as such on every EBM receipt.
  'fiscal.sdcId',
  'fiscal.mrc',
  'sales.summaryNet', // "net {money}": the counter's today, French shares the word
  'cli.hq.report.net', // head office's report at the command line: "Net", the same word in French
  'cli.hq.totals.net',
  'cli.hq.chain.ok', // "OK" in French too
  'verify.duration.minutes.one', // pos verify: "{count} minute(s)", the same word in French
  'verify.duration.minutes.other',
  'verify.reason', // "{where}: {what}": punctuation only
]);

describe('the dictionaries', () => {
  for (const language of ['fr', 'rw'] as const) {
    it(`every ${language} text is translated, not the English one copied`, () => {
      const dictionary = DICTIONARIES[language];
      const untranslated = Object.keys(en).filter((key) => !SAME_EVERYWHERE.has(key) && /[a-z]{3}/i.test(en[key as keyof typeof en]) && dictionary[key as keyof typeof en] === en[key as keyof typeof en]);
      expect(untranslated).toEqual([]);
    });
    it(`${language} keeps every {placeholder} of the English text`, () => {
      const dictionary = DICTIONARIES[language];
      const lost = Object.keys(en).filter((key) => {
        const wanted = (en[key as keyof typeof en].match(/\{\w+\}/g) ?? []).sort().join();
        const found = (dictionary[key as keyof typeof en].match(/\{\w+\}/g) ?? []).sort().join();
        return wanted !== found;
      });
      expect(lost).toEqual([]);
    });
  }
});

/** Attributes people read (or hear from a screen reader). */
const READ_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'submitLabel', 'aria-description']);
/** Written on purpose in their own language or as a brand: language names, the MoMo mark. */
const ALLOWED = new Set(['English', 'Français', 'Kinyarwanda', 'MoMo', 'A4', '58 mm', '80 mm', 'POS1-000042']);
/** English that is never shown as written: the engine's phone display, matched and swapped by the renderer. */
const ENGINE_SENTENCES = new Set([
  ' (sandbox test number)', // the engine's phone display, swapped for t('sale.sandboxNumber')
]);

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const looksLikeWords = (text: string) => /[A-Za-z]{2,}/.test(text) && !ALLOWED.has(text.trim());
/** "Saved in the system keychain.", "Test connection": a capital, then words, spaces between them. */
const looksLikeSentence = (text: string) => /^[A-Z][a-z’']*( [A-Za-z’'(]+)+/.test(text.trim()) || /[a-z]+ [a-z]+ [a-z]+/.test(text);

/** Where English is written into a screen: JSX text, read attributes, and sentence-like strings outside t()/key positions. */
function hardCodedEnglish(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const where = (node: ts.Node) => `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && looksLikeWords(node.text)) found.push(`${where(node)} ${node.text.trim()}`);
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer) && looksLikeWords(node.initializer.text)) {
      found.push(`${where(node)} ${node.name.getText()}="${node.initializer.text}"`);
    }
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && looksLikeSentence(node.text) && !ENGINE_SENTENCES.has(node.text)) {
      const parent = node.parent;
      const isKeyOrImport = ts.isImportDeclaration(parent) || ts.isPropertyAssignment(parent) && parent.name === node || ts.isLiteralTypeNode(parent);
      const isAttributeValue = ts.isJsxAttribute(parent);
      if (!isKeyOrImport && !isAttributeValue) found.push(`${where(node)} '${node.text}'`);
    }
    if (ts.isTemplateExpression(node) && !ENGINE_SENTENCES.has(node.getText().slice(1, -1)) && looksLikeSentence(node.head.text + node.templateSpans.map((span) => ' x ' + span.literal.text).join(''))) {
      found.push(`${where(node)} \`${node.getText().slice(1, 60)}\``);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the renderer', () => {
  it('writes no English sentence or label straight into a screen (wizard and Settings included)', () => {
    const found = filesUnder(path.join(ROOT, 'renderer/src')).flatMap(hardCodedEnglish);
    expect(found).toEqual([]);
  });
});
