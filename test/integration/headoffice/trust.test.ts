/**
 * Head office trusts nothing a till says (against a real PostgreSQL, each
 * push made with the till's own role): a chain belongs to one till, every
 * entry is checked for sense per kind, totals stay exact, every alarm is
 * seen (and escaped), a till's role has limits, and the owner's life-cycle
 * commands (tills, revoke, rotate, unbind).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLOCK_SKEW_MINUTES,
  closeAlarm,
  connectHeadOffice,
  currencyLimits,
  ENTRY_SCHEMAS,
  forTerminal,
  formatTotal,
  headOfficeRouter,
  HQ_MIGRATIONS,
  ingest,
  migrateHeadOffice,
  pushJournal,
  readHeadOfficeDay,
  scramVerifier,
  TILL_GROUP_ROLE,
  toWire,
  type WireEntry,
} from '../../../electron/core/headoffice';
import { MAX_BATCH_ENTRIES, MAX_WAITING } from '../../../electron/core/headoffice/entry-schema';
import { canonicalJson, deviceGenesisHash, entryHash, JOURNAL_KINDS, type Ledger } from '../../../electron/core/ledger';
import { runHq } from '../../../electron/core/cli/hq';
import type { CommandIo } from '../../../electron/core/cli/commands';
import { MARKETS } from '../../../shared/markets';
import { momoSale, openTestLedger, settle, steppingClock, tempDataDir } from '../../helpers/ledger';
import { asRole, sell, tillWithSales, uniqueDevice, useThrowawayHeadOffice } from './rig';

const rig = useThrowawayHeadOffice();
const { missing } = rig;

function capture(): CommandIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line), env: {} };
}

/** The next entry of a chain, its hash computed exactly as a till computes it: hash-valid, whatever it says. */
function chained(prev: { seq: number; hash: string }, fields: { at?: string; kind?: string; subjectId?: string; body: Record<string, unknown>; day?: string }): WireEntry {
  const seq = prev.seq + 1;
  const at = fields.at ?? new Date(Date.now() - 60_000).toISOString();
  const kind = fields.kind ?? 'payment.final';
  const subjectId = fields.subjectId ?? `p-${seq}`;
  const hash = entryHash(prev.hash, { seq, at, kind, subjectId, body: fields.body });
  return { seq, at, kind, subjectId, body: canonicalJson(fields.body), prevHash: prev.hash, hash, day: fields.day ?? at.slice(0, 10), hour: 8 };
}

const finalBody = (amountMinor: unknown, extra: Record<string, unknown> = {}) => ({
  paymentId: 'pay-1',
  saleId: 'sale-1',
  receiptNumber: 'POS1-000001',
  referenceId: 'ref-1',
  status: 'successful',
  amountMinor,
  currency: 'RWF',
  financialTransactionId: 'FT1',
  reasonCode: null,
  at: '2025-03-10T08:00:00.000Z',
  ...extra,
});

const headOf = (ledger: Ledger) => ledger.journalHead()!;

async function alarmsOf(name: string): Promise<{ kind: string; seq: string; detail: string }[]> {
  const rows = await rig.hq.admin.query(`SELECT a.kind, a.seq, a.detail FROM hq.alarms a JOIN hq.tills t ON t.id = a.till_id WHERE t.name = $1 ORDER BY a.id`, [name]);
  return rows.rows;
}

describe.skipIf(missing)('1. a chain belongs to one till', () => {
  it('a new ledger’s first entry names its device id inside the hash', () => {
    const deviceId = uniqueDevice();
    const till = tillWithSales(deviceId, 1);
    const [first] = till.journal({ limit: 1 });
    expect(first!.prevHash).toBe(deviceGenesisHash(deviceId));
    expect(till.verify()).toMatchObject({ ok: true });
    till.close();
  });

  it('the same chain replayed under another till’s role is refused as foreign and alarmed; the totals count it once', async () => {
    const url1 = await rig.hq.addTill('Replay 1');
    const url2 = await rig.hq.addTill('Replay 2');
    const till = tillWithSales(uniqueDevice(), 8, { start: '2025-04-01T08:00:00.000Z' });
    expect(await pushJournal(till, url1)).toMatchObject({ status: 'ok', waiting: 0 });
    const wire = till.journal({ limit: 100 }).map((entry) => toWire(entry, 0));
    const answer = await asRole(url2, (client) => ingest(client, till.deviceId, wire));
    expect(answer).toMatchObject({ status: 'refused', reason: 'foreign', refusedSeq: 1, accepted: 0, headSeq: 0 });
    expect(answer.detail).toMatch(/already pushes as till Replay 1/);
    expect(await alarmsOf('Replay 2')).toEqual([expect.objectContaining({ kind: 'foreign', seq: '1' })]);
    // Under another device id: the chain's first hash is Replay 1's.
    const relabelled = await asRole(url2, (client) => ingest(client, 'OTHER2', wire));
    expect(relabelled).toMatchObject({ status: 'refused', refusedSeq: 1, accepted: 0 });
    // (its first entry links to the first device's genesis: not OTHER2's chain at all)
    expect(relabelled.reason).toBe('bad_link');
    // An older ledger (64 zeros before its first entry, no device inside) replayed under another device id: caught by its first hash.
    const old = tillWithSales(uniqueDevice(), 0);
    const zeroFirst = chained({ seq: 0, hash: '0'.repeat(64) }, { kind: 'pin.changed', body: { action: 'set_pin', who: 'manager', name: null, at: '2025-04-01T07:00:00.000Z' } });
    const url3 = await rig.hq.addTill('Replay 3');
    expect(await asRole(url1, (client) => ingest(client, till.deviceId, []))).toMatchObject({ status: 'ok' });
    expect(await asRole(url3, (client) => ingest(client, old.deviceId, [zeroFirst]))).toMatchObject({ status: 'ok', accepted: 1 });
    const url4 = await rig.hq.addTill('Replay 4');
    const stolen = await asRole(url4, (client) => ingest(client, 'THIEF1', [zeroFirst]));
    expect(stolen).toMatchObject({ status: 'refused', reason: 'foreign', refusedSeq: 1, accepted: 0 });
    expect(stolen.detail).toMatch(/already till Replay 3's/);
    expect(await alarmsOf('Replay 4')).toEqual([expect.objectContaining({ kind: 'foreign', seq: '1' })]);
    old.close();
    const day = await readHeadOfficeDay(rig.hq.admin, '2025-04-01');
    expect(day.tills.find((t) => t.name === 'Replay 2')!.totals).toEqual([]);
    expect(day.tills.find((t) => t.name === 'Replay 1')!.totals[0]!.netMinor).toBe(6000n);
    till.close();
  });

  it('a binding claimed by an empty push counts as nothing: the real till still binds on its first entry', async () => {
    const url = await rig.hq.addTill('Claimed');
    expect(await asRole(url, (client) => ingest(client, 'EVIL', []))).toMatchObject({ status: 'ok', accepted: 0 });
    const bound = await rig.hq.admin.query(`SELECT device_id, first_hash FROM hq.tills WHERE name = 'Claimed'`);
    expect(bound.rows[0]).toEqual({ device_id: null, first_hash: null });
    const till = tillWithSales(uniqueDevice(), 1);
    expect(await pushJournal(till, url)).toMatchObject({ status: 'ok', waiting: 0 });
    const after = await rig.hq.admin.query(`SELECT device_id, first_hash FROM hq.tills WHERE name = 'Claimed'`);
    expect(after.rows[0]).toEqual({ device_id: till.deviceId, first_hash: till.journal({ limit: 1 })[0]!.hash });
    await expect(asRole(url, (client) => ingest(client, 'EVIL', []))).rejects.toThrow(/belongs to device/);
    till.close();
  });
});

describe.skipIf(missing)('2. every entry is checked for sense', () => {
  it('hash-valid lies are refused one by one with their reason, alarmed, and the chain waits at them', async () => {
    const url = await rig.hq.addTill('Liar');
    const till = tillWithSales(uniqueDevice(), 2, { start: '2025-05-01T08:00:00.000Z' });
    expect(await pushJournal(till, url)).toMatchObject({ status: 'ok' });
    const head = headOf(till);
    const future = new Date(Date.now() + (CLOCK_SKEW_MINUTES + 60) * 60_000).toISOString();
    const lies: [string, WireEntry, RegExp][] = [
      ['negative amount', chained(head, { body: finalBody(-5_000_000) }), /amountMinor is not a whole number/],
      ['unsafe amount', chained(head, { body: finalBody(9007199254740991) }), /amountMinor \(9007199254740991\) is above the most a till takes at once/],
      ['over the market limit', chained(head, { body: finalBody(currencyLimits().RWF + 1) }), /above the most a till takes at once/],
      ['escape codes as currency', chained(head, { body: finalBody(1000, { currency: '\u001b[2J\u001b[31mFAKE\nTotals across tills (RWF):\n  Net  RWF 0' }) }), /currency is not a currency head office knows/],
      ['another currency', chained(head, { body: finalBody(1000, { currency: 'UGX' }) }), /currency UGX is not this till's \(RWF\)/],
      ['free-text kind', chained(head, { kind: 'money.printed', body: finalBody(1000) }), /kind is not one a till writes/],
      ['not a date', chained(head, { at: 'not a date', body: finalBody(1000) }), /time is not an instant/],
      ['the future', chained(head, { at: future, body: finalBody(1000) }), /later than head office's clock plus 15 minutes/],
      ['a status that is not final', chained(head, { body: finalBody(1000, { status: 'paid, honest' }) }), /status is not a final status/],
      ['a field missing', chained(head, { body: { paymentId: 'p' } }), /it lacks currency, amountMinor, at, /],
      ['a nested value', chained(head, { body: finalBody(1000, { '\u001b[31mx': { deep: 1 } }) }), /is not a plain value/],
      ['a long text', chained(head, { body: finalBody(1000, { note: 'x'.repeat(501) }) }), /longer than 500 characters/],
      ['a huge body', chained(head, { body: finalBody(1000, { a: 'x'.repeat(400), b: 'y'.repeat(400), ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, 'z'.repeat(300)])) }) }), /larger than an entry may be/],
    ];
    await asRole(url, async (client) => {
      for (const [what, entry, reason] of lies) {
        const answer = await ingest(client, till.deviceId, [entry]);
        expect(answer, what).toMatchObject({ status: 'refused', reason: 'invalid', refusedSeq: head.seq + 1, accepted: 0, headSeq: head.seq });
        expect(answer.detail, what).toMatch(reason);
      }
      // The same lie again is the same alarm, not a new one.
      await ingest(client, till.deviceId, [lies[0]![1]]);
    });
    const alarms = await alarmsOf('Liar');
    expect(alarms).toHaveLength(lies.length);
    expect(new Set(alarms.map((a) => a.kind))).toEqual(new Set(['invalid']));
    const held = await rig.hq.admin.query(`SELECT count(*)::int AS n, max(seq)::int AS head FROM hq.journal j JOIN hq.tills t ON t.id = j.till_id WHERE t.name = 'Liar'`);
    expect(held.rows[0]).toEqual({ n: head.seq, head: head.seq });
    till.close();
  });

  it('the day and hour come from the entry’s own time and the till’s stated zone and day start, never from the label beside the hash', async () => {
    const url = await rig.hq.addTill('Labels');
    const unknown = capture();
    expect(await runHq(['set-till-zone', '--hq', rig.hq.adminUrl, '--name', 'Labels', '--time-zone', 'Mars/Olympus'], unknown)).not.toBe(0);
    expect(unknown.errors.join('\n')).toMatch(/Mars\/Olympus is not a time zone PostgreSQL knows/);
    expect(await runHq(['set-till-zone', '--hq', rig.hq.adminUrl, '--name', 'Labels', '--time-zone', 'Africa/Kigali', '--day-starts-at', '4'], capture())).toBe(0);
    const till = tillWithSales(uniqueDevice(), 0);
    // Kigali is UTC+2: 2025-06-02T01:30Z is 03:30 local, before the 04:00 day start: business day 2025-06-01, hour 3.
    const first = chained({ seq: 0, hash: deviceGenesisHash(till.deviceId) }, { at: '2025-06-02T01:30:00.000Z', kind: 'sale.paid_cash', body: { saleId: 's', receiptNumber: 'R-1', amountMinor: 700, currency: 'RWF', tenderedMinor: null, shiftId: null, at: '2025-06-02T01:30:00.000Z' }, day: 'infinity' });
    expect(await asRole(url, (client) => ingest(client, till.deviceId, [{ ...first, hour: 99 }]))).toMatchObject({ status: 'ok', accepted: 1 });
    const day = await readHeadOfficeDay(rig.hq.admin, '2025-06-01');
    expect(day.tills.find((t) => t.name === 'Labels')!.totals[0]).toMatchObject({ cashSales: 1, cashMinor: 700n });
    expect(day.hours.filter((h) => h.currency === 'RWF' && h.hour === 3)).toEqual([expect.objectContaining({ sales: 1, salesMinor: 700n })]);
    till.close();
  });

  it('every kind the ledger writes is accepted as the ledger writes it, and head office knows exactly the ledger’s kinds', async () => {
    const url = await rig.hq.addTill('Every kind');
    const till = openTestLedger({ deviceId: uniqueDevice(), dataDir: tempDataDir('kinds'), now: steppingClock(new Date(Date.now() - 3_600_000).toISOString()) });
    const shift = till.openShift({ openingFloatMinor: 5000, currency: 'RWF', openedBy: 'Ann' });
    till.recordMomoBalance({ shiftId: shift.id, moment: 'open', availableMinor: 120_000, currency: 'RWF' });
    till.recordMomoBalance({ shiftId: shift.id, moment: 'close', problem: 'MOMO_UNREACHABLE' });
    const { sale } = till.createCashSale({ amountMinor: 1500, currency: 'RWF' });
    till.recordReceiptPrint(sale.id);
    const { payment } = momoSale(till, 2000);
    settle(till, payment.id, 'successful');
    till.addCashMovement({ shiftId: shift.id, kind: 'out', amountMinor: 300, currency: 'RWF', reason: 'change', by: 'Ann' });
    till.createRefund({ saleId: sale.id, amountMinor: 500, currency: 'RWF', method: 'cash', reason: 'returned', by: 'Ann' });
    till.recordPinEvent('pin.refused', { action: 'refund', who: 'manager' });
    till.recordPinEvent('pin.changed', { action: 'set_pin', who: 'cashier', name: 'Bea' });
    // The sale's fiscal signing (EBM): requested, then signed.
    till.claimFiscalReceipt({ eventKey: `sale:${sale.id}`, label: 'NS', event: '{}' });
    till.finishFiscalReceipt(`sale:${sale.id}`, { status: 'signed', receiptNo: 1, totalReceiptNo: 1, internalData: 'A'.repeat(26), signature: 'B'.repeat(16), sdcDateTime: '20261204120000', sdcId: 'SDC010000001', mrcNo: 'WIS00000001' });
    till.closeShiftWithZReport({ shiftId: shift.id, countedCashMinor: 6000, closedBy: 'Ann', build: () => ({ report: {}, salesMinor: 3500, refundsMinor: 500 }) });
    const kinds = new Set(till.journal({ limit: 1000 }).map((entry) => entry.kind));
    expect(await pushJournal(till, url)).toMatchObject({ status: 'ok', waiting: 0 });
    expect(await alarmsOf('Every kind')).toEqual([]);
    expect([...kinds].sort()).toEqual([...JOURNAL_KINDS].sort());
    const sql = await rig.hq.admin.query<{ kind: string; fields: unknown }>('SELECT kind, fields FROM hq.entry_kinds ORDER BY kind');
    expect(Object.fromEntries(sql.rows.map((row) => [row.kind, row.fields]))).toEqual(ENTRY_SCHEMAS);
    expect(Object.keys(ENTRY_SCHEMAS).sort()).toEqual([...JOURNAL_KINDS].sort());
    till.close();
  });

  it('head office’s amount limits agree with the markets’ and the till’s own (shared/markets.ts, shared/limits.ts)', async () => {
    const sql = await rig.hq.admin.query<{ currency: string; max_minor: string }>('SELECT currency, max_minor FROM hq.currency_limits');
    expect(Object.fromEntries(sql.rows.map((row) => [row.currency, Number(row.max_minor)]))).toEqual(currencyLimits());
    for (const market of Object.values(MARKETS)) {
      const max = (market as { maxPaymentMinor?: number }).maxPaymentMinor;
      if (max !== undefined) expect(currencyLimits()[market.currency]).toBeGreaterThanOrEqual(max);
    }
  });

  it('property: over random garbage, nothing invalid is ever accepted and nothing valid refused', async () => {
    const url = await rig.hq.addTill('Property');
    const deviceId = uniqueDevice();
    let head = { seq: 0, hash: deviceGenesisHash(deviceId) };
    const limit = currencyLimits().RWF;
    const id = fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/);
    const past = fc.integer({ min: Date.parse('2001-01-01'), max: Date.now() - 60_000 }).map((ms) => new Date(ms).toISOString());
    const valid = fc.record({ amount: fc.integer({ min: 0, max: limit }), paymentId: id, at: past, status: fc.constantFrom('successful', 'failed', 'rejected', 'expired'), extra: fc.option(fc.string({ maxLength: 500 }), { nil: undefined }) });
    const garbage = fc.oneof(
      fc.integer({ max: -1 }).map((amountMinor) => ({ body: finalBody(amountMinor) })),
      fc.integer({ min: limit + 1, max: Number.MAX_SAFE_INTEGER }).map((amountMinor) => ({ body: finalBody(amountMinor) })),
      fc.string({ maxLength: 8 }).map((amountMinor) => ({ body: finalBody(amountMinor) })),
      fc.string({ maxLength: 20 }).filter((kind) => !(kind in ENTRY_SCHEMAS)).map((kind) => ({ kind, body: finalBody(1000) })),
      fc.string({ maxLength: 12 }).filter((currency) => currency !== 'RWF').map((currency) => ({ body: finalBody(1000, { currency }) })),
      fc.string({ maxLength: 30 }).map((at) => ({ at, body: finalBody(1000) })),
      fc.integer({ min: (CLOCK_SKEW_MINUTES + 1) * 60_000, max: 10 * 365 * 86_400_000 }).map((ahead) => ({ at: new Date(Date.now() + ahead).toISOString(), body: finalBody(1000) })),
      fc.constantFrom('paymentId', 'saleId', 'referenceId', 'status', 'amountMinor', 'currency', 'at').map((drop) => {
        const body: Record<string, unknown> = finalBody(1000);
        delete body[drop];
        return { body };
      }),
      fc.string({ maxLength: 12 }).filter((status) => !['successful', 'failed', 'rejected', 'expired'].includes(status)).map((status) => ({ body: finalBody(1000, { status }) })),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { minKeys: 0, maxKeys: 2 }).map((nested) => ({ body: finalBody(1000, { nested }) })),
    );
    await asRole(url, async (client) => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(valid.map((v) => ({ ok: true as const, v })), garbage.map((g) => ({ ok: false as const, g }))), async (pick) => {
          const entry = pick.ok
            ? chained(head, { at: pick.v.at, body: finalBody(pick.v.amount, { paymentId: pick.v.paymentId, status: pick.v.status, at: pick.v.at, ...(pick.v.extra !== undefined ? { note: pick.v.extra } : {}) }) })
            : chained(head, pick.g);
          const answer = await ingest(client, deviceId, [entry]);
          if (pick.ok) {
            expect(answer).toMatchObject({ status: 'ok', accepted: 1, headSeq: entry.seq });
            head = { seq: entry.seq, hash: entry.hash };
          } else {
            expect(answer).toMatchObject({ accepted: 0, headSeq: head.seq });
            expect(answer.status).toBe('refused');
          }
        }),
        { numRuns: 150 },
      );
    });
  });
});

describe.skipIf(missing)('2b. garbage on the wire', () => {
  it('property: random wire entries never move a chain; each is refused or a clean input error, never a server fault', async () => {
    const url = await rig.hq.addTill('Garbage');
    const deviceId = uniqueDevice();
    const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }).map((t) => t.replace(/\u0000/g, '')));
    const field = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.object({ maxDepth: 1 }));
    const entry = fc.record(
      { seq: fc.oneof(fc.integer({ min: -2, max: 5 }), field), at: field, kind: fc.oneof(fc.constantFrom(...JOURNAL_KINDS), text), subjectId: field, body: field, prevHash: field, hash: field, day: field, hour: field },
      { requiredKeys: [] },
    );
    await asRole(url, async (client) => {
      await fc.assert(
        fc.asyncProperty(fc.array(entry, { maxLength: 5 }), async (entries) => {
          try {
            const answer = await ingest(client, deviceId, entries as unknown as WireEntry[]);
            expect(answer.accepted).toBe(0);
            expect(answer.headSeq).toBe(0);
          } catch (error) {
            // A clean refusal: bad input (22…), a limit (54…), or the answer's own check; never an internal error.
            const code = (error as { code?: string }).code;
            if (code !== undefined) expect(code, (error as Error).message).toMatch(/^(22|54|42)/);
          }
        }),
        { numRuns: 120 },
      );
    });
    const held = await rig.hq.admin.query(`SELECT count(*)::int AS n FROM hq.journal j JOIN hq.tills t ON t.id = j.till_id WHERE t.name = 'Garbage'`);
    expect(held.rows[0].n).toBe(0);
  });
});

describe.skipIf(missing)('3 and 4. exact totals; every alarm seen, escaped', () => {
  it('totals past 2^53 stay exact from PostgreSQL to the screen', async () => {
    const day = '2024-02-29';
    const big = 2n ** 53n + 1n;
    const tills = await rig.hq.admin.query<{ id: number }>('SELECT id FROM hq.tills ORDER BY id LIMIT 2');
    for (const till of tills.rows) {
      await rig.hq.admin.query(`INSERT INTO hq.day_totals (business_day, till_id, currency, cash_sales, cash_minor) VALUES ($1, $2, 'RWF', 1, $3)`, [day, till.id, big.toString()]);
    }
    const report = await readHeadOfficeDay(rig.hq.admin, day);
    expect(report.totals[0]!.cashMinor).toBe(2n * big);
    expect(report.totals[0]!.netMinor).toBe(2n * big);
    expect(formatTotal(2n * big, 'RWF').replace(/\s/g, ' ')).toBe('RWF 18,014,398,509,481,986');
    expect(formatTotal(2n * big, 'GHS')).toMatch(/180,143,985,094,819\.86$/);
    const io = capture();
    await runHq(['report', '--hq', rig.hq.adminUrl, '--date', day], io);
    expect(io.lines.join('\n').replace(/\u00a0/g, ' ')).toContain('RWF 18,014,398,509,481,986');
  });

  it('hq report lists every open alarm (till, kind, seq, reason, time), escaped, and exits 1 until each is closed; hq web shows them', async () => {
    const url = await rig.hq.addTill('Alarmed');
    const till = tillWithSales(uniqueDevice(), 1);
    await pushJournal(till, url);
    const lie = chained(headOf(till), { body: finalBody(1000, { '\u001b[2J\u001b[31mFAKE': { x: 1 } }) });
    await asRole(url, (client) => ingest(client, till.deviceId, [lie]));
    const io = capture();
    expect(await runHq(['report', '--hq', rig.hq.adminUrl], io)).toBe(1);
    const text = io.lines.join('\n');
    expect(text).toMatch(/Open alarms/);
    expect(text).toMatch(new RegExp(`INVALID ENTRY\\s+Alarmed\\s+seq ${lie.seq}\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC\\s+its field \\\\u001b\\[2J\\\\u001b\\[31mFAKE is not a plain value`));
    // No control character reaches the terminal.
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(io.lines.find((line) => line.startsWith('Alarmed'))).toMatch(/ALARM \(1\)$/);

    const web = await headOfficeRouter(rig.hq.adminUrl).call('day', { date: new Date().toISOString().slice(0, 10) });
    expect(web).toMatchObject({ ok: true });
    const alarms = (web as { data: { alarms: { tillName: string; kind: string; seq: number; detail: string; raisedAt: string }[] } }).data.alarms;
    expect(alarms).toContainEqual(expect.objectContaining({ tillName: 'Alarmed', kind: 'invalid', seq: lie.seq, detail: expect.stringContaining('FAKE') }));

    for (const alarm of (await readHeadOfficeDay(rig.hq.admin, '2025-03-10')).alarms) if (alarm.id !== null) await closeAlarm(rig.hq.admin, alarm.id, 'looked into in the test');
    const closed = await readHeadOfficeDay(rig.hq.admin, '2025-03-10');
    expect(closed.alarms.filter((a) => a.id !== null)).toEqual([]);
    till.close();
  });

  it('a gap is an open alarm while entries wait', async () => {
    const url = await rig.hq.addTill('Gappy');
    const till = tillWithSales(uniqueDevice(), 3);
    const wire = till.journal({ limit: 100 }).map((entry) => toWire(entry, 0));
    await asRole(url, (client) => ingest(client, till.deviceId, wire.slice(3)));
    const day = await readHeadOfficeDay(rig.hq.admin, '2025-03-10');
    expect(day.alarms).toContainEqual(expect.objectContaining({ tillName: 'Gappy', kind: 'gap', seq: 1, detail: 'entries from seq 4 wait for seq 1 to 3' }));
    await asRole(url, (client) => ingest(client, till.deviceId, wire.slice(0, 3)));
    expect((await readHeadOfficeDay(rig.hq.admin, '2025-03-10')).alarms.filter((a) => a.tillName === 'Gappy')).toEqual([]);
    till.close();
  });

  it('forTerminal leaves no control character, escape sequence or direction override', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(forTerminal(text)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
    );
    expect(forTerminal('\u001b[2JNet\nRWF 0')).toBe('\\u001b[2JNet\\u000aRWF 0');
  });
});

describe.skipIf(missing)('5. a till’s role has limits', () => {
  it('timeouts, temp files, connections; no temporary tables', async () => {
    const url = await rig.hq.addTill('Limited');
    await asRole(url, async (client) => {
      const show = async (name: string) => (await client.query(`SHOW ${name}`)).rows[0][name];
      expect(await show('statement_timeout')).toBe('30s');
      expect(await show('idle_in_transaction_session_timeout')).toBe('10s');
      expect(await show('lock_timeout')).toBe('10s');
      expect(await show('temp_file_limit')).toBe('16MB');
      await expect(client.query('CREATE TEMP TABLE mine (x int)')).rejects.toThrow(/permission denied/);
      await expect(client.query('SET temp_file_limit = -1')).rejects.toThrow(/permission denied/);
    });
    const limit = await rig.hq.admin.query(`SELECT rolconnlimit FROM pg_roles r JOIN hq.tills t ON t.role_name = r.rolname WHERE t.name = 'Limited'`);
    expect(limit.rows[0].rolconnlimit).toBe(4);
  });

  it('batches are bounded in entries, bytes and rate; what waits above a gap is capped', async () => {
    const url = await rig.hq.addTill('Bounded');
    const deviceId = uniqueDevice();
    await asRole(url, async (client) => {
      await expect(ingest(client, deviceId, Array.from({ length: MAX_BATCH_ENTRIES + 1 }, () => ({}) as WireEntry))).rejects.toThrow(/at most 1000 entries/);
      await expect(ingest(client, deviceId, [{ body: 'x'.repeat(5 * 1024 * 1024) } as unknown as WireEntry])).rejects.toThrow(/at most 1000 entries and 4194304 bytes/);
      // Entries 2… with seq 1 missing: at most MAX_WAITING wait.
      let prev = { seq: 1, hash: 'a'.repeat(64) };
      const later: WireEntry[] = [];
      for (let i = 0; i < 2500; i++) {
        const entry = chained(prev, { body: finalBody(1000) });
        later.push(entry);
        prev = entry;
      }
      for (let i = 0; i < later.length; i += 1000) await ingest(client, deviceId, later.slice(i, i + 1000));
    });
    const waiting = await rig.hq.admin.query(`SELECT count(*)::int AS n, max(seq)::int AS top FROM hq.waiting w JOIN hq.tills t ON t.id = w.till_id WHERE t.name = 'Bounded'`);
    expect(waiting.rows[0].n).toBeGreaterThan(0);
    expect(waiting.rows[0].top).toBeLessThanOrEqual(MAX_WAITING);
    await rig.hq.admin.query(`UPDATE hq.tills SET batch_tokens = 0, tokens_at = now() + interval '1 hour' WHERE name = 'Bounded'`);
    await expect(asRole(url, (client) => ingest(client, deviceId, []))).rejects.toThrow(/faster than head office takes/);
  });

  it('a till holding head office’s old advisory lock, or an open push transaction, cannot block hq init or hq report', async () => {
    const url = await rig.hq.addTill('Blocker');
    const till = tillWithSales(uniqueDevice(), 1);
    const holder = await connectHeadOffice(url);
    try {
      await holder.query('SELECT pg_advisory_lock(727274017)');
      await holder.query('BEGIN');
      await holder.query('SELECT hq.ingest($1, $2::jsonb)', [till.deviceId, JSON.stringify(till.journal({ limit: 10 }).map((e) => toWire(e, 0)))]);
      const started = Date.now();
      await migrateHeadOffice(rig.hq.admin);
      const io = capture();
      await runHq(['report', '--hq', rig.hq.adminUrl, '--date', '2025-03-10'], io);
      expect(io.lines[0]).toMatch(/^Head office — 2025-03-10/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await holder.end().catch(() => {});
    }
    till.close();
  });
});

describe.skipIf(missing)('6. life cycle: tills, revoke, rotate, unbind', () => {
  it('hq tills shows the binding; revoke stops the role; rotate gives a new password; unbind lets a reinstalled till start a new chain', async () => {
    const added = capture();
    expect(await runHq(['add-till', '--hq', rig.hq.adminUrl, '--name', 'Life', '--currency', 'RWF', '--time-zone', 'Africa/Kigali'], added)).toBe(0);
    const url = added.lines[1]!;
    const old = tillWithSales(uniqueDevice(), 2);
    expect(await pushJournal(old, url)).toMatchObject({ status: 'ok' });
    const listed = capture();
    await runHq(['tills', '--hq', rig.hq.adminUrl], listed);
    const line = listed.lines.find((l) => l.startsWith('Life '))!;
    expect(line).toMatch(new RegExp(`role momo_till_life_[0-9a-f]{6}  device ${old.deviceId}  RWF  Africa/Kigali  first push \\d{4}-.*  last push \\d{4}-.*  head seq ${headOf(old).seq}  alarms 0  live`));

    expect(await runHq(['revoke-till', '--hq', rig.hq.adminUrl, '--name', 'Life'], capture())).toBe(0);
    await expect(asRole(url, (client) => client.query('SELECT 1'))).rejects.toThrow(/not permitted to log in/);
    expect(await pushJournal(old, url)).toMatchObject({ status: 'unreachable' });

    const rotated = capture();
    expect(await runHq(['rotate-till', '--hq', rig.hq.adminUrl, '--name', 'Life'], rotated)).toBe(0);
    const newUrl = rotated.lines[1]!;
    expect(newUrl).not.toBe(url);
    await expect(asRole(url, (client) => client.query('SELECT 1'))).rejects.toThrow(/password authentication failed/);
    expect(await pushJournal(old, newUrl)).toMatchObject({ status: 'ok' });

    expect(await runHq(['unbind-till', '--hq', rig.hq.adminUrl, '--name', 'Life'], capture())).toBe(0);
    const reinstalled = tillWithSales(uniqueDevice(), 1);
    expect(await pushJournal(reinstalled, newUrl)).toMatchObject({ status: 'ok', waiting: 0 });
    // The old chain is read-only: pushed again under the role, it is another till's chain now.
    const wire = old.journal({ limit: 100 }).map((e) => toWire(e, 0));
    await expect(asRole(newUrl, (client) => ingest(client, old.deviceId, wire))).rejects.toThrow(/belongs to device/);
    const rows = await rig.hq.admin.query(`SELECT device_id, retired_at IS NOT NULL AS retired, head_seq::int AS head FROM hq.tills WHERE name = 'Life' ORDER BY id`);
    expect(rows.rows).toEqual([
      { device_id: old.deviceId, retired: true, head: headOf(old).seq },
      { device_id: reinstalled.deviceId, retired: false, head: headOf(reinstalled).seq },
    ]);
    const after = capture();
    await runHq(['tills', '--hq', rig.hq.adminUrl], after);
    expect(after.lines.filter((l) => l.startsWith('Life '))).toEqual([expect.stringMatching(/retired .* \(read-only\)$/), expect.stringMatching(/live$/)]);
    old.close();
    reinstalled.close();
  });
});

describe.skipIf(missing)('upgrading a head office of schema 1', () => {
  it('binds each chain already held, alarms a chain replayed under a second till, fixes currencies and limits the roles', async () => {
    const root = await connectHeadOffice(rig.server.adminUrl);
    const database = `hq_upgrade_${process.pid}`;
    await root.query(`CREATE DATABASE ${database}`);
    await root.end();
    const url = rig.server.adminUrl.replace(/\/postgres$/, `/${database}`);
    const admin = await connectHeadOffice(url);
    try {
      await migrateHeadOffice(admin, HQ_MIGRATIONS.slice(0, 1));
      // Schema 1's add-till, by hand.
      const urls: string[] = [];
      for (const n of [1, 2]) {
        const role = `momo_till_upgrade_${n}_${process.pid}`;
        await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${scramVerifier('pw')}' IN ROLE ${TILL_GROUP_ROLE}`);
        await admin.query('INSERT INTO hq.tills (name, role_name) VALUES ($1, $2)', [`Old ${n}`, role]);
        urls.push(Object.assign(new URL(url), { username: role, password: 'pw' }).toString());
      }
      // A ledger from before (its chain starts from 64 zeros), replayed under the second till: schema 1 took both.
      const till = openTestLedger({ deviceId: uniqueDevice(), dataDir: tempDataDir('old'), now: steppingClock('2025-07-01T01:00:00.000Z') });
      till.db.prepare(`DELETE FROM settings WHERE key = 'ledger.chainGenesis'`).run();
      sell(till, 4);
      expect(till.journal({ limit: 1 })[0]!.prevHash).toBe('0'.repeat(64));
      // Labelled as a Kigali till would (UTC+2, its day from 04:00): 01:00Z is 03 h local, still the business day before.
      const kigali = (e: WireEntry): WireEntry => {
        const local = new Date(Date.parse(e.at) + 2 * 3_600_000);
        const day = new Date(local.getTime() - 4 * 3_600_000).toISOString().slice(0, 10);
        return { ...e, day, hour: local.getUTCHours() };
      };
      const wire = till.journal({ limit: 100 }).map((e) => kigali(toWire(e, 0)));
      expect(await asRole(urls[0]!, (client) => ingest(client, till.deviceId, wire))).toMatchObject({ status: 'ok' });
      expect(await asRole(urls[1]!, (client) => ingest(client, 'COPY1', wire))).toMatchObject({ status: 'ok' });

      await migrateHeadOffice(admin);
      const tills = await admin.query(`SELECT name, first_hash, currency, time_zone, day_starts_at_hour FROM hq.tills ORDER BY name`);
      expect(tills.rows).toEqual([
        { name: 'Old 1', first_hash: wire[0]!.hash, currency: 'RWF', time_zone: 'Etc/GMT-2', day_starts_at_hour: 4 },
        { name: 'Old 2', first_hash: null, currency: 'RWF', time_zone: 'Etc/GMT-2', day_starts_at_hour: 4 },
      ]);
      const alarms = await admin.query(`SELECT t.name, a.kind, a.seq::int AS seq FROM hq.alarms a JOIN hq.tills t ON t.id = a.till_id`);
      expect(alarms.rows).toEqual([{ name: 'Old 2', kind: 'foreign', seq: 1 }]);
      await asRole(urls[1]!, async (client) => {
        expect((await client.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe('30s');
      });
      // The first till goes on pushing as before.
      sell(till, 1);
      const more = till.journal({ afterSeq: wire.length, limit: 100 }).map((e) => toWire(e, 0));
      expect(await asRole(urls[0]!, (client) => ingest(client, till.deviceId, more))).toMatchObject({ status: 'ok', accepted: more.length });
      // …and its new entries count on the same business day its labels gave the old ones.
      const days = await admin.query(`SELECT DISTINCT business_day::text AS day FROM hq.journal j JOIN hq.tills t ON t.id = j.till_id WHERE t.name = 'Old 1'`);
      expect(days.rows).toEqual([{ day: '2025-06-30' }]);
      till.close();
    } finally {
      await admin.end();
    }
  });
});
