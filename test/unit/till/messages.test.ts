/**
 * The till's sentences (limits, the drawer, refunds, shifts, Z reports) for
 * the cashier: keyed, with money written as the screen writes it, in English,
 * French and Kinyarwanda, and amount examples that fit the currency.
 */
import { describe, expect, it } from 'vitest';
import { overLimitError, saleLimitOf } from '../../../shared/limits';
import { DICTIONARIES, translate } from '../../../shared/i18n';
import { describeFailure, noticeText } from '../../../shared/error-text';
import { PosError, ValidationError } from '../../../shared/errors';
import { formatMoney, moneyParam, parseAmount, type Currency } from '../../../shared/money';

const refusal = (text: string, currency: Currency): PosError => {
  try {
    parseAmount(text, currency);
  } catch (error) {
    return error as PosError;
  }
  throw new Error(`${text} was accepted`);
};

describe('amount examples per currency', () => {
  it('a currency with no decimals is never told "12.50"; a negative amount is told it must be more than zero', () => {
    expect(refusal('abc', 'RWF').message).toBe('Amount must be a number, like 1500.');
    expect(refusal('12,5o', 'UGX').message).toBe('Amount must be a number, like 1500.');
    expect(refusal('abc', 'GHS').message).toBe('Amount must be a number, like 1500 or 12.50.');
    expect(refusal('-500', 'RWF').message).toBe('Amount must be more than zero.');
    expect(refusal('-12.50', 'GHS').message).toBe('Amount must be more than zero.');
    expect(noticeText(refusal('abc', 'RWF'), 'fr')).toBe('Le montant doit être un nombre, comme 1500.');
    expect(noticeText(refusal('abc', 'RWF'), 'rw')).toBe('Amafaranga agomba kuba umubare, nka 1500.');
    expect(noticeText(refusal('abc', 'GHS'), 'fr')).toBe('Le montant doit être un nombre, comme 1500 ou 12.50.');
  });
});

describe('the till’s sentences in three languages', () => {
  const money = (minor: number, currency: Currency, language: 'en' | 'fr' | 'rw') => formatMoney(minor, currency, language);
  const rwanda = overLimitError(saleLimitOf({ targetEnvironment: 'mtnrwanda', currency: 'RWF' }));
  const refusals: PosError[] = [
    rwanda,
    overLimitError(saleLimitOf({ targetEnvironment: 'mtnrwanda', currency: 'RWF', saleLimit: { currency: 'RWF', amountMinor: 500_000 } })),
    overLimitError(saleLimitOf({ targetEnvironment: 'mtnzambia', currency: 'ZMW' })),
    new ValidationError('amount', 'error.till.onlyExpectedDrawerNot', { expected: moneyParam(35_500, 'RWF'), amount: moneyParam(50_000, 'RWF') }),
    new ValidationError('amount', 'error.till.moreThanWasPaid', { left: moneyParam(1000, 'RWF'), receiptNumber: 'POS1-000002' }),
    new ValidationError('amount', 'error.till.moMoCanGiveBack', { left: moneyParam(1250, 'GHS'), receiptNumber: 'POS1-000002' }),
    new PosError('CONFLICT', 'error.till.nothingLeftRefundSale', { receiptNumber: 'POS1-000002' }, 'amount'),
    new PosError('CONFLICT', 'error.app.noShiftForCash', {}, 'shift'),
    new PosError('NOT_FOUND', 'error.till.thereNoZReport', { number: 7 }, 'number'),
    new PosError('NOT_FOUND', 'error.till.noZReportYet', {}, 'number'),
  ];

  it('money in an English sentence is the code and grouped digits, never "(minor units)"', () => {
    expect(rwanda.message).toBe('That is more than the till takes at once: the limit is RWF 4,000,000 (MTN’s limit for one payment in Rwanda).');
    expect(refusals[3]!.message).toBe('Only RWF 35,500 is expected in the drawer: not enough to pay out RWF 50,000.');
    expect(refusals[5]!.message).toContain('GHS 12.50');
    for (const refused of refusals) expect(refused.message).not.toMatch(/minor units/);
  });

  it('each has its own French and Kinyarwanda sentence (never the generic fallback), with the money as the screen writes it', () => {
    for (const language of ['fr', 'rw'] as const) {
      for (const refused of refusals) {
        const said = describeFailure(refused, language).sentence;
        expect(said, `${language}: ${refused.message}`).not.toBe(refused.message);
        expect(said).not.toMatch(/Vérifiez le montant|Genzura amafaranga|\{\w+\}/);
        expect(said).not.toMatch(/[A-Z]{3} \d{1,3},\d{3}/); // no English-grouped money left
      }
    }
    expect(describeFailure(rwanda, 'fr').sentence).toBe(`C’est plus que la caisse n’accepte en une fois : la limite est de ${money(4_000_000, 'RWF', 'fr')} (limite de MTN pour un seul paiement, Rwanda).`);
    expect(describeFailure(refusals[3]!, 'fr').sentence).toBe(`Seulement ${money(35_500, 'RWF', 'fr')} attendu dans le tiroir : pas assez pour sortir ${money(50_000, 'RWF', 'fr')}.`);
    expect(describeFailure(refusals[4]!, 'rw').sentence).toBe(`Ayo arenze ayishyuwe: hasigaye gusubizwa ${money(1000, 'RWF', 'rw')} gusa ku igurisha POS1-000002.`);
    expect(describeFailure(refusals[5]!, 'fr').sentence).toContain(money(1250, 'GHS', 'fr'));
  });

  it('a missing Z report has its own sentence, not "this sale or payment was not found"; no shift for cash is said plainly', () => {
    const missing = refusals[8]!;
    const noSale = new PosError('NOT_FOUND', 'error.common.noSuchSale');
    for (const language of ['en', 'fr', 'rw'] as const) {
      expect(describeFailure(missing, language).sentence).not.toBe(describeFailure(noSale, language).sentence);
      expect(describeFailure(missing, language).sentence).toContain('7');
    }
    expect(describeFailure(missing, 'en').sentence).toBe('There is no Z report number 7.');
    expect(describeFailure(missing, 'fr').sentence).toBe('Il n’y a pas de rapport Z n° 7.');
    expect(describeFailure(refusals[9]!, 'rw').sentence).toBe('Nta raporo Z irabaho: banza ufunge akazi.');
    expect(describeFailure(refusals[7]!, 'fr').sentence).toBe(
      'Aucun service ouvert : ouvrez un service dans la Caisse avant d’encaisser des espèces, pour qu’elles soient comptées dans un tiroir.',
    );
  });
});

describe('counts on the Till screen', () => {
  it('"1 MoMo refund still pending", "2 MoMo refunds…", by each language’s plural rule; no "(s)" left', () => {
    const pending = (language: 'en' | 'fr' | 'rw', count: number) => translate(language, 'till.numbers.pending', { count });
    expect(pending('en', 1)).toBe('1 MoMo refund still pending');
    expect(pending('en', 2)).toBe('2 MoMo refunds still pending');
    expect(pending('fr', 1)).toBe('1 remboursement MoMo en attente');
    expect(pending('fr', 3)).toBe('3 remboursements MoMo en attente');
    expect(pending('rw', 1)).toBe('Isubizwa rya MoMo 1 riracyategerejwe');
    for (const language of ['en', 'fr', 'rw'] as const) {
      for (const text of Object.values(DICTIONARIES[language])) expect(text).not.toMatch(/\(s\)/);
    }
  });
});

describe('the Till’s refund look-up', () => {
  it('"No sale with receipt number X." has its own sentence in every language, never the generic "not found"', () => {
    const missing = new PosError('NOT_FOUND', 'error.till.noSaleWithReceipt', { receipt: 'R-000042' }, 'receipt');
    expect(describeFailure(missing, 'en').sentence).toBe('No sale with receipt number R-000042.');
    expect(describeFailure(missing, 'fr').sentence).toBe('Aucune vente avec le numéro de reçu R-000042.');
    expect(describeFailure(missing, 'rw').sentence).toContain('R-000042');
  });
});
