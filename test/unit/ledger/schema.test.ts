import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PAYMENT_STATUSES } from '../../../shared/payment-states';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/ledger';
import { GUARD_TRIGGERS, migrate } from '../../../electron/core/ledger/schema';
import { JOURNAL_KINDS } from '../../../electron/core/ledger/journal';

describe('the migrations list', () => {
  it('is numbered 1, 2, 3… with the last one as the latest version', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('accepts every payment status of the state machine, and nothing else (a new status needs a migration)', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare(`INSERT INTO sales (id, device_id, receipt_seq, receipt_number, created_at, business_day, amount_minor, currency, method, status)
      VALUES ('s', 'D', 1, 'D-000001', 't', '2025-01-01', 1, 'RWF', 'momo', 'awaiting_payment')`).run();
    const insert = db.prepare(`INSERT INTO payments (id, sale_id, reference_id, external_id, attempt, status, amount_minor, currency, msisdn, created_at, updated_at)
      VALUES (?, 's', ?, 'x', ?, ?, 1, 'RWF', '250788123456', 't', 't')`);
    PAYMENT_STATUSES.forEach((status, i) => insert.run(`p${i}`, `r${i}`, i + 1, status));
    expect(() => insert.run('bad', 'rbad', 99, 'cancelled')).toThrow(/CHECK/);
  });

  it('creates the guard triggers verify looks for', () => {
    const db = new Database(':memory:');
    migrate(db);
    const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string }[]).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining([...GUARD_TRIGGERS]));
  });

  it('journal kinds are dotted words', () => {
    for (const kind of JOURNAL_KINDS) expect(kind).toMatch(/^[a-z]+\.[a-z_]+$/);
  });
});
