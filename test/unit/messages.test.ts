import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MOMO_REASON_CODES } from '../../shared/momo-vocabulary';
import { PAYMENT_STATUSES, isFinal } from '../../shared/payment-states';
import { APP_REASON_CODES, LANGUAGES, describePayment, describeReason, describeSale, type PaymentDescription } from '../../shared/messages';
import { describeFailure } from '../../shared/error-text';
import { PosError } from '../../shared/errors';
import { startupFailureText } from '../../electron/core/app';
import { noticeText } from '../../shared/error-text';
import { DICTIONARIES, translate } from '../../shared/i18n';
import { en } from '../../shared/i18n/en';
import { ValidationError, type Notice } from '../../shared/errors';
import { parseAmount } from '../../shared/money';
import { parsePayerNumber } from '../../shared/phone';

function expectWords(description: PaymentDescription) {
  expect(description.headline.trim()).not.toBe('');
  expect(description.sentence.trim()).not.toBe('');
  expect(description.nextStep.trim()).not.toBe('');
}

describe('describePayment', () => {
  for (const language of LANGUAGES) {
    it(`gives every MoMo reason code a headline, a sentence and a next step in ${language}`, () => {
      for (const code of MOMO_REASON_CODES) {
        for (const status of ['failed', 'rejected', 'expired'] as const) {
          const description = describePayment({ status, reasonCode: code }, language);
          expectWords(description);
          expect(description.tone).toBe('failure');
          expect(description.actions.length).toBeGreaterThan(0);
        }
      }
    });

    it(`gives every payment status words in ${language}, with or without a reason`, () => {
      for (const status of PAYMENT_STATUSES) {
        expectWords(describePayment({ status }, language));
        expectWords(describePayment({ status, waitingCancelled: true }, language));
        expectWords(describePayment({ status, reasonCode: 'NETWORK' }, language));
      }
    });

    it(`gives the app's own reason codes words in ${language}`, () => {
      for (const code of APP_REASON_CODES) expectWords(describePayment({ status: 'failed', reasonCode: code }, language));
    });

    it(`shows an unknown code itself, never a blank, in ${language}`, () => {
      fc.assert(
        fc.property(fc.stringMatching(/^[A-Z][A-Z_]{2,30}$/), (code) => {
          fc.pre(!(MOMO_REASON_CODES as readonly string[]).includes(code) && !(APP_REASON_CODES as readonly string[]).includes(code));
          const description = describePayment({ status: 'failed', reasonCode: code }, language);
          expectWords(description);
          expect(description.sentence).toContain(code);
        }),
      );
    });
  }

  it('says what the issue asks for the common outcomes (English)', () => {
    expect(describePayment({ status: 'successful' })).toMatchObject({ headline: 'Paid', tone: 'success', actions: ['print'] });
    const declined = describePayment({ status: 'failed', reasonCode: 'APPROVAL_REJECTED' });
    expect(declined).toMatchObject({ headline: 'Declined', tone: 'failure', sentence: 'The customer declined on their phone.', nextStep: 'Ask them to try again or take cash.' });
    expect(declined.actions).toEqual(expect.arrayContaining(['retry', 'cash']));
    expect(describePayment({ status: 'rejected' }).headline).toBe('Declined');
    expect(describePayment({ status: 'failed', reasonCode: 'EXPIRED' }).headline).toBe('Expired');
    expect(describePayment({ status: 'expired' }).headline).toBe('Expired');
    expect(describePayment({ status: 'pending' })).toMatchObject({ headline: 'Waiting for the customer', tone: 'waiting' });
    expect(describePayment({ status: 'sending' }).headline).toBe('Sending the prompt…');
    expect(describePayment({ status: 'recorded' }).headline).toBe('Sending the prompt…');
    const timedOut = describePayment({ status: 'timed_out' });
    expect(timedOut).toMatchObject({ headline: 'Timed out', tone: 'attention' });
    expect(timedOut.nextStep).toMatch(/Check now when the customer says they approved/);
    expect(timedOut.actions[0]).toBe('recheck');
  });

  it('explains INTERNAL_PROCESSING_ERROR plainly and offers cash and the support transcript (seed 000)', () => {
    const description = describePayment({ status: 'failed', reasonCode: 'INTERNAL_PROCESSING_ERROR' });
    expect(description.headline).toBe('Failed');
    expect(description.sentence).toMatch(/no prompt reached the phone/);
    expect(description.sentence).toMatch(/not registered/);
    expect(description.sentence).toMatch(/cannot tell which/);
    expect(description.actions.slice(0, 2)).toEqual(['cash', 'transcript']);
  });

  it('never offers a retry while the outcome is not known yet (unknown, pending, timed out)', () => {
    for (const status of PAYMENT_STATUSES.filter((s) => !isFinal(s))) {
      expect(describePayment({ status }).actions).not.toContain('retry');
      expect(describePayment({ status, waitingCancelled: true }).actions).not.toContain('retry');
    }
    expect(describePayment({ status: 'unknown' }).headline).toBe('Checking…');
    expect(describePayment({ status: 'unknown' }).sentence).toMatch(/^Checking with MTN…/);
  });

  it('matches a reason code written with a trailing dot or in lower case (seed 003)', () => {
    expect(describePayment({ status: 'failed', reasonCode: 'TRANSACTION_CANCELED.' }).headline).toBe('Declined');
    expect(describePayment({ status: 'failed', reasonCode: 'approval_rejected' }).headline).toBe('Declined');
  });

  it('keeps a stopped wait apart from a final answer: the sale may still turn Paid', () => {
    const stopped = describePayment({ status: 'pending', waitingCancelled: true });
    expect(stopped).toMatchObject({ kind: 'stopped', tone: 'attention' });
    expect(stopped.nextStep).toMatch(/turns Paid/);
    expect(describePayment({ status: 'successful', waitingCancelled: true }).headline).toBe('Paid');
    expect(describePayment({ status: 'failed', reasonCode: 'APPROVAL_REJECTED', waitingCancelled: true }).headline).toBe('Declined');
  });
});

describe('describeSale', () => {
  const payment = (status: (typeof PAYMENT_STATUSES)[number], attempt = 1, reasonCode?: string) => ({ status, attempt, ...(reasonCode ? { reasonCode } : {}) });

  it('uses the latest attempt', () => {
    const sale = { status: 'awaiting_payment' as const, method: 'momo' as const, payments: [payment('pending', 2), payment('rejected', 1, 'APPROVAL_REJECTED')] };
    expect(describeSale(sale).headline).toBe('Waiting for the customer');
  });

  it('says paid in cash, and paid twice, from the sale itself', () => {
    expect(describeSale({ status: 'paid', method: 'cash', payments: [payment('rejected', 1)] }).headline).toBe('Paid in cash');
    expect(describeSale({ status: 'paid', method: 'cash', payments: [] }).headline).toBe('Paid in cash');
    expect(describeSale({ status: 'paid_twice', method: 'cash', payments: [payment('successful')] })).toMatchObject({ headline: 'Paid twice', tone: 'attention' });
  });
});

describe('a failure said from its key (describeFailure)', () => {
  it('MoMo codes by their reason’s keys; a failure without a key is a neutral sentence naming its code, never its English', () => {
    expect(describeFailure({ code: 'MOMO_PAYER_NOT_FOUND', message: 'x' }, 'en').sentence).toMatch(/MoMo account/);
    expect(describeFailure({ code: 'MOMO_PAYER_NOT_FOUND', message: 'x' }, 'fr')).toEqual(describeReason('PAYER_NOT_FOUND', 'fr'));
    expect(describeReason('WHATEVER', 'fr').sentence).toContain('WHATEVER');
    for (const language of LANGUAGES) {
      const shown = describeFailure({ code: 'SOMETHING_NEW', message: 'An English sentence from a bug.' }, language);
      expect(shown.sentence).toContain('SOMETHING_NEW');
      expect(shown.sentence).not.toContain('English');
    }
    expect(describeFailure({ code: 'SOMETHING_NEW', message: '' }, 'fr').sentence).toBe('L’action n’a pas abouti (SOMETHING_NEW).');
  });

  it('the app that cannot start says the engine’s refusal by its key, in the merchant’s language', () => {
    const full = new PosError('DISK_FULL', 'error.ledger.diskFullLedgerCould', { file: '/data/ledger.sqlite' });
    expect(startupFailureText(full, 'en')).toBe(full.message);
    expect(startupFailureText(full, 'fr')).toMatch(/^Le disque est plein.*\/data\/ledger\.sqlite/);
    expect(startupFailureText(full, 'rw')).toMatch(/^Disiki yuzuye/);
    expect(startupFailureText(new Error('plain'), 'fr')).toBe('plain');
  });

  it('the manager’s grant, an error inside the app and a lost service each have their next step', () => {
    for (const language of LANGUAGES) {
      for (const [code, key] of [['FORBIDDEN', 'error.managerMustUnlock'], ['INTERNAL', 'error.internal'], ['OFFLINE', 'error.offline']] as const) {
        const shown = describeFailure({ code, key, message: '' }, language);
        expect(shown.sentence.trim(), `${language} ${key}`).not.toBe('');
        expect(shown.nextStep?.trim(), `${language} ${key}`).toBeTruthy();
      }
    }
    expect(describeFailure({ code: 'FORBIDDEN', key: 'error.managerMustUnlock', field: 'grant', message: '' }, 'fr')).toEqual({
      sentence: 'Le responsable doit d’abord déverrouiller ceci.',
      nextStep: 'Demandez au responsable de saisir son code.',
    });
  });
});

describe('the shared rules in the cashier’s language (by key, never by parsing the English)', () => {
  const rules = { country: 'RW' as const, mtnPrefixes: ['78', '79'] };
  const noticesFromRules = (): Notice[] => {
    const notices: Notice[] = [];
    const collect = (run: () => unknown) => {
      try {
        const value = run() as { warning?: Notice };
        if (value?.warning) notices.push(value.warning);
      } catch (error) {
        if (error instanceof ValidationError) notices.push({ key: error.key, params: error.params, message: error.message });
        else throw error;
      }
    };
    for (const text of ['', 'abc', '1,5,0.', '0', '12.5', '1.234', '99999999999999999']) {
      collect(() => parseAmount(text, 'RWF'));
      collect(() => parseAmount(text, 'GHS'));
    }
    for (const text of ['', 'abc', '0788', '+233241234567', '0728123456']) collect(() => parsePayerNumber(text, rules));
    return notices;
  };

  it('says every sentence the shared money and phone rules produce in French and Kinyarwanda (none left in English)', () => {
    const notices = noticesFromRules();
    expect(notices.length).toBeGreaterThan(8);
    for (const notice of notices) expect(noticeText(notice, 'en')).toBe(notice.message);
    for (const language of ['fr', 'rw'] as const) {
      for (const notice of notices) {
        const said = noticeText(notice, language);
        expect(said, notice.message).not.toBe(notice.message);
        expect(said).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('fills the parameters: the currency, the country', () => {
    expect(noticeText(new ValidationError('amount', 'error.money.hasNoDecimalsEnter', { currency: 'RWF' }), 'fr')).toBe('RWF n’a pas de décimales : saisissez un montant entier.');
    const warning = parsePayerNumber('+233241234567', rules).warning!;
    expect(noticeText(warning, 'fr')).toBe('Ce numéro est d’un autre pays (GH). Vérifiez-le avec le client.');
  });
});

describe('interface dictionaries', () => {
  it('have every key in every language, none blank, with the same {placeholders}', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const language of LANGUAGES) {
      const dictionary = DICTIONARIES[language];
      expect(Object.keys(dictionary).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(dictionary)) {
        expect(text.trim(), `${language} ${key}`).not.toBe('');
        expect(placeholders(text), `${language} ${key}`).toEqual(placeholders(en[key as keyof typeof en]));
      }
    }
  });

  it('fills placeholders and leaves a missing one visible', () => {
    expect(translate('en', 'sale.chargeAmount', { money: 'RWF 1,500' })).toBe('Charge RWF 1,500');
    expect(translate('en', 'sale.chargeAmount')).toBe('Charge {money}');
    expect(translate('en', 'sale.phone')).toBe('Phone');
    expect(translate('en', 'sale.amount')).toBe('Amount');
  });
});
