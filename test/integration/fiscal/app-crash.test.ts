/**
 * The whole app (its own start-up, `electron/core/web/cli.ts`, live mode on
 * the MoMo simulator) SIGKILLed while a sale's signing is on its way: the
 * device signed it, the answer never came back. After a restart the app
 * sends the same request again and the device says 994: one NS for the sale,
 * and the ledger counts it as done.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMomoSimulator, type MomoSimulator } from '../../../electron/core/momo-sim';
import { startVsdcSimulator, type VsdcSimulator } from '../../../electron/core/vsdc-sim';
import { startAppChild, type AppChild } from '../../helpers/app-child';
import { removeTempDirs, tempDataDir } from '../../helpers/ledger';
import { SECRETS } from '../../helpers/payments';

const TIN = '100200399';
let momo: MomoSimulator;
let vsdc: VsdcSimulator;

beforeAll(async () => {
  momo = await startMomoSimulator({ approvalDelayMs: 20, users: [{ apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey }], subscriptionKeys: [SECRETS.subscriptionKey] });
  vsdc = await startVsdcSimulator();
});
afterAll(async () => {
  await momo?.close();
  await vsdc?.close();
  removeTempDirs();
});

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function ok(app: AppChild, method: string, input: unknown = {}): Promise<any> {
  const answer = await app.call(method, input);
  if (!answer.ok) throw new Error(`${method}: ${answer.code} ${answer.message}`);
  return answer.data;
}

describe('fiscal signing under SIGKILL, the whole app', () => {
  it('killed while the signed answer is on its way: after a restart, one NS for the sale (994 counts as done)', async () => {
    const dataDir = tempDataDir('fiscal-app-crash');
    const env = {
      MOMO_COLLECTION_SUBSCRIPTION_KEY: SECRETS.subscriptionKey,
      MOMO_API_USER: SECRETS.apiUser,
      MOMO_API_KEY: SECRETS.apiKey,
      MOMO_BASE_URL: momo.url,
      MOMO_TARGET_ENVIRONMENT: 'mtnrwanda',
      MOMO_CURRENCY: 'RWF',
    };
    let app = await startAppChild(dataDir, { env });
    try {
      await ok(app, 'till.setManagerPin', { pin: '482916' });
      await ok(app, 'till.setCashier', { name: 'Aline', pin: '1357', managerPin: '482916' });
      await ok(app, 'till.openShift', { openingFloat: '0', cashier: 'Aline', pin: '1357' });
      await ok(app, 'fiscal.configure', { tin: TIN, branchId: '00', deviceSerial: 'CRASH-APP', vsdcUrl: vsdc.url, defaultItem: { code: 'RW2NTU0000001', classCode: '5020230100', taxType: 'B', name: 'Goods' } });
      // The device signs at once but answers after 30 s: the app dies in between.
      vsdc.inject({ path: '/trnsSales/saveSales', kind: 'slow', delayMs: 30_000 });
      const sale = await ok(app, 'sale.payCash', { amount: '7000' });
      await until(async () => (vsdc.receipts(TIN, '00').length === 1 ? true : undefined), 'the device to sign');
      expect((await ok(app, 'fiscal.receipt', { saleId: sale.id })).status).toBe('pending');
      app.child.kill('SIGKILL');
      await new Promise((resolve) => app.child.once('exit', resolve));

      app = await startAppChild(dataDir, { env });
      const view = await until(async () => {
        const receipt = await ok(app, 'fiscal.receipt', { saleId: sale.id });
        return receipt.status === 'pending' ? undefined : receipt;
      }, 'the resend after the restart');
      expect(view).toMatchObject({ status: 'duplicate', label: 'NS' });
      expect(vsdc.receipts(TIN, '00')).toHaveLength(1);
      expect(vsdc.counters(TIN, '00')).toEqual({ NS: 1 });
      expect(await ok(app, 'fiscal.status')).toMatchObject({ pending: 0, today: [{ label: 'NS', signed: 1, pending: 0, rejected: 0 }] });
    } finally {
      await app.stop();
    }
  }, 120_000);
});
