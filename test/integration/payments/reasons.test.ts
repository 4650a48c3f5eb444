/**
 * Every reason MoMo sends — those in the spec and those production sends
 * outside it — ends the payment with a cashier's sentence and a next step in
 * en, fr and rw; an unknown code is still final and shows the code.
 * Real engine, real ledger file, real HTTP to the simulator (production profile).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEngineRig, type EngineRig } from '../../helpers/payments';
import { paymentView } from '../../../electron/core/payments/views';
import { LANGUAGES, describePayment } from '../../../shared/messages';

let rig: EngineRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const UNKNOWN_CODE_SENTENCE = { en: /with code/, fr: /avec le code/, rw: /ikoresheje kode/ };

describe('reasons MoMo gives, as the cashier reads them', () => {
  it.each([
    ['46733123458', 'failed', 'NOT_ALLOWED_TARGET_ENVIRONMENT', 'The shop’s MoMo account is not set up for this country or environment.'],
    ['46733123459', 'failed', 'INVALID_CALLBACK_URL_HOST', 'MTN refused the app’s callback address setting.'],
    ['46733123461', 'failed', 'INTERNAL_PROCESSING_ERROR', /no prompt reached the phone/],
    ['46733123462', 'failed', 'SERVICE_UNAVAILABLE', 'MTN’s payment service is not available right now.'],
    ['46733123463', 'failed', 'COULD_NOT_PERFORM_TRANSACTION', /did not approve it within MoMo’s time \(about 5 minutes\)/],
    ['46733123464', 'failed', 'LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED', /balance is too low, a limit was reached, or their wallet may not pay this shop/],
    ['46733123465', 'failed', 'SENDER_ACCOUNT_NOT_ACTIVE', 'The customer’s MoMo account is not active.'],
    ['46733123466', 'failed', 'PAYEE_LIMIT_REACHED', 'The shop’s MoMo account has reached the most it may receive.'],
  ])('%s -> %s %s', async (phone, status, reason, sentence) => {
    rig = await startEngineRig({ sim: { profile: 'production', approvalDelayMs: 100 } });
    const { sale, payment } = rig.engine.charge({ phone, amount: '1500' });
    const final = await rig.waitFor(payment.id);
    expect(final).toMatchObject({ status, reasonCode: reason });
    const view = paymentView(final, rig.ledger.getSale(sale.id)!);
    if (typeof sentence === 'string') expect(view.message).toBe(sentence);
    else expect(view.message).toMatch(sentence);
    for (const language of LANGUAGES) {
      const shown = describePayment(final, language);
      expect(shown.sentence).not.toMatch(UNKNOWN_CODE_SENTENCE[language]);
      expect(shown.nextStep.trim()).not.toBe('');
      expect(shown.actions).toContain('cash');
    }
  });

  it('46733123454: PAYER_DELAYED while pending is not an end; the payment still succeeds', async () => {
    rig = await startEngineRig({ sim: { slowApprovalDelayMs: 300 } });
    const { payment } = rig.engine.charge({ phone: '46733123454', amount: '1500' });
    expect((await rig.waitFor(payment.id)).status).toBe('successful');
  });

  it('a code nobody has listed is final and shown as it came', async () => {
    rig = await startEngineRig({ sim: { approvalDelayMs: 60_000 } });
    const { sale, payment } = rig.engine.charge({ phone: '250788123456', amount: '1500' });
    await rig.waitFor(payment.id, (p) => p.status === 'pending');
    rig.sim.decide(payment.referenceId, { status: 'FAILED', reason: 'WALLET_FROZEN_BY_REGULATOR' });
    const final = await rig.waitFor(payment.id);
    expect(final).toMatchObject({ status: 'failed', reasonCode: 'WALLET_FROZEN_BY_REGULATOR' });
    for (const language of LANGUAGES) expect(paymentView(final, rig.ledger.getSale(sale.id)!, language).message).toContain('WALLET_FROZEN_BY_REGULATOR');
  });
});
