/**
 * A charge is idempotent: the screen's requestId answers the same sale and
 * never sends a second prompt (the ledger holds at most one sale per id);
 * a new charge to the same number for the same amount while one waits is
 * refused with CONFLICT naming its receipt unless the cashier confirms.
 * Counted at the simulator: what reached "MoMo".
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPos, type Pos } from '../../../electron/core/app';
import type { ChargeResult, PosResult } from '../../../shared/contract';
import { describeFailure } from '../../../shared/error-text';

let pos: Pos;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-idempotent-'));
  // Approval slow enough that the prompts are still waiting while the test looks.
  pos = await startPos({ dataDir, dataDirKind: 'custom', version: 'test', transport: 'http', env: { MOMO_POS_SIM_APPROVAL_MS: '60000' }, log: () => {} });
});
afterAll(async () => {
  await pos.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const charge = (input: Record<string, unknown>) => pos.router.call('sale.charge', input) as Promise<PosResult<ChargeResult>>;
const requestsToPayFor = (msisdn: string) => pos.simulator!.requestsToPay().filter((request) => JSON.stringify(request.body).includes(msisdn)).length;

describe('sale.charge with a requestId', () => {
  it('200 concurrent identical calls with one requestId: one sale, one request to pay, the same answer for all', async () => {
    const requestId = randomUUID();
    const answers = await Promise.all(Array.from({ length: 200 }, () => charge({ phone: '0788 111 222', amount: '2500', requestId })));
    expect(answers.every((answer) => answer.ok)).toBe(true);
    const saleIds = new Set(answers.map((answer) => (answer.ok ? answer.data.sale.id : '')));
    expect(saleIds.size).toBe(1);
    expect(pos.ledger.listSales({ limit: 500 }).filter((sale) => sale.msisdn === '250788111222')).toHaveLength(1);
    await pos.engine.idle();
    await expect.poll(() => requestsToPayFor('250788111222')).toBe(1);
    // Later retries of the same press still answer that sale and send nothing.
    const again = await charge({ phone: '0788 111 222', amount: '2500', requestId });
    expect(again.ok && again.data.sale.id).toBe([...saleIds][0]);
    await pos.engine.idle();
    expect(requestsToPayFor('250788111222')).toBe(1);
    // The same id for another sale is refused, not mixed up.
    expect(await charge({ phone: '0788 111 222', amount: '2600', requestId })).toMatchObject({ ok: false, code: 'CONFLICT', field: 'requestId' });
  });

  it('a new charge to the same number for the same amount while one waits: CONFLICT naming its receipt, unless confirmed', async () => {
    const first = await charge({ phone: '0788 333 444', amount: '4000', requestId: randomUUID() });
    expect(first.ok).toBe(true);
    const receipt = first.ok ? first.data.receiptNumber : '';
    const second = await charge({ phone: '0788 333 444', amount: '4000', requestId: randomUUID() });
    expect(second).toMatchObject({ ok: false, code: 'CONFLICT', field: 'confirmDuplicate' });
    expect(!second.ok && second.message).toContain(receipt);
    if (!second.ok) {
      expect(second.key).toBe('error.ledger.paymentSameAmountNumber');
      expect(describeFailure(second, 'fr').sentence).toBe(`Un paiement du même montant vers ce numéro attend encore : reçu ${receipt}. Ne relancez que si le client paie vraiment deux fois.`);
      expect(describeFailure(second, 'rw').sentence).toContain(receipt);
    }
    // Another amount, or another number, is simply charged.
    expect((await charge({ phone: '0788 333 444', amount: '4001', requestId: randomUUID() })).ok).toBe(true);
    const confirmed = await charge({ phone: '0788 333 444', amount: '4000', requestId: randomUUID(), confirmDuplicate: true });
    expect(confirmed.ok).toBe(true);
    await pos.engine.idle();
    await expect.poll(() => requestsToPayFor('250788333444')).toBe(3);
  });

  it('pay later takes a requestId too: one invoice per press', async () => {
    await pos.router.call('till.setManagerPin', { pin: '482916' }, { id: 'test:manager' });
    expect(await pos.router.call('settings.update', { merchantMomoNumber: '0788 999 000' }, { id: 'test:manager' })).toMatchObject({ ok: true });
    const requestId = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => pos.router.call('sale.payLater', { phone: '0788 555 666', amount: '7000', requestId }) as Promise<PosResult<ChargeResult>>));
    expect(new Set(answers.map((answer) => (answer.ok ? answer.data.sale.id : answer.code))).size).toBe(1);
    await pos.engine.idle();
    await expect.poll(() => pos.simulator!.invoices().filter((invoice) => JSON.stringify(invoice).includes('250788555666')).length).toBe(1);
  });
});
