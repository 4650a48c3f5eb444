/**
 * What verify says is catalogue keys and params: every key in VERIFY_TEXTS is
 * in the catalogue with exactly the params listed there (and `say` accepts no
 * others, checked when compiled), every listed key is produced somewhere, and
 * a run over many tampered copies of a real ledger yields only listed keys
 * with their params, said in English exactly as the English fields and in
 * French and Kinyarwanda with nothing left unfilled.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../shared/i18n/en';
import { sayIn, verifyLedger, VERIFY_TEXTS, type VerifyText } from '../../../electron/core/ledger';
import { canonicalJson } from '../../../electron/core/ledger/canonical-json';
import { entryHash } from '../../../electron/core/ledger/journal';
import { momoSale, openTestLedger, removeTempDirs, settle, tempDataDir } from '../../helpers/ledger';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const listed = VERIFY_TEXTS as Record<string, readonly string[]>;
const placeholders = (text: string) => [...new Set((text.match(/\{\w+\}/g) ?? []).map((name) => name.slice(1, -1)))].sort();

describe('VERIFY_TEXTS against the catalogue', () => {
  it.each(Object.keys(listed))('%s has exactly its listed params in English', (key) => {
    const forms = Object.hasOwn(en, key) ? [key] : [`${key}.one`, `${key}.other`];
    for (const form of forms) {
      expect(Object.hasOwn(en, form), form).toBe(true);
      expect(placeholders(en[form as keyof typeof en])).toEqual([...listed[key]!].sort());
    }
  });

  it('every listed key is produced: written out in verify.ts or in verify-text.ts outside the table', () => {
    const verify = readFileSync(path.join(ROOT, 'electron/core/ledger/verify.ts'), 'utf8');
    const text = readFileSync(path.join(ROOT, 'electron/core/ledger/verify-text.ts'), 'utf8');
    const outsideTable = text.slice(text.indexOf('} as const satisfies'));
    expect(Object.keys(listed).filter((key) => !verify.includes(`'${key}'`) && !outsideTable.includes(`'${key}'`))).toEqual([]);
  });
});

let pristine: string;
const ids: { momoPaid: string; cashLast: string; awaitingSale: string; awaitingPayment: string; failedRef: string; paidPayment: string; movement: string; refund: string; shift: string; openShift: string; z: string } = {} as never;

beforeAll(() => {
  const dataDir = tempDataDir('verify-text');
  const l = openTestLedger({ dataDir });
  ids.shift = l.openShift({ openingFloatMinor: 5000, currency: 'RWF', openedBy: 'Ann' }).id;
  const paid = momoSale(l, 1000);
  settle(l, paid.payment.id, 'successful');
  ids.momoPaid = paid.sale.id;
  ids.paidPayment = paid.payment.id;
  const declined = momoSale(l, 2000);
  settle(l, declined.payment.id, 'rejected');
  ids.failedRef = declined.payment.referenceId;
  ids.movement = l.addCashMovement({ shiftId: ids.shift, kind: 'out', amountMinor: 200, currency: 'RWF', reason: 'milk', by: 'Ann' }).id;
  ids.refund = l.createRefund({ saleId: paid.sale.id, amountMinor: 100, currency: 'RWF', method: 'cash', reason: 'broken egg', by: 'Ann' }).id;
  ids.cashLast = l.createCashSale({ amountMinor: 700, currency: 'RWF' }).sale.id;
  ids.z = l.closeShiftWithZReport({ shiftId: ids.shift, countedCashMinor: 5500, closedBy: 'Ann', build: () => ({ report: {}, salesMinor: 1700, refundsMinor: 100 }) }).zReport.id;
  ids.openShift = l.openShift({ openingFloatMinor: 0, currency: 'RWF', openedBy: 'Bob' }).id;
  const awaiting = momoSale(l, 4000);
  ids.awaitingSale = awaiting.sale.id;
  ids.awaitingPayment = awaiting.payment.id;
  expect(l.verify().ok).toBe(true);
  l.close();
  pristine = path.join(dataDir, 'ledger.sqlite');
});
afterAll(removeTempDirs);

/** A copy of the row with a new id (and whatever else must stay unique), slipped in with no journal entry. */
const forge = (table: string, id: string, set = `id = 'forged'`) =>
  `CREATE TEMP TABLE f AS SELECT * FROM ${table} WHERE id = '${id}'; UPDATE f SET ${set}; INSERT INTO ${table} SELECT * FROM f; DROP TABLE f;`;

/** Appends an entry with a right hash, written as an older app would have. */
function append(db: Database.Database, entry: { at: string; kind: string; subjectId: string; body: Record<string, unknown> }): void {
  const last = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
  const full = { seq: last.seq + 1, ...entry };
  db.prepare('INSERT INTO journal (seq, at, kind, subject_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(full.seq, full.at, full.kind, full.subjectId, canonicalJson(full.body), last.hash, entryHash(last.hash, full));
}

/** Re-hashes one entry after changing its body: its own hash holds, the next entry's link does not. */
function rewrite(db: Database.Database, seq: number, change: (body: Record<string, unknown>) => Record<string, unknown>): void {
  const row = db.prepare('SELECT * FROM journal WHERE seq = ?').get(seq) as { at: string; kind: string; subject_id: string; body: string; prev_hash: string };
  const body = change(JSON.parse(row.body) as Record<string, unknown>);
  db.prepare('UPDATE journal SET body = ?, hash = ? WHERE seq = ?').run(canonicalJson(body), entryHash(row.prev_hash, { seq, at: row.at, kind: row.kind, subjectId: row.subject_id, body }), seq);
}

const seqOf = (db: Database.Database, kind: string, subject: string) => (db.prepare('SELECT seq FROM journal WHERE kind = ? AND subject_id = ?').get(kind, subject) as { seq: number }).seq;

/** Each tampering, done with every guard trigger dropped (verify names the missing triggers too). */
const TAMPERINGS: [name: string, change: (db: Database.Database) => void][] = [
  ['a sale amount changed', (db) => db.exec(`UPDATE sales SET amount_minor = 5000 WHERE id = '${ids.momoPaid}'`)],
  ['a sale deleted', (db) => db.exec(`DELETE FROM sales WHERE id = '${ids.cashLast}'`)],
  ['a sale slipped in', (db) => db.exec(forge('sales', ids.cashLast, `id = 'forged', receipt_seq = 99, receipt_number = 'POS1-000099'`))],
  ['a payment, a shift, a cash movement, a refund and a Z slipped in', (db) =>
    db.exec([forge('payments', ids.paidPayment, `id = 'forged', reference_id = 'forged-ref', attempt = 9`), forge('shifts', ids.shift), forge('cash_movements', ids.movement), forge('refunds', ids.refund), forge('z_reports', ids.z, `id = 'forged', number = 7, shift_id = 'forged'`)].join('\n'))],
  ['an entry edited in place', (db) => db.exec(`UPDATE journal SET body = replace(body, '"amountMinor":1000', '"amountMinor":100') WHERE seq = ${seqOf(db, 'sale.created', ids.momoPaid)}`)],
  ['an entry deleted', (db) => db.exec('DELETE FROM journal WHERE seq = 3')],
  ['three entries deleted', (db) => db.exec('DELETE FROM journal WHERE seq IN (3, 4, 5)')],
  ['an entry rewritten with a fresh hash', (db) => rewrite(db, seqOf(db, 'sale.created', ids.momoPaid), (body) => ({ ...body, amountMinor: 100 }))],
  ['a receipt number skipped in a rewritten chain', (db) => rewrite(db, seqOf(db, 'sale.created', ids.cashLast), (body) => ({ ...body, receiptSeq: 9 }))],
  ['a body that is not JSON', (db) => db.exec(`UPDATE journal SET body = 'not json' WHERE seq = 2`)],
  ['a body that cannot be hashed', (db) => db.exec(`UPDATE journal SET body = replace(body, '"amountMinor":1000', '"amountMinor":1000.5') WHERE seq = ${seqOf(db, 'sale.created', ids.momoPaid)}`)],
  ['a body rewritten out of canonical form', (db) => db.exec(`UPDATE journal SET body = ' ' || body WHERE seq = 2`)],
  ['a broken link', (db) => db.exec(`UPDATE journal SET prev_hash = '${'0'.repeat(64)}' WHERE seq = 2`)],
  ['a declined payment flipped to successful', (db) => db.exec(`UPDATE payments SET status = 'successful' WHERE reference_id = '${ids.failedRef}'`)],
  ['an unfinished payment made final', (db) => db.exec(`UPDATE payments SET status = 'successful' WHERE id = '${ids.awaitingPayment}'`)],
  ['a sale marked paid, and cash that never came', (db) => db.exec(`UPDATE sales SET status = 'paid' WHERE id = '${ids.awaitingSale}'; UPDATE sales SET paid_cash_at = '2025-03-10T12:00:00.000Z' WHERE id = '${ids.momoPaid}'`)],
  ['a payment event removed', (db) => db.exec(`DELETE FROM payment_events WHERE payment_id = '${ids.paidPayment}' AND to_status = 'pending'`)],
  ['a refund trail emptied', (db) => db.exec('DELETE FROM refund_events')],
  ['a refund event slipped in mid-trail', (db) => db.exec(`INSERT INTO refund_events (refund_id, at, from_status, to_status, source) VALUES ('${ids.refund}', '2025-03-10T12:00:00.000Z', 'pending', 'successful', 'forged')`)],
  ['a refund’s final entry cut out', (db) => db.exec(`DELETE FROM journal WHERE kind = 'refund.final' AND subject_id = '${ids.refund}'`)],
  ['a receipt counter changed', (db) => db.exec(`UPDATE receipt_counters SET last_seq = 9`)],
  ['receipt counters removed', (db) => db.exec('DELETE FROM receipt_counters')],
  ['a shift closed behind the app’s back', (db) => db.exec(`UPDATE shifts SET closed_at = '2025-03-10T18:00:00.000Z', closed_by = 'Bob' WHERE id = '${ids.openShift}'`)],
  ['rows deleted from every table', (db) => db.exec('DELETE FROM payment_events; DELETE FROM refund_events; DELETE FROM payments; DELETE FROM refunds; DELETE FROM cash_movements; DELETE FROM z_reports; DELETE FROM shifts')],
  ['a Z report changed', (db) => db.exec(`UPDATE z_reports SET report = report || ' ', grand_sales_minor = 99999, last_hash = '${'a'.repeat(64)}'`)],
  ['a Z report renumbered and its range moved', (db) => db.exec('UPDATE z_reports SET number = 2, from_seq = 1')],
  ['a Z report starting late', (db) => db.exec('UPDATE z_reports SET from_seq = 1')],
  ['the clock set back', (db) => append(db, { at: '2025-03-08T10:00:00.000Z', kind: 'pin.refused', subjectId: 'x', body: { action: 'openShift', who: 'cashier', name: null, at: '2025-03-08T10:00:00.000Z' } })],
  ['the clock set back by hours', (db) => append(db, { at: '2025-03-10T05:00:00.000Z', kind: 'pin.refused', subjectId: 'y', body: { action: 'openShift', who: 'cashier', name: null, at: '2025-03-10T05:00:00.000Z' } })],
];

/** Every text inside a text (its params that are texts too). */
const walk = (text: VerifyText): VerifyText[] => [text, ...Object.values(text.params).flatMap((value) => (typeof value === 'object' ? walk(value) : []))];

describe('verify over tampered copies of a real ledger', () => {
  const seen = new Set<string>();

  it.each(TAMPERINGS)('%s: every text is a listed key with its params, said in en as the English fields and in fr/rw in full', (_name, change) => {
    const file = path.join(tempDataDir('verify-text-copy'), 'ledger.sqlite');
    copyFileSync(pristine, file);
    const db = new Database(file);
    try {
      db.pragma('foreign_keys = OFF');
      for (const { name } of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string }[]) db.exec(`DROP TRIGGER "${name}"`);
      change(db);
      const result = verifyLedger(db, { integrityCheck: true });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      // Beyond the dropped triggers, the tampering itself is named.
      expect(result.problems.filter((problem) => problem.whatText.key !== 'verify.problem.triggerMissing').length).toBeGreaterThan(0);
      for (const problem of result.problems) {
        const texts = [problem.whatText, ...(problem.whereText ? [problem.whereText] : [])];
        for (const text of texts.flatMap(walk)) {
          seen.add(text.key);
          expect(Object.keys(listed), text.key).toContain(text.key);
          expect(Object.keys(text.params).sort(), text.key).toEqual([...listed[text.key]!].sort());
        }
        expect(sayIn('en', problem.whatText)).toBe(problem.what);
        expect(problem.whereText ? sayIn('en', problem.whereText) : '').toBe(problem.where);
        for (const language of ['fr', 'rw'] as const) {
          const said = sayIn(language, problem.whatText) + (problem.whereText ? sayIn(language, problem.whereText) : '');
          expect(said, `${language} ${problem.whatText.key}`).not.toMatch(/\{\w+\}/);
          expect(sayIn(language, problem.whatText), `${language} ${problem.whatText.key}`).not.toBe(problem.what);
        }
      }
    } finally {
      db.close();
    }
  });

  it('those tamperings reach nearly every problem verify can name', () => {
    const problems = Object.keys(listed).filter((key) => key.startsWith('verify.problem.'));
    const unseen = problems.filter((key) => !seen.has(key));
    // Left out: file damage, which takes a file past its first pages (damage.test.ts makes one and runs pos verify on it).
    expect(unseen).toEqual(['verify.problem.damaged']);
  });
});
