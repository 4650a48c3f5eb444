/**
 * Changes made behind the app's back — with the sqlite3 CLI or a raw
 * connection — are caught by verify, which names the first broken entry.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger, type BrokenEntry, type Sale } from '../../../electron/core/ledger';
import { entryHash } from '../../../electron/core/ledger/journal';
import { canonicalJson } from '../../../electron/core/ledger/canonical-json';
import { momoSale, openTestLedger, pos, removeTempDirs, settle, sqlite3, tempDataDir } from '../../helpers/ledger';

let pristineDir: string;
const facts: { momoPaid: Sale; momoThenCash: Sale; cashLast: Sale; shiftId: string; movementId: string; refundId: string; failedPaymentRef: string; paidPaymentId: string } =
  {} as never;

beforeAll(() => {
  pristineDir = tempDataDir('tamper');
  const l = openTestLedger({ dataDir: pristineDir });
  facts.shiftId = l.openShift({ openingFloatMinor: 5000, currency: 'RWF', openedBy: 'Ann' }).id;
  const paid = momoSale(l, 1000);
  settle(l, paid.payment.id, 'successful');
  facts.momoPaid = paid.sale;
  facts.paidPaymentId = paid.payment.id;
  const declined = momoSale(l, 2000);
  settle(l, declined.payment.id, 'rejected');
  facts.failedPaymentRef = declined.payment.referenceId;
  facts.momoThenCash = l.payCashForSale(declined.sale.id, { tenderedMinor: 2000 });
  facts.movementId = l.addCashMovement({ shiftId: facts.shiftId, kind: 'out', amountMinor: 200, currency: 'RWF', reason: 'milk', by: 'Ann' }).id;
  facts.refundId = l.createRefund({ saleId: paid.sale.id, amountMinor: 100, currency: 'RWF', method: 'cash', reason: 'broken egg', by: 'Ann' }).id;
  facts.cashLast = l.createCashSale({ amountMinor: 700, currency: 'RWF' }).sale;
  expect(l.verify().ok).toBe(true);
  l.close();
});
afterAll(removeTempDirs);

/** A fresh copy of the good ledger to spoil. */
function copy(): { dataDir: string; file: string } {
  const dataDir = tempDataDir('tampered');
  const file = path.join(dataDir, 'ledger.sqlite');
  copyFileSync(path.join(pristineDir, 'ledger.sqlite'), file);
  return { dataDir, file };
}

function raw(file: string, change: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    change(db);
  } finally {
    db.close();
  }
}

function seqOf(file: string, kind: string, subjectId: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT seq FROM journal WHERE kind = ? AND subject_id = ?').get(kind, subjectId) as { seq: number }).seq;
  } finally {
    db.close();
  }
}

function broken(file: string): BrokenEntry {
  const db = new Database(file, { readonly: true });
  try {
    const result = verifyLedger(db, { integrityCheck: true });
    if (result.ok) throw new Error('verify said OK');
    return result.firstBroken;
  } finally {
    db.close();
  }
}

function cli(file: string, sql: string): void {
  const run = sqlite3(file, sql);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}

describe('with the sqlite3 CLI, and `pos verify` names it', () => {
  it('an edited sale amount', () => {
    const { dataDir, file } = copy();
    // The guard refuses the naive edit; someone determined drops it first.
    const refused = sqlite3(file, `UPDATE sales SET amount_minor = 5000 WHERE receipt_number = '${facts.momoPaid.receiptNumber}'`);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/never change once written/);
    cli(file, `DROP TRIGGER sales_fixed_columns; UPDATE sales SET amount_minor = 5000 WHERE receipt_number = '${facts.momoPaid.receiptNumber}';`);

    const seq = seqOf(file, 'sale.created', facts.momoPaid.id);
    expect(broken(file)).toMatchObject({ seq, kind: 'sale.created', reason: `journal #${seq} (sale.created for receipt POS1-000001): sales row amount 5000 ≠ journaled 1000` });
    const run = pos(['verify', '--data-dir', dataDir]);
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe(`Ledger BROKEN at journal #${seq} (sale.created for receipt POS1-000001): sales row amount 5000 ≠ journaled 1000`);
    expect(run.stdout).toContain('the guard trigger sales_fixed_columns is missing');
  });

  it('a deleted sale', () => {
    const { dataDir, file } = copy();
    expect(sqlite3(file, `DELETE FROM sales WHERE id = '${facts.cashLast.id}'`).stderr).toMatch(/never deleted/);
    cli(file, `DROP TRIGGER sales_no_delete; DELETE FROM sales WHERE id = '${facts.cashLast.id}';`);
    const seq = seqOf(file, 'sale.created', facts.cashLast.id);
    expect(broken(file)).toMatchObject({ seq, reason: `journal #${seq} (sale.created for receipt ${facts.cashLast.receiptNumber}): the sale is missing from the sales table` });
    const run = pos(['verify', '--data-dir', dataDir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^Ledger BROKEN at journal #${seq} \\(sale.created for receipt POS1-000003\\): the sale is missing from the sales table`));
  });

  it('an inserted sale', () => {
    const { dataDir, file } = copy();
    cli(
      file,
      `INSERT INTO sales (id, device_id, receipt_seq, receipt_number, created_at, business_day, amount_minor, currency, method, status)
       VALUES ('forged', 'POS1', 99, 'POS1-000099', '2025-03-10T09:00:00.000Z', '2025-03-10', 90000, 'RWF', 'cash', 'paid');`,
    );
    expect(broken(file)).toMatchObject({ seq: null, kind: 'sale.created', reason: 'sales row for receipt POS1-000099 (id forged) has no journal entry: it was added outside the app' });
    const run = pos(['verify', '--data-dir', dataDir]);
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('Ledger BROKEN: sales row for receipt POS1-000099 (id forged) has no journal entry: it was added outside the app');
  });
});

describe('with a raw connection', () => {
  it('the journal, payment_events and money rows refuse UPDATE and DELETE while their guards stand', () => {
    const { file } = copy();
    raw(file, (db) => {
      expect(() => db.exec(`UPDATE journal SET body = '{}' WHERE seq = 2`)).toThrow(/append-only/);
      expect(() => db.exec('DELETE FROM journal WHERE seq = 2')).toThrow(/append-only/);
      expect(() => db.exec(`UPDATE payment_events SET to_status = 'successful'`)).toThrow(/append-only/);
      expect(() => db.exec('DELETE FROM payment_events')).toThrow(/append-only/);
      expect(() => db.exec('DELETE FROM payments')).toThrow(/never deleted/);
      expect(() => db.exec('UPDATE payments SET amount_minor = 1')).toThrow(/never change/);
      expect(() => db.exec('UPDATE cash_movements SET amount_minor = 1')).toThrow(/never change/);
    });
    expect(verifyLedger(new Database(file, { readonly: true })).ok).toBe(true);
  });

  it('a journal entry edited in place: its hash no longer matches', () => {
    const { file } = copy();
    const seq = seqOf(file, 'sale.created', facts.momoPaid.id);
    raw(file, (db) => {
      db.exec('DROP TRIGGER journal_no_update');
      db.prepare(`UPDATE journal SET body = replace(body, '"amountMinor":1000', '"amountMinor":100') WHERE seq = ?`).run(seq);
    });
    expect(broken(file)).toMatchObject({ seq, reason: `journal #${seq} (sale.created for receipt POS1-000001): its contents do not match its hash: the entry was changed` });
  });

  it('a journal entry rewritten with a fresh hash: the next entry’s link gives it away', () => {
    const { file } = copy();
    const seq = seqOf(file, 'sale.created', facts.momoPaid.id);
    raw(file, (db) => {
      db.exec('DROP TRIGGER journal_no_update');
      const row = db.prepare('SELECT * FROM journal WHERE seq = ?').get(seq) as { at: string; kind: string; subject_id: string; body: string; prev_hash: string };
      const body = { ...(JSON.parse(row.body) as object), amountMinor: 100 };
      const hash = entryHash(row.prev_hash, { seq, at: row.at, kind: row.kind, subjectId: row.subject_id, body });
      db.prepare('UPDATE journal SET body = ?, hash = ? WHERE seq = ?').run(canonicalJson(body), hash, seq);
      db.exec('DROP TRIGGER sales_fixed_columns');
      db.prepare('UPDATE sales SET amount_minor = 100 WHERE id = ?').run(facts.momoPaid.id);
    });
    expect(broken(file)).toMatchObject({ seq, reason: `journal #${seq} (sale.created for receipt POS1-000001): it was rewritten: #${seq + 1} recorded a different hash for it` });
  });

  it('a journal entry deleted from the middle: the gap is named', () => {
    const { file } = copy();
    const seq = seqOf(file, 'payment.final', facts.paidPaymentId);
    raw(file, (db) => {
      db.exec('DROP TRIGGER journal_no_delete');
      db.prepare('DELETE FROM journal WHERE seq = ?').run(seq);
    });
    expect(broken(file)).toMatchObject({ seq, kind: 'missing', reason: `journal #${seq}: missing: the entries jump from #${seq - 1} to #${seq + 1}` });
  });

  it('the last sale and its journal entries cut off the end: the receipt counter remembers', () => {
    const { file } = copy();
    raw(file, (db) => {
      db.exec('DROP TRIGGER journal_no_delete; DROP TRIGGER sales_no_delete');
      db.prepare('DELETE FROM journal WHERE subject_id = ?').run(facts.cashLast.id);
      db.prepare('DELETE FROM sales WHERE id = ?').run(facts.cashLast.id);
      // Put the guards back so nothing looks touched.
      db.exec(`CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
               CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales BEGIN SELECT RAISE(ABORT, 'sales rows are never deleted'); END;`);
    });
    expect(broken(file).reason).toBe('device POS1 has issued 3 receipt numbers but the journal holds 2');
  });

  it('a forged journal entry appended with a guessed hash', () => {
    const { file } = copy();
    let seq = 0;
    raw(file, (db) => {
      const last = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
      seq = last.seq + 1;
      db.prepare('INSERT INTO journal (seq, at, kind, subject_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        seq, '2025-03-10T10:00:00.000Z', 'cash.movement', 'm-forged', '{"amountMinor":100}', last.hash, 'f'.repeat(64),
      );
    });
    expect(broken(file)).toMatchObject({ seq, reason: `journal #${seq} (cash.movement): its contents do not match its hash: the entry was changed` });
  });

  it('a forged journal entry chained correctly (hash computed with this code): it points at a sale that does not exist', () => {
    const { file } = copy();
    let seq = 0;
    raw(file, (db) => {
      const last = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
      seq = last.seq + 1;
      const at = '2025-03-10T10:00:00.000Z';
      const body = { saleId: 'ghost', receiptNumber: 'POS1-000004', amountMinor: 100, currency: 'RWF', tenderedMinor: null, shiftId: null, at };
      db.prepare('INSERT INTO journal (seq, at, kind, subject_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        seq, at, 'sale.paid_cash', 'ghost', canonicalJson(body), last.hash, entryHash(last.hash, { seq, at, kind: 'sale.paid_cash', subjectId: 'ghost', body }),
      );
    });
    expect(broken(file)).toMatchObject({ seq, reason: `journal #${seq} (sale.paid_cash for receipt POS1-000004): the sale is missing from the sales table` });
  });

  it('a declined payment flipped to successful in the payments table', () => {
    const { file } = copy();
    raw(file, (db) => db.prepare(`UPDATE payments SET status = 'successful' WHERE reference_id = ?`).run(facts.failedPaymentRef));
    const seq = (() => {
      const db = new Database(file, { readonly: true });
      const id = (db.prepare('SELECT id FROM payments WHERE reference_id = ?').get(facts.failedPaymentRef) as { id: string }).id;
      db.close();
      return seqOf(file, 'payment.final', id);
    })();
    expect(broken(file)).toMatchObject({ seq, reason: `journal #${seq} (payment.final for receipt POS1-000002): payments row status successful ≠ journaled rejected` });
  });

  it('a sale marked paid behind the app’s back', () => {
    const { file } = copy();
    const l = openTestLedger({ dataDir: path.dirname(file) });
    const saleId = momoSale(l, 4000).sale.id; // awaiting payment
    l.close();
    raw(file, (db) => db.prepare(`UPDATE sales SET status = 'paid' WHERE id = ?`).run(saleId));
    const seq = seqOf(file, 'sale.created', saleId);
    expect(broken(file)).toMatchObject({ seq, reason: `journal #${seq} (sale.created for receipt POS1-000004): sales row status paid ≠ journaled no payment` });
  });

  it('a payment event removed: the trail no longer leads to the payment’s status', () => {
    const { file } = copy();
    raw(file, (db) => {
      db.exec('DROP TRIGGER payment_events_no_delete');
      db.prepare(`DELETE FROM payment_events WHERE payment_id = ? AND to_status = 'pending'`).run(facts.paidPaymentId);
    });
    const first = broken(file);
    expect(first.kind).toBe('payment_events');
    expect(first.reason).toMatch(/goes from pending but the trail was at sending: an event is missing or was changed/);
  });

  it('a cash movement, an opening float and a refund edited', () => {
    const cases: [string, string, string, string][] = [
      ['cash.movement', facts.movementId, 'DROP TRIGGER cash_movements_no_update; UPDATE cash_movements SET amount_minor = 20', 'cash_movements row amount 20 ≠ journaled 200'],
      ['shift.opened', facts.shiftId, 'DROP TRIGGER shifts_fixed_columns; UPDATE shifts SET opening_float_minor = 0', 'shifts row opening float 0 ≠ journaled 5000'],
      ['refund.created', facts.refundId, 'DROP TRIGGER refunds_fixed_columns; UPDATE refunds SET amount_minor = 900', 'refunds row amount 900 ≠ journaled 100'],
    ];
    for (const [kind, subject, sql, what] of cases) {
      const { file } = copy();
      cli(file, `${sql};`);
      const seq = seqOf(file, kind, subject);
      expect(broken(file)).toMatchObject({ seq, kind, what });
    }
  });
});
