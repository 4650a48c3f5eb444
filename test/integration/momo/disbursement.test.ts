/**
 * Disbursement over real HTTP to the simulator: transfers for every
 * sandbox number, deposits v1 and v2, refunds v1 and v2, statuses, balance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, requestToPayInput, startRig, uuid, type Rig } from './rig';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig({ sim: { approvalDelayMs: 1_000 } });
});
afterAll(() => rig.close());

const transferInput = (partyId: string) => ({
  referenceId: uuid(),
  amount: '2500',
  currency: 'RWF',
  externalId: `PAYOUT-${partyId}`,
  payee: { partyIdType: 'MSISDN' as const, partyId },
  payerMessage: 'Change for sale R-000124',
  payeeNote: 'Kigali Corner Shop',
});

// docs/momo.md "Sandbox behaviour", transfers.
const TRANSFERS = [
  { msisdn: '46733123450', status: 'FAILED', reason: 'INTERNAL_PROCESSING_ERROR' },
  { msisdn: '46733123455', status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS' },
  { msisdn: '46733123456', status: 'FAILED', reason: 'PAYER_LIMIT_REACHED' },
  { msisdn: '46733123457', status: 'FAILED', reason: 'PAYEE_NOT_FOUND' },
  { msisdn: '250788555000', status: 'SUCCESSFUL', reason: undefined },
] as const;

describe('transfer, every sandbox number', () => {
  for (const row of TRANSFERS) {
    it(`${row.msisdn} ends ${row.status}${row.reason ? ` with ${row.reason}` : ''}`, async () => {
      const input = transferInput(row.msisdn);
      await expect(rig.momo.disbursement.transfer(input)).resolves.toEqual({ referenceId: input.referenceId });
      const status = await rig.momo.disbursement.getTransferStatus(input.referenceId);
      expect(status).toMatchObject({ status: row.status, amount: '2500', currency: 'RWF', externalId: input.externalId, payee: input.payee, payeeNote: 'Kigali Corner Shop' });
      expect(status.reason).toEqual(row.reason ? { code: row.reason } : undefined);
      if (row.status === 'SUCCESSFUL') expect(status.financialTransactionId).toMatch(/^\d+$/);
    });
  }

  it('409 on a reused reference, 404 on an unknown one, and the disbursement token is its own', async () => {
    const input = transferInput('250788555001');
    await rig.momo.disbursement.transfer(input);
    expect(await failure(rig.momo.disbursement.transfer(input))).toMatchObject({ code: 'RESOURCE_ALREADY_EXIST', httpStatus: 409 });
    expect(await failure(rig.momo.disbursement.getTransferStatus(uuid()))).toMatchObject({ code: 'RESOURCE_NOT_FOUND', httpStatus: 404 });
    expect(rig.sim.tokenRequests('disbursement')).toBe(1);
    const tokenCall = rig.exchanges.find((exchange) => exchange.product === 'disbursement' && exchange.operation === 'token');
    expect(tokenCall?.request.url).toMatch(/\/disbursement\/token\/$/);
  });
});

describe('deposit', () => {
  it('v1 and v2 are accepted and read back by GET', async () => {
    const v1 = transferInput('250788555002');
    const v2 = transferInput('46733123455');
    await rig.momo.disbursement.deposit(v1);
    await rig.momo.disbursement.depositV2(v2);
    expect(await rig.momo.disbursement.getDepositStatus(v1.referenceId)).toMatchObject({ status: 'SUCCESSFUL', payee: v1.payee });
    expect(await rig.momo.disbursement.getDepositStatus(v2.referenceId)).toMatchObject({ status: 'FAILED', reason: { code: 'NOT_ENOUGH_FUNDS' } });
    const paths = rig.exchanges.filter((exchange) => exchange.operation.startsWith('deposit')).map((exchange) => new URL(exchange.request.url).pathname);
    expect(paths).toEqual(['/disbursement/v1_0/deposit', '/disbursement/v2_0/deposit']);
  });
});

describe('refund of a collected payment', () => {
  it('v1 and v2 refund a successful request to pay to its payer', async () => {
    const sale = requestToPayInput('250788555003');
    await rig.momo.collection.requestToPay(sale);
    rig.clock.advance(1_000);
    expect((await rig.momo.collection.getRequestToPayStatus(sale.referenceId)).status).toBe('SUCCESSFUL');

    for (const method of ['refund', 'refundV2'] as const) {
      const referenceId = uuid();
      await rig.momo.disbursement[method]({ referenceId, amount: '500', currency: 'RWF', externalId: `R-${method}`, payerMessage: 'Refund', payeeNote: 'Returned item', referenceIdToRefund: sale.referenceId });
      const status = await rig.momo.disbursement.getRefundStatus(referenceId);
      expect(status).toMatchObject({ status: 'SUCCESSFUL', amount: '500', payee: sale.payer, financialTransactionId: expect.any(String) });
    }
    const body = JSON.parse(rig.exchanges.filter((exchange) => exchange.operation === 'refundV2').at(-1)?.request.body ?? '{}');
    expect(Object.keys(body)).toEqual(['amount', 'currency', 'externalId', 'payerMessage', 'payeeNote', 'referenceIdToRefund']);
  });

  it('a refund of a payment that did not succeed fails with TRANSACTION_NOT_COMPLETED', async () => {
    const sale = requestToPayInput('46733123451');
    await rig.momo.collection.requestToPay(sale);
    const referenceId = uuid();
    await rig.momo.disbursement.refund({ referenceId, amount: '1000', currency: 'RWF', externalId: 'R-2', referenceIdToRefund: sale.referenceId });
    expect(await rig.momo.disbursement.getRefundStatus(referenceId)).toMatchObject({ status: 'FAILED', reason: { code: 'TRANSACTION_NOT_COMPLETED' } });
  });
});

describe('disbursement account', () => {
  it('balance, account active and basic info', async () => {
    // The simulator's one merchant wallet moves with what it settled (transfers above); test/integration/till/momo-balance.test.ts follows it.
    await expect(rig.momo.disbursement.getAccountBalance()).resolves.toEqual({ availableBalance: expect.stringMatching(/^\d+(\.\d+)?$/), currency: 'EUR' });
    await expect(rig.momo.disbursement.isAccountHolderActive('46733123450')).resolves.toBe(false);
    await expect(rig.momo.disbursement.getBasicUserInfo('250788555004')).resolves.toMatchObject({ given_name: 'Sand' });
  });

  it('a product without credentials is NOT_CONFIGURED, nothing sent', async () => {
    const collectionOnly = rig.client({ disbursement: undefined });
    const before = rig.sim.stats().requests;
    expect(await failure(collectionOnly.disbursement.transfer(transferInput('250788555005')))).toMatchObject({ name: 'MomoError', code: 'NOT_CONFIGURED' });
    expect(rig.sim.stats().requests).toBe(before);
  });
});
