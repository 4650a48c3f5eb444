/**
 * The simulator's production profile refuses the texts production refuses
 * (docs/momo.md, "What production does that the guides don't say"), over real
 * HTTP; the sandbox profile takes them; our client's cleaned texts pass.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, requestToPayInput, startRig, uuid, type Rig } from './rig';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function bearer(r: Rig, product: 'collection' | 'disbursement'): Promise<Record<string, string>> {
  const key = product === 'collection' ? KEYS.collectionKey : KEYS.disbursementKey;
  const basic = Buffer.from(`${KEYS.apiUser}:${KEYS.apiKey}`).toString('base64');
  const token = (await (await fetch(`${r.sim.url}/${product}/token/`, { method: 'POST', headers: { Authorization: `Basic ${basic}`, 'Ocp-Apim-Subscription-Key': key } })).json()) as { access_token: string };
  return { Authorization: `Bearer ${token.access_token}`, 'Ocp-Apim-Subscription-Key': key, 'X-Target-Environment': 'sandbox', 'Content-Type': 'application/json' };
}

/** A raw POST, bypassing our client (which would clean the texts). */
async function post(r: Rig, path: string, product: 'collection' | 'disbursement', body: Record<string, unknown>) {
  const response = await fetch(`${r.sim.url}${path}`, { method: 'POST', headers: { ...(await bearer(r, product)), 'X-Reference-Id': uuid() }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const payment = (notes: Record<string, unknown>) => ({ amount: '1000', currency: 'RWF', externalId: 'R-000001', payer: { partyIdType: 'MSISDN', partyId: '250788123456' }, ...notes });
const payout = (notes: Record<string, unknown>) => ({ amount: '1000', currency: 'RWF', externalId: 'R-000001', payee: { partyIdType: 'MSISDN', partyId: '250788123456' }, ...notes });

describe('production profile', () => {
  it.each([
    ['an & in payerMessage', { payerMessage: 'Jean & Fils', payeeNote: 'R-000001' }, 400],
    ['an apostrophe in payeeNote', { payerMessage: 'Jean', payeeNote: "Marie's order" }, 400],
    ['a curly apostrophe', { payerMessage: 'Marie’s', payeeNote: 'R-000001' }, 400],
    ['161 characters', { payerMessage: 'x'.repeat(161), payeeNote: 'R-000001' }, 400],
    ['an empty payerMessage', { payerMessage: '', payeeNote: 'R-000001' }, 500],
    ['a blank payeeNote', { payerMessage: 'Jean', payeeNote: '   ' }, 500],
    ['no payeeNote at all', { payerMessage: 'Jean' }, 500],
    ['clean texts of 160 characters', { payerMessage: 'é'.repeat(160), payeeNote: 'R-000001 (table 4): 2/3 #7, a-b.' }, 202],
  ])('request to pay with %s -> %i', async (_name, notes, status) => {
    rig = await startRig({ sim: { profile: 'production' } });
    const answer = await post(rig, '/collection/v1_0/requesttopay', 'collection', payment(notes));
    expect(answer.status).toBe(status);
    if (status === 400) expect(answer.body).toMatchObject({ code: 'BAD_REQUEST' });
    if (status === 500) expect(answer.body).toMatchObject({ code: 'INTERNAL_PROCESSING_ERROR' });
  });

  it('a refused request is not received: its status is 404', async () => {
    rig = await startRig({ sim: { profile: 'production' } });
    const headers = { ...(await bearer(rig, 'collection')) };
    const referenceId = uuid();
    const refused = await fetch(`${rig.sim.url}/collection/v1_0/requesttopay`, { method: 'POST', headers: { ...headers, 'X-Reference-Id': referenceId }, body: JSON.stringify(payment({ payerMessage: 'A & B', payeeNote: 'n' })) });
    expect(refused.status).toBe(400);
    expect((await fetch(`${rig.sim.url}/collection/v1_0/requesttopay/${referenceId}`, { headers })).status).toBe(404);
  });

  it('transfers and refunds are held to the same rules', async () => {
    rig = await startRig({ sim: { profile: 'production' } });
    expect((await post(rig, '/disbursement/v1_0/transfer', 'disbursement', payout({ payerMessage: "Jean & Fils'", payeeNote: 'Refund R-1' }))).status).toBe(400);
    expect((await post(rig, '/disbursement/v1_0/transfer', 'disbursement', payout({ payerMessage: 'Jean', payeeNote: '' }))).status).toBe(500);
    expect((await post(rig, '/disbursement/v1_0/refund', 'disbursement', { amount: '1', currency: 'RWF', externalId: 'R-1', payerMessage: 'Refund', referenceIdToRefund: uuid() })).status).toBe(500);
    expect((await post(rig, '/disbursement/v1_0/transfer', 'disbursement', payout({ payerMessage: 'Jean and Fils', payeeNote: 'Refund R-1' }))).status).toBe(202);
  });

  it('our client always passes: it sends the cleaned copy', async () => {
    rig = await startRig({ sim: { profile: 'production' } });
    const input = requestToPayInput('250788123456', { payerMessage: "Jean & Fils' Boutique", payeeNote: "Marie's order & co ".repeat(20) });
    await expect(rig.momo.collection.requestToPay(input)).resolves.toBeDefined();
    const status = await rig.momo.collection.getRequestToPayStatus(input.referenceId);
    expect(status.payerMessage).toBe('Jean and Fils Boutique');
    expect(status.payeeNote?.length).toBeLessThanOrEqual(160);
    await expect(rig.momo.collection.requestToPay(requestToPayInput('250788123456', { payerMessage: undefined, payeeNote: '' }))).resolves.toBeDefined();
  });
});

describe('sandbox profile (the default)', () => {
  it('takes an &, an apostrophe and an empty note, as MTN’s sandbox does', async () => {
    rig = await startRig();
    expect((await post(rig, '/collection/v1_0/requesttopay', 'collection', payment({ payerMessage: "Jean & Fils'", payeeNote: '' }))).status).toBe(202);
  });
});

describe('the numbers and reasons beyond the sandbox table', () => {
  it.each([
    ['46733123458', 'NOT_ALLOWED_TARGET_ENVIRONMENT'],
    ['46733123459', 'INVALID_CALLBACK_URL_HOST'],
    ['46733123461', 'INTERNAL_PROCESSING_ERROR'],
    ['46733123462', 'SERVICE_UNAVAILABLE'],
    ['46733123463', 'COULD_NOT_PERFORM_TRANSACTION'],
    ['46733123464', 'LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED'],
    ['46733123465', 'SENDER_ACCOUNT_NOT_ACTIVE'],
    ['46733123466', 'PAYEE_LIMIT_REACHED'],
  ])('%s ends FAILED with %s, a bare string as production sends it', async (msisdn, reason) => {
    rig = await startRig({ sim: { profile: 'production' } });
    const input = requestToPayInput(msisdn);
    await rig.momo.collection.requestToPay(input);
    rig.clock.advance(5_000);
    const status = await rig.momo.collection.getRequestToPayStatus(input.referenceId);
    expect(status).toMatchObject({ status: 'FAILED', reason: { code: reason } });
    expect((status.raw as { reason?: unknown }).reason).toBe(reason);
  });

  it('46733123454 says PAYER_DELAYED while pending, then succeeds', async () => {
    rig = await startRig();
    const input = requestToPayInput('46733123454');
    await rig.momo.collection.requestToPay(input);
    expect(await rig.momo.collection.getRequestToPayStatus(input.referenceId)).toMatchObject({ status: 'PENDING', reason: { code: 'PAYER_DELAYED' } });
    rig.clock.advance(30_000);
    expect((await rig.momo.collection.getRequestToPayStatus(input.referenceId)).status).toBe('SUCCESSFUL');
  });
});
