/**
 * Ledgers as earlier versions of the app left them, for the "migrates from
 * every earlier version" tests. Each seeder writes raw SQL against the schema
 * of its version only, plus the journal entries that version wrote — never
 * the current repositories, which know only the latest schema.
 *
 * When migration N+1 lands, add SEEDERS[N] (the test fails until you do).
 */
import Database from 'better-sqlite3';
import { appendJournal } from '../../electron/core/ledger/journal';
import { migrate } from '../../electron/core/ledger/schema';

export interface Seeded {
  receipts: string[];
  journalEntries: number;
  deviceId: string;
}

const AT = '2024-11-02T09:00:00.000Z';
const LATER = '2024-11-02T09:00:30.000Z';

function seedV1(db: Database.Database): Seeded {
  db.transaction(() => {
    const setting = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
    setting.run('ledger.kind', JSON.stringify('live'), AT);
    setting.run('ledger.deviceId', JSON.stringify('OLD1'), AT);
    setting.run('merchantName', JSON.stringify('Chez Nous'), AT);

    db.prepare(`INSERT INTO shifts (id, device_id, opened_at, opened_by, opening_float_minor, currency) VALUES ('shift-1', 'OLD1', ?, 'Ann', 5000, 'RWF')`).run(AT);
    appendJournal(db, {
      at: AT,
      kind: 'shift.opened',
      subjectId: 'shift-1',
      body: { shiftId: 'shift-1', deviceId: 'OLD1', openedAt: AT, openedBy: 'Ann', openingFloatMinor: 5000, currency: 'RWF' },
    });

    db.prepare(`INSERT INTO receipt_counters (device_id, last_seq) VALUES ('OLD1', 2)`).run();
    db.prepare(
      `INSERT INTO sales (id, device_id, receipt_seq, receipt_number, created_at, business_day, amount_minor, currency, method, status, msisdn, shift_id)
       VALUES ('sale-1', 'OLD1', 1, 'OLD1-000001', ?, '2024-11-02', 1500, 'RWF', 'momo', 'paid', '250788123456', 'shift-1')`,
    ).run(AT);
    appendJournal(db, {
      at: AT,
      kind: 'sale.created',
      subjectId: 'sale-1',
      body: {
        saleId: 'sale-1', deviceId: 'OLD1', receiptSeq: 1, receiptNumber: 'OLD1-000001', createdAt: AT, businessDay: '2024-11-02',
        amountMinor: 1500, currency: 'RWF', method: 'momo', msisdn: '250788123456', shiftId: 'shift-1',
      },
    });
    const reference = '0b9f5a2e-8c1d-4f3a-9e2b-7d6c5b4a3f21';
    db.prepare(
      `INSERT INTO payments (id, sale_id, reference_id, external_id, attempt, status, amount_minor, currency, msisdn, financial_transaction_id, created_at, updated_at, checks, last_checked_at)
       VALUES ('pay-1', 'sale-1', ?, 'OLD1-000001', 1, 'successful', 1500, 'RWF', '250788123456', 'FT-OLD-1', ?, ?, 3, ?)`,
    ).run(reference, AT, LATER, LATER);
    appendJournal(db, {
      at: AT,
      kind: 'payment.created',
      subjectId: 'pay-1',
      body: {
        paymentId: 'pay-1', saleId: 'sale-1', receiptNumber: 'OLD1-000001', referenceId: reference, externalId: 'OLD1-000001', attempt: 1,
        amountMinor: 1500, currency: 'RWF', msisdn: '250788123456', createdAt: AT,
      },
    });
    const event = db.prepare('INSERT INTO payment_events (payment_id, at, from_status, to_status, source) VALUES (?, ?, ?, ?, ?)');
    event.run('pay-1', AT, null, 'recorded', null);
    event.run('pay-1', AT, 'recorded', 'sending', 'post');
    event.run('pay-1', AT, 'sending', 'pending', 'post');
    event.run('pay-1', LATER, 'pending', 'successful', 'poll');
    appendJournal(db, {
      at: LATER,
      kind: 'payment.final',
      subjectId: 'pay-1',
      body: {
        paymentId: 'pay-1', saleId: 'sale-1', receiptNumber: 'OLD1-000001', referenceId: reference, status: 'successful',
        amountMinor: 1500, currency: 'RWF', financialTransactionId: 'FT-OLD-1', reasonCode: null, at: LATER,
      },
    });

    db.prepare(
      `INSERT INTO sales (id, device_id, receipt_seq, receipt_number, created_at, business_day, amount_minor, currency, method, status, shift_id, tendered_minor, paid_cash_at, paid_cash_shift_id)
       VALUES ('sale-2', 'OLD1', 2, 'OLD1-000002', ?, '2024-11-02', 700, 'RWF', 'cash', 'paid', 'shift-1', 1000, ?, 'shift-1')`,
    ).run(LATER, LATER);
    appendJournal(db, {
      at: LATER,
      kind: 'sale.created',
      subjectId: 'sale-2',
      body: {
        saleId: 'sale-2', deviceId: 'OLD1', receiptSeq: 2, receiptNumber: 'OLD1-000002', createdAt: LATER, businessDay: '2024-11-02',
        amountMinor: 700, currency: 'RWF', method: 'cash', msisdn: null, shiftId: 'shift-1',
      },
    });
    appendJournal(db, {
      at: LATER,
      kind: 'sale.paid_cash',
      subjectId: 'sale-2',
      body: { saleId: 'sale-2', receiptNumber: 'OLD1-000002', amountMinor: 700, currency: 'RWF', tenderedMinor: 1000, shiftId: 'shift-1', at: LATER },
    });
  }).immediate();
  return { receipts: ['OLD1-000001', 'OLD1-000002'], journalEntries: 6, deviceId: 'OLD1' };
}

/** v2 as the app left it: v1's sales, a support transcript exchange, a cash refund (done) and a MoMo refund still pending — refunds with no event trail yet. */
function seedV2(db: Database.Database): Seeded {
  const v1 = seedV1(db);
  db.transaction(() => {
    db.prepare(`INSERT INTO payment_exchanges (payment_id, at, exchange) VALUES ('pay-1', ?, ?)`).run(AT, JSON.stringify({ operation: 'requestToPay', status: 202 }));
    const refund = db.prepare(
      `INSERT INTO refunds (id, sale_id, amount_minor, currency, method, status, reference_id, msisdn, reason, by_whom, shift_id, created_at, updated_at)
       VALUES (?, ?, ?, 'RWF', ?, ?, ?, ?, ?, 'Ann', ?, ?, ?)`,
    );
    refund.run('refund-1', 'sale-2', 200, 'cash', 'successful', null, null, 'wrong change', 'shift-1', LATER, LATER);
    appendJournal(db, {
      at: LATER,
      kind: 'refund.created',
      subjectId: 'refund-1',
      body: {
        refundId: 'refund-1', saleId: 'sale-2', receiptNumber: 'OLD1-000002', amountMinor: 200, currency: 'RWF', method: 'cash', referenceId: null, msisdn: null,
        reason: 'wrong change', by: 'Ann', shiftId: 'shift-1', createdAt: LATER,
      },
    });
    appendJournal(db, {
      at: LATER,
      kind: 'refund.final',
      subjectId: 'refund-1',
      body: { refundId: 'refund-1', saleId: 'sale-2', status: 'successful', amountMinor: 200, currency: 'RWF', financialTransactionId: null, at: LATER },
    });
    const reference = '5d0c2a9e-1b7f-4c3d-8e6a-2f1b0c9d8e7a';
    refund.run('refund-2', 'sale-1', 500, 'momo', 'pending', reference, '250788123456', 'returned', null, LATER, LATER);
    appendJournal(db, {
      at: LATER,
      kind: 'refund.created',
      subjectId: 'refund-2',
      body: {
        refundId: 'refund-2', saleId: 'sale-1', receiptNumber: 'OLD1-000001', amountMinor: 500, currency: 'RWF', method: 'momo', referenceId: reference,
        msisdn: '250788123456', reason: 'returned', by: 'Ann', shiftId: null, createdAt: LATER,
      },
    });
  }).immediate();
  return { ...v1, journalEntries: v1.journalEntries + 3 };
}

/** v3 as the app left it: v2 plus refund-2 finished with its event trail, and a second MoMo sale whose payment is still pending. */
function seedV3(db: Database.Database): Seeded {
  const v2 = seedV2(db);
  const LATEST = '2024-11-02T09:01:00.000Z';
  db.transaction(() => {
    // v3 wrote a refund's trail as it went; v2's two refunds get theirs as migration 3 would have given them.
    db.prepare(`INSERT INTO refund_events (refund_id, at, from_status, to_status, source) VALUES ('refund-1', ?, NULL, 'successful', 'migration')`).run(LATER);
    db.prepare(`INSERT INTO refund_events (refund_id, at, from_status, to_status, source) VALUES ('refund-2', ?, NULL, 'pending', 'migration')`).run(LATER);
    db.prepare(`UPDATE refunds SET status = 'successful', financial_transaction_id = 'FT-REF-2', updated_at = ? WHERE id = 'refund-2'`).run(LATEST);
    db.prepare(`INSERT INTO refund_events (refund_id, at, from_status, to_status, source) VALUES ('refund-2', ?, 'pending', 'successful', 'poll')`).run(LATEST);
    appendJournal(db, {
      at: LATEST,
      kind: 'refund.final',
      subjectId: 'refund-2',
      body: { refundId: 'refund-2', saleId: 'sale-1', status: 'successful', amountMinor: 500, currency: 'RWF', financialTransactionId: 'FT-REF-2', at: LATEST },
    });

    db.prepare(`UPDATE receipt_counters SET last_seq = 3 WHERE device_id = 'OLD1'`).run();
    db.prepare(
      `INSERT INTO sales (id, device_id, receipt_seq, receipt_number, created_at, business_day, amount_minor, currency, method, status, msisdn, shift_id)
       VALUES ('sale-3', 'OLD1', 3, 'OLD1-000003', ?, '2024-11-02', 2500, 'RWF', 'momo', 'awaiting_payment', '250788654321', 'shift-1')`,
    ).run(LATEST);
    appendJournal(db, {
      at: LATEST,
      kind: 'sale.created',
      subjectId: 'sale-3',
      body: {
        saleId: 'sale-3', deviceId: 'OLD1', receiptSeq: 3, receiptNumber: 'OLD1-000003', createdAt: LATEST, businessDay: '2024-11-02',
        amountMinor: 2500, currency: 'RWF', method: 'momo', msisdn: '250788654321', shiftId: 'shift-1',
      },
    });
    const reference = '7e3d1c9b-2a4f-4b6e-9d8c-1f0e2d3c4b5a';
    db.prepare(
      `INSERT INTO payments (id, sale_id, reference_id, external_id, attempt, status, amount_minor, currency, msisdn, created_at, updated_at)
       VALUES ('pay-3', 'sale-3', ?, 'OLD1-000003', 1, 'pending', 2500, 'RWF', '250788654321', ?, ?)`,
    ).run(reference, LATEST, LATEST);
    appendJournal(db, {
      at: LATEST,
      kind: 'payment.created',
      subjectId: 'pay-3',
      body: {
        paymentId: 'pay-3', saleId: 'sale-3', receiptNumber: 'OLD1-000003', referenceId: reference, externalId: 'OLD1-000003', attempt: 1,
        amountMinor: 2500, currency: 'RWF', msisdn: '250788654321', createdAt: LATEST,
      },
    });
    const event = db.prepare('INSERT INTO payment_events (payment_id, at, from_status, to_status, source) VALUES (?, ?, ?, ?, ?)');
    event.run('pay-3', LATEST, null, 'recorded', null);
    event.run('pay-3', LATEST, 'recorded', 'sending', 'post');
    event.run('pay-3', LATEST, 'sending', 'pending', 'post');
  }).immediate();
  return { ...v2, receipts: [...v2.receipts, 'OLD1-000003'], journalEntries: v2.journalEntries + 3 };
}

export const SEEDERS: Record<number, (db: Database.Database) => Seeded> = { 1: seedV1, 2: seedV2, 3: seedV3, 4: seedV3, 5: seedV3, 6: seedV3, 7: seedV3, 8: seedV3 };

/** A ledger file exactly as the app at `version` would have left it. */
export function buildLedgerAtVersion(file: string, version: number): Seeded | undefined {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    if (version === 0) return undefined;
    migrate(db, { to: version });
    const seeder = SEEDERS[version];
    if (!seeder) throw new Error(`no fixture for schema version ${version}: add SEEDERS[${version}] in test/helpers/ledger-fixtures.ts`);
    return seeder(db);
  } finally {
    db.close();
  }
}
