/**
 * The journal's time never runs backwards: an action whose clock is behind
 * the last entry by more than the skew is refused and writes nothing; a clock
 * far ahead is a warning; verify names an entry older than its predecessor.
 * The injected clock first, then the app's own start-up under libfaketime.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { describeLedgerFault } from '../../../shared/messages';
import { describeFailure } from '../../../shared/error-text';
import type { ErrorParams } from '../../../shared/errors';
import { canonicalJson, CLOCK_SKEW_MS, entryHash, openLedger, verifyLedger } from '../../../electron/core/ledger';
import { LIBFAKETIME, startAppChild } from '../../helpers/app-child';
import { momoSale, pos, removeTempDirs, rowCounts, tempDataDir } from '../../helpers/ledger';

afterEach(removeTempDirs);

describe('the engine with an injected clock', () => {
  it('refuses an action dated before the last entry beyond the skew, writing nothing; a small skew passes', () => {
    let now = new Date('2026-12-04T10:00:00Z');
    const l = openLedger({ dataDir: tempDataDir('clock'), training: false, deviceId: 'POS1', now: () => now, log: () => {} });
    try {
      momoSale(l);
      const before = rowCounts(l.db);
      now = new Date('2026-12-02T10:00:00Z'); // FAKETIME=-2d
      let refused: { code?: string; message?: string; key?: string; params?: ErrorParams } | undefined;
      try {
        l.createCashSale({ amountMinor: 500, currency: 'RWF' });
      } catch (error) {
        refused = error as { code?: string; message?: string; key?: string; params?: ErrorParams };
      }
      expect(refused?.code).toBe('CLOCK_BEHIND');
      expect(refused?.message).toContain('Fix the computer’s date and time');
      expect(refused?.message).toContain('2026-12-04T10:00:00.000Z');
      expect(rowCounts(l.db)).toEqual(before);
      expect(() => l.openShift({ openingFloatMinor: 0, currency: 'RWF', openedBy: 'Ann' })).toThrow(expect.objectContaining({ code: 'CLOCK_BEHIND' }));
      expect(rowCounts(l.db)).toEqual(before);

      now = new Date(Date.parse('2026-12-04T10:00:00Z') - CLOCK_SKEW_MS + 1000); // a clock sync nudging it back a little
      l.createCashSale({ amountMinor: 500, currency: 'RWF' });
      expect(l.verify().ok).toBe(true);
      // Each language tells the cashier to fix the date and time.
      expect(describeFailure({ code: refused!.code!, message: refused!.message!, key: refused!.key, params: refused!.params }, 'fr').sentence).toMatch(/Corrigez la date et l’heure/);
      expect(describeFailure({ code: refused!.code!, message: refused!.message!, key: refused!.key, params: refused!.params }, 'rw').sentence).toMatch(/Kosora itariki n’isaha/);
    } finally {
      l.close();
    }
  });

  it('a clock far ahead of the last entry is a warning (not a refusal)', () => {
    let now = new Date('2026-12-04T10:00:00Z');
    const l = openLedger({ dataDir: tempDataDir('clock-ahead'), training: false, deviceId: 'POS1', now: () => now, log: () => {} });
    try {
      momoSale(l);
      now = new Date('2026-12-06T10:00:00Z'); // a weekend closed: nothing to say
      expect(l.clockFarAhead()).toBeUndefined();
      now = new Date('2031-06-01T10:00:00Z');
      expect(l.clockFarAhead()).toEqual({ at: '2031-06-01T10:00:00.000Z', lastAt: '2026-12-04T10:00:00.000Z', days: 1640 });
      // The app writes in the background under that clock (a payment check): the warning stays.
      momoSale(l);
      expect(l.clockFarAhead()).toEqual({ at: '2031-06-01T10:00:00.000Z', lastAt: '2026-12-04T10:00:00.000Z', days: 1640 });
      const text = describeLedgerFault({ cause: 'clock-ahead', at: '2031-06-01', lastAt: '2026-12-04', days: 1640 }, 'en');
      expect(`${text.sentence} ${text.nextStep}`).toBe(
        'The computer’s date (2031-06-01) is 1640 days after the ledger’s last entry (2026-12-04). If that date is wrong, fix the computer’s date and time before the first sale.',
      );
    } finally {
      l.close();
    }
  });

  it('verify names an entry older than its predecessor beyond the skew (a clock that went back before this check existed)', () => {
    const l = openLedger({ dataDir: tempDataDir('clock-verify'), training: false, deviceId: 'POS1', now: () => new Date('2026-12-04T10:00:00Z'), log: () => {} });
    try {
      momoSale(l);
      // An entry appended the way an older app would have, its hash right, its time two days back.
      const last = l.db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
      const entry = { seq: last.seq + 1, at: '2026-12-02T10:00:00.000Z', kind: 'pin.refused', subjectId: 'x', body: { action: 'openShift', who: 'cashier', name: null, at: '2026-12-02T10:00:00.000Z' } };
      l.db
        .prepare('INSERT INTO journal (seq, at, kind, subject_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(entry.seq, entry.at, entry.kind, entry.subjectId, canonicalJson(entry.body), last.hash, entryHash(last.hash, entry));
      const result = verifyLedger(l.db, { integrityCheck: true });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.firstBroken.seq).toBe(entry.seq);
        expect(result.firstBroken.what).toBe(`its time 2026-12-02T10:00:00.000Z is 2 days before #${last.seq} (2026-12-04T10:00:00.000Z): the computer’s clock went back`);
      }
    } finally {
      l.close();
    }
  });
});

describe.skipIf(!LIBFAKETIME)('the app’s own start-up under libfaketime', () => {
  it('FAKETIME=-2d: the app starts, a sale is refused with CLOCK_BEHIND and nothing is written; +5y: a warning before the first sale', async () => {
    const dataDir = tempDataDir('faketime');
    const right = await startAppChild(dataDir);
    try {
      const sale = await right.call('sale.charge', { phone: '0788 123 456', amount: '1500' });
      expect(sale.ok).toBe(true);
      expect(((await right.call('till.status')).data as { clockAhead?: unknown }).clockAhead).toBeUndefined();
    } finally {
      await right.stop();
    }
    const before = pos(['verify', '--data-dir', dataDir, '--training']);
    expect(before.status).toBe(0);
    const entries = /Ledger OK: (\d+) entries/.exec(before.stdout)![1];

    // The day the wrong clock would write into, as `pos report` shows it: it must not change.
    const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const reportBefore = pos(['report', '--date', day, '--data-dir', dataDir, '--training']);
    expect(reportBefore.status).toBe(0);
    const behind = await startAppChild(dataDir, { fakeTime: '-2d' });
    try {
      const refused = await behind.call('sale.charge', { phone: '0788 123 456', amount: '2500' });
      expect(refused).toMatchObject({ ok: false, code: 'CLOCK_BEHIND' });
      expect(refused.message).toContain('Fix the computer’s date and time');
      expect((await behind.call('sale.list', {})).ok).toBe(true); // reading still works
    } finally {
      await behind.stop();
    }
    const after = pos(['verify', '--data-dir', dataDir, '--training']);
    expect(after.stdout).toContain(`Ledger OK: ${entries} entries`);
    expect(pos(['report', '--date', day, '--data-dir', dataDir, '--training']).stdout).toBe(reportBefore.stdout);

    const ahead = await startAppChild(dataDir, { fakeTime: '+1830d' });
    try {
      const status = (await ahead.call('till.status')).data as { clockAhead?: { days: number } };
      expect(status.clockAhead?.days).toBeGreaterThanOrEqual(1829);
      expect((await ahead.call('sale.charge', { phone: '0788 123 456', amount: '3500' })).ok).toBe(true); // a warning, not a refusal
      expect(((await ahead.call('till.status')).data as { clockAhead?: { days: number } }).clockAhead?.days).toBeGreaterThanOrEqual(1829);
    } finally {
      await ahead.stop();
    }
  }, 180_000);
});
