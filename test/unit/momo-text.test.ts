/** The texts MoMo receives: what production refuses never leaves, and a text is never empty or too long. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MOMO_TEXT_LAST_RESORT, MOMO_TEXT_MAX_LENGTH, momoText, refundTexts, requestToPayTexts, saleMessageText } from '../../shared/momo-text';

/** Independent of the implementation: what a text MoMo gets may hold, character by character. */
function acceptable(text: string): boolean {
  return Array.from(text).every((char) => (/^\p{L}$/u.test(char) && /^\p{Script=Latin}$/u.test(char)) || /^[0-9 .,\-/#:()]$/.test(char));
}

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  // Texts merchants type: names with & and apostrophes, accents, emoji, control characters.
  fc.array(fc.constantFrom('Jean', ' ', '&', "'", '’', '"', 'é', 'Ñ', 'ő', '☕', '👩‍🍳', '\n', '\t', '\u0000', '\u200b', '\u0301', '-', '#', '(', ')', 'Ａ', '＆', 'ﬁ', 'ß', '_', '%', 'ا', '中'), { maxLength: 200 }).map((parts) => parts.join('')),
);

describe('momoText', () => {
  it('is never empty, at most 160 characters, and holds only letters, digits, space and . , - / # : ( )', () => {
    fc.assert(
      fc.property(anyText, fc.option(anyText, { nil: undefined }), fc.option(anyText, { nil: undefined }), (text, receipt, shop) => {
        const out = momoText(text, [receipt, shop]);
        expect(out.length).toBeGreaterThan(0);
        expect(out.length).toBeLessThanOrEqual(MOMO_TEXT_MAX_LENGTH);
        expect(acceptable(out)).toBe(true);
        expect(out).toBe(out.trim());
        expect(out).not.toMatch(/ {2}|[&'"\p{Cc}\p{Cf}]/u);
      }),
      { numRuns: 2000 },
    );
  });

  it('cleaning a cleaned text changes nothing', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = momoText(text);
        expect(momoText(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('a text already in the safe set reaches MoMo unchanged', () => {
    const word = fc.stringMatching(/^[A-Za-zÀ-ÖØ-öø-ÿ0-9.,\-/#:()]{1,12}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), (words) => {
        const text = words.join(' ').slice(0, MOMO_TEXT_MAX_LENGTH).trim();
        fc.pre(text.length > 0);
        expect(momoText(text)).toBe(text);
      }),
    );
  });

  it('falls back to the receipt number, then the shop name, when the text says nothing MoMo can take', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '   ', '☕☕', "''", '\u0000\n', '👩‍🍳', '中文'), fc.constantFrom('R-000001', '☕'), fc.constantFrom('Chez Ndoli', '🍕'), (text, receipt, shop) => {
        const expected = receipt === 'R-000001' ? 'R-000001' : shop === 'Chez Ndoli' ? 'Chez Ndoli' : MOMO_TEXT_LAST_RESORT;
        expect(momoText(text, [receipt, shop])).toBe(expected);
      }),
    );
  });

  it('the shop and note from the issue: & becomes "and", apostrophes go, accents and case stay', () => {
    expect(momoText("Jean & Fils' Boutique")).toBe('Jean and Fils Boutique');
    expect(momoText('Marie’s order & co')).toBe('Maries order and co');
    expect(momoText('Café ☕ Ndoli\n2e étage "VIP"')).toBe('Café Ndoli 2e étage VIP');
    expect(momoText('Ａｇａｓｅｋｅ＆Ｃｏ')).toBe('Agaseke and Co');
    expect(momoText('Table 4 – 2 pers. (terrasse) #12: 10/11')).toBe('Table 4 - 2 pers. (terrasse) #12: 10/11');
    expect(momoText('x'.repeat(200))).toBe('x'.repeat(160));
  });
});

describe('the texts of each movement', () => {
  const sale = { shopName: "Jean & Fils' Boutique", receiptNumber: 'KGL1-000001', note: "Marie's order & co" };

  it('request to pay: the customer sees the shop, the statement the receipt and the note', () => {
    expect(requestToPayTexts(sale)).toEqual({ payerMessage: 'Jean and Fils Boutique', payeeNote: 'KGL1-000001 Maries order and co' });
    expect(requestToPayTexts({ shopName: '☕', receiptNumber: 'KGL1-000002', note: '  ' })).toEqual({ payerMessage: 'KGL1-000002', payeeNote: 'KGL1-000002' });
  });

  it('refund: who pays back and which receipt', () => {
    expect(refundTexts(sale)).toEqual({ payerMessage: 'Refund from Jean and Fils Boutique', payeeNote: 'Refund KGL1-000001' });
    expect(refundTexts({ shopName: '🍕', receiptNumber: 'KGL1-000003' }).payerMessage).toBe('Refund KGL1-000003');
  });

  it('delivery notification and invoice description', () => {
    expect(saleMessageText(sale)).toBe('Jean and Fils Boutique KGL1-000001 Maries order and co');
  });

  it('every builder obeys the same rules over arbitrary shop names, receipts and notes', () => {
    fc.assert(
      fc.property(anyText, anyText, fc.option(anyText, { nil: undefined }), (shopName, receiptNumber, note) => {
        const input = { shopName, receiptNumber, note };
        const texts = [...Object.values(requestToPayTexts(input)), ...Object.values(refundTexts(input)), saleMessageText(input)];
        for (const text of texts) {
          expect(text.length).toBeGreaterThan(0);
          expect(text.length).toBeLessThanOrEqual(MOMO_TEXT_MAX_LENGTH);
          expect(acceptable(text)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
