/**
 * The till's sentences (limits, the drawer, refunds, shifts, Z reports) for
 * the cashier: money written as the screen writes it, in English, French and
 * Kinyarwanda, and amount examples that fit the currency.
 */
import { describe, expect, it } from 'vitest';
import { overLimitSentence, saleLimitOf } from '../../../shared/limits';
import { DICTIONARIES, translate } from '../../../shared/i18n';
import { describeError, translateNotice } from '../../../shared/messages';
import { formatMoney, moneyInSentence, parseAmount, type Currency } from '../../../shared/money';

const refusal = (text: string, currency: Currency) => {
  try {
    parseAmount(text, currency);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} was accepted`);
};

describe('amount examples per currency', () => {
  it('a currency with no decimals is never told "12.50"; a negative amount is told it must be more than zero', () => {
    expect(refusal('abc', 'RWF')).toBe('Amount must be a number, like 1500.');
    expect(refusal('12,5o', 'UGX')).toBe('Amount must be a number, like 1500.');
    expect(refusal('abc', 'GHS')).toBe('Amount must be a number, like 1500 or 12.50.');
    expect(refusal('-500', 'RWF')).toBe('Amount must be more than zero.');
    expect(refusal('-12.50', 'GHS')).toBe('Amount must be more than zero.');
    expect(translateNotice('Amount must be a number, like 1500.', 'fr', 'amount')).toBe('Le montant doit être un nombre, comme 1500.');
    expect(translateNotice('Amount must be a number, like 1500.', 'rw', 'amount')).toBe('Amafaranga agomba kuba umubare, nka 1500.');
  });
});

describe('the till’s sentences in three languages', () => {
  const money = (minor: number, currency: Currency, language: 'en' | 'fr' | 'rw') => formatMoney(minor, currency, language);
  const rwanda = overLimitSentence(saleLimitOf({ targetEnvironment: 'mtnrwanda', currency: 'RWF' }));
  const sentences = [
    rwanda,
    overLimitSentence(saleLimitOf({ targetEnvironment: 'mtnrwanda', currency: 'RWF', saleLimit: { currency: 'RWF', amountMinor: 500_000 } })),
    overLimitSentence(saleLimitOf({ targetEnvironment: 'mtnzambia', currency: 'ZMW' })),
    `Only ${moneyInSentence(35_500, 'RWF')} is expected in the drawer: not enough to pay out ${moneyInSentence(50_000, 'RWF')}.`,
    `That is more than was paid: at most ${moneyInSentence(1000, 'RWF')} is left to refund on sale POS1-000002.`,
    `MoMo can give back at most ${moneyInSentence(1250, 'GHS')} on sale POS1-000002; refund the rest in cash.`,
    'Nothing is left to refund on sale POS1-000002.',
    'No shift is open: open a shift on the Till before taking cash, so the cash is counted in a drawer.',
    'There is no Z report number 7.',
    'No Z report yet: close a shift first.',
  ];

  it('money in a sentence is the code and grouped digits, never "(minor units)"', () => {
    expect(rwanda).toBe('That is more than the till takes at once: the limit is RWF 4,000,000 (MTN’s limit for one payment in Rwanda).');
    expect(moneyInSentence(1000, 'RWF')).toBe('RWF 1,000');
    expect(moneyInSentence(250_000, 'GHS')).toBe('GHS 2,500.00');
    expect(moneyInSentence(5, 'EUR')).toBe('EUR 0.05');
    for (const sentence of sentences) expect(sentence).not.toMatch(/minor units/);
  });

  it('each has its own French and Kinyarwanda sentence (never the generic fallback), with the money as the screen writes it', () => {
    for (const language of ['fr', 'rw'] as const) {
      for (const sentence of sentences) {
        const said = translateNotice(sentence, language, 'amount');
        expect(said, `${language}: ${sentence}`).not.toBe(sentence);
        expect(said).not.toMatch(/Vérifiez le montant|Genzura amafaranga/);
        expect(said).not.toMatch(/[A-Z]{3} \d{1,3},\d{3}/); // no English-grouped money left
      }
    }
    expect(translateNotice(rwanda, 'fr')).toBe(`C’est plus que la caisse n’accepte en une fois : la limite est de ${money(4_000_000, 'RWF', 'fr')} (limite de MTN pour un seul paiement, Rwanda).`);
    expect(translateNotice(sentences[3]!, 'fr')).toBe(`Seulement ${money(35_500, 'RWF', 'fr')} attendu dans le tiroir : pas assez pour sortir ${money(50_000, 'RWF', 'fr')}.`);
    expect(translateNotice(sentences[4]!, 'rw')).toBe(`Ayo arenze ayishyuwe: hasigaye gusubizwa ${money(1000, 'RWF', 'rw')} gusa ku igurisha POS1-000002.`);
    expect(translateNotice(sentences[5]!, 'fr')).toContain(money(1250, 'GHS', 'fr'));
  });

  it('a missing Z report has its own sentence, not "this sale or payment was not found"; no shift for cash is said plainly', () => {
    for (const language of ['en', 'fr', 'rw'] as const) {
      const missing = describeError('NOT_FOUND', 'There is no Z report number 7.', language, 'number');
      expect(missing.sentence).not.toBe(describeError('NOT_FOUND', 'No such sale.', language).sentence);
      expect(missing.sentence).toContain('7');
    }
    expect(describeError('NOT_FOUND', 'There is no Z report number 7.', 'en', 'number').sentence).toBe('There is no Z report number 7.');
    expect(describeError('NOT_FOUND', 'There is no Z report number 7.', 'fr', 'number').sentence).toBe('Il n’y a pas de rapport Z n° 7.');
    expect(describeError('NOT_FOUND', 'No Z report yet: close a shift first.', 'rw', 'number').sentence).toBe('Nta raporo Z irabaho: banza ufunge akazi.');
    expect(describeError('CONFLICT', sentences[7]!, 'fr', 'shift').sentence).toBe(
      'Aucun service ouvert : ouvrez un service dans la Caisse avant d’encaisser des espèces, pour qu’elles soient comptées dans un tiroir.',
    );
    // Other not-found answers keep the general sentence.
    expect(describeError('NOT_FOUND', 'No such sale.', 'en').sentence).toBe('This sale or payment was not found.');
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
    const message = 'No sale with receipt number R-000042.';
    expect(describeError('NOT_FOUND', message, 'en').sentence).toBe(message);
    expect(describeError('NOT_FOUND', message, 'fr').sentence).toBe('Aucune vente avec le numéro de reçu R-000042.');
    expect(describeError('NOT_FOUND', message, 'rw').sentence).toContain('R-000042');
  });
});
