/**
 * sale.list's day is the shop's business day: a bar whose day starts at
 * 02:00 sees its 01:30 sale in the evening's day, not in the next one. Real
 * ledger file written first, then the real engine's router reads it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPos, type Pos } from '../../../electron/core/app';
import { openLedger } from '../../../electron/core/ledger';
import { updateSettings } from '../../../electron/core/settings';
import type { PosResult } from '../../../shared/contract';
import { removeTempDirs, tempDataDir } from '../../helpers/ledger';

let app: Pos;
const receipts: Record<string, string> = {};

async function listed(day: string): Promise<string[]> {
  const result = (await app.router.call('sale.list', { day })) as PosResult<Array<{ receiptNumber: string }>>;
  if (!result.ok) throw new Error(`sale.list: ${result.code} ${result.message}`);
  return result.data.map((sale) => sale.receiptNumber).sort();
}

beforeAll(async () => {
  const dataDir = tempDataDir('sale-list-day');
  // Local times, as the shop's clock reads them, in order (the ledger refuses a clock that goes back).
  const moments = { before: new Date(2025, 2, 10, 1, 59), evening: new Date(2025, 2, 10, 23, 0), smallHours: new Date(2025, 2, 11, 1, 30), morning: new Date(2025, 2, 11, 9, 0) };
  let at = moments.before;
  const ledger = openLedger({ dataDir, training: true, deviceId: 'POS1', now: () => at, log: () => {} });
  updateSettings(ledger, { dayStartsAtHour: 2 });
  for (const [name, moment] of Object.entries(moments)) {
    at = moment;
    receipts[name] = ledger.createCashSale({ amountMinor: 1000, currency: 'RWF' }).sale.receiptNumber;
  }
  ledger.close();
  app = await startPos({ dataDir, dataDirKind: 'custom', version: 'test', transport: 'http', env: {}, log: () => {} });
});
afterAll(async () => {
  await app?.close();
  removeTempDirs();
});

describe('sale.list by day', () => {
  it('counts the small hours for the day before when the day starts at 02:00', async () => {
    expect(await listed('2025-03-10')).toEqual([receipts.evening, receipts.smallHours].sort());
    expect(await listed('2025-03-11')).toEqual([receipts.morning]);
    expect(await listed('2025-03-09')).toEqual([receipts.before]);
  });

  it('without a day lists every sale', async () => {
    const result = (await app.router.call('sale.list', {})) as PosResult<unknown[]>;
    expect(result.ok && result.data.length).toBe(4);
  });
});
