/** `npm run pos -- report …` and `npm run pos -- export …` as real child processes, read-only on the ledger. */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestLedger, pos, removeTempDirs, steppingClock, tempDataDir } from '../../helpers/ledger';

afterAll(removeTempDirs);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function seedDay(dataDir: string, training = false) {
  const ledger = openTestLedger({ dataDir, training, now: steppingClock('2025-03-10T08:00:00.000Z', 60_000) });
  ledger.openShift({ openingFloatMinor: 5000, currency: 'RWF', openedBy: 'Ann' });
  ledger.createCashSale({ amountMinor: 1500, currency: 'RWF', note: 'bread, "fresh"' });
  const { payment } = ledger.createMomoSale({ amountMinor: 10_000, currency: 'RWF', msisdn: '250788123456', referenceId: randomUUID() });
  ledger.transitionPayment(payment.id, 'sending');
  ledger.transitionPayment(payment.id, 'pending');
  ledger.transitionPayment(payment.id, 'successful', { financialTransactionId: 'FT1' });
  const declined = ledger.createMomoSale({ amountMinor: 700, currency: 'RWF', msisdn: '250788123456', referenceId: randomUUID() }).payment;
  ledger.transitionPayment(declined.id, 'sending');
  ledger.transitionPayment(declined.id, 'pending');
  ledger.transitionPayment(declined.id, 'rejected', { reasonCode: 'APPROVAL_REJECTED' });
  ledger.close();
}

describe('pos report', () => {
  it('prints the day’s totals as a table and leaves the file as it was', () => {
    const dataDir = tempDataDir();
    seedDay(dataDir);
    const file = path.join(dataDir, 'ledger.sqlite');
    const before = sha(file);
    const run = pos(['report', '--date', '2025-03-10', '--data-dir', dataDir]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('My shop\nDAY REPORT\n');
    expect(run.stdout).toMatch(/\nBusiness day +10 Mar 2025\n/);
    expect(run.stdout).toMatch(/\nPrinted +.* · POS1\n/);
    expect(run.stdout).toMatch(/\nSales +No\. +Amount\n {2}MoMo +1 +RWF\s10,000\n {2}Cash +1 +RWF\s1,500\n {2}Total +2 +RWF\s11,500\n/);
    expect(run.stdout).toMatch(/ {2}Declined +1/);
    expect(run.stdout).toMatch(/= Expected in drawer +RWF\s6,500/);
    expect(run.stdout).toMatch(/Estimated MoMo fees\n {2}0\.5 % of each payment above RWF\s4,000\n {2}1 payment charged +RWF\s50\n/);
    expect(run.stdout).toContain('Sales per hour');
    // The shell's language: the same day in French.
    const french = pos(['report', '--date', '2025-03-10', '--data-dir', dataDir], { MOMO_POS_LANGUAGE: 'fr' });
    expect(french.status).toBe(0);
    expect(french.stdout).toContain('My shop\nRAPPORT DU JOUR\n');
    expect(french.stdout).toMatch(/\nJournée +10 mars 2025\n/);
    expect(french.stdout).toMatch(/\nVentes +Nb +Montant\n {2}MoMo +1 +10\s000\sRWF\n/);
    expect(sha(file)).toBe(before);
  });

  it('another day has nothing; --training reads the training file; a bad date is a usage error', () => {
    const dataDir = tempDataDir();
    seedDay(dataDir, true);
    const empty = pos(['report', '--date', '2025-03-11', '--training', '--data-dir', dataDir]);
    expect(empty.status).toBe(0);
    expect(empty.stdout).toContain('TRAINING — no real money');
    expect(empty.stdout).toContain('No sales or refunds on 2025-03-11.');
    expect(pos(['report', '--date', '10/03/2025', '--data-dir', dataDir]).status).toBe(2);
    const missing = pos(['report', '--data-dir', dataDir]);
    expect(missing.status).toBe(3);
    expect(missing.stderr).toContain('There is no sale ledger at');
  });
});

describe('pos export', () => {
  it('writes one row per sale with stable columns and amounts as major-unit text', () => {
    const dataDir = tempDataDir();
    seedDay(dataDir);
    const out = path.join(dataDir, 'march.csv');
    const run = pos(['export', '--from', '2025-03-10', '--to', '2025-03-10', '--out', out, '--data-dir', dataDir]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`Wrote 3 sales (2025-03-10 to 2025-03-10) to ${out}\n`);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // UTF-8 byte-order mark: Excel reads the file as UTF-8
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^Receipt number,Business day,Time \(UTC\),Status,Method,Currency,Amount,Paid by MoMo,Paid in cash,Refunded,/);
    expect(lines[1]).toMatch(/^POS1-000001,2025-03-10,2025-03-10T08:0\d:00\.000Z,paid,cash,RWF,1500,0,1500,0,0,1500,Ann,/);
    expect(lines[1]).toContain('"bread, ""fresh"""');
    expect(lines[2]).toMatch(/^POS1-000002,.*,paid,momo,RWF,10000,10000,0,0,0,10000,Ann,2507\*\*\*\*\*\*56,/);
    expect(lines[3]).toMatch(/^POS1-000003,.*,not_paid,momo,RWF,700,0,0,0,0,0,/);
    expect(pos(['export', '--from', '2025-03-10', '--data-dir', dataDir]).status).toBe(2);
  });
});

describe('pos <command> --help', () => {
  it('every command prints its own usage and exits 0, without opening a ledger', () => {
    for (const [command, usage] of [
      ['report', 'Usage: npm run pos -- report [--date YYYY-MM-DD] [--data-dir D] [--training]'],
      ['export', 'Usage: npm run pos -- export --from YYYY-MM-DD [--to YYYY-MM-DD] --out file.csv [--data-dir D] [--training]'],
      ['verify', 'Usage: npm run pos -- verify'],
    ] as const) {
      for (const args of [[command, '--help'], [command, '-h'], ['help', command], [command, '--date', '2025-03-10', '--help']]) {
        const run = pos([...args, '--data-dir', '/nonexistent/momo-pos']);
        expect(run.stderr, args.join(' ')).toBe('');
        expect(run.status, args.join(' ')).toBe(0);
        expect(run.stdout).toContain(usage);
        expect(run.stdout).not.toContain('Unknown option');
      }
    }
    const all = pos(['--help']);
    expect(all.status).toBe(0);
    expect(all.stdout).toContain('Commands:');
  }, 120_000); // thirteen real `pos` processes: seconds each on a busy machine
});
