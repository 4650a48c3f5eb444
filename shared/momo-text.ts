/**
 * Every text MoMo receives is built here: payerMessage and payeeNote of a
 * request to pay, transfer and refund notes, delivery notifications, the v2
 * payment's messages, invoice descriptions.
 *
 * Production validates notes more strictly than the sandbox (docs/momo.md, "What
 * production does that the guides don't say"): `&`, apostrophes and texts
 * over 160 characters are refused, an empty or missing note gets a 500. So
 * MoMo only ever gets a cleaned copy — a conservative set of characters,
 * never empty, at most 160 — while the ledger, receipts and reports keep
 * the original text the merchant typed.
 */

export const MOMO_TEXT_MAX_LENGTH = 160;

/** Said when every text we could use cleans to nothing (a shop named only with emoji, no receipt number). */
export const MOMO_TEXT_LAST_RESORT = 'MoMo POS';

/** The characters MoMo gets: Latin letters (accented too), digits, space and `. , - / # : ( )`. */
export const MOMO_TEXT_PATTERN = /^[\p{Script=Latin}0-9 .,\-/#:()]*$/u;

// Straight and curly apostrophes and quotes, primes, backticks, accents used as quotes, guillemets.
const QUOTES = /['"`´‘’‚‛“”„‟′″‹›«»＇＂]/gu;
const LATIN_LETTER = /^(?=\p{L})\p{Script=Latin}$/u;
const KEPT_PUNCTUATION = new Set([' ', '.', ',', '-', '/', '#', ':', '(', ')']);

function cleanCharacter(char: string): string {
  // Outside the Basic Multilingual Plane (emoji, rare scripts): a word gap, and no surrogate pair to cut in two.
  if (char.length > 1) return /^\p{M}$/u.test(char) ? '' : ' ';
  if (LATIN_LETTER.test(char) || (char >= '0' && char <= '9') || KEPT_PUNCTUATION.has(char)) return char;
  if (/^\s$/u.test(char)) return ' ';
  // Controls, invisible format characters and stray combining marks: gone without a trace.
  if (/^[\p{Cc}\p{Cf}\p{M}\p{Cs}\p{Co}\p{Cn}]$/u.test(char)) return '';
  if (/^\p{Pd}$/u.test(char)) return '-';
  // Emoji, symbols, other scripts' letters and digits, other punctuation: a word gap.
  return ' ';
}

/** Already clean: plain ASCII from the set, single spaces, trimmed (most texts; no work on the charge path). */
const CLEAN_ASCII = /^(?:[A-Za-z0-9.,\-/#:()]+ )*[A-Za-z0-9.,\-/#:()]+$/;

/** The cleaned text, which may be empty. */
function clean(text: string | undefined): string {
  if (!text) return '';
  if (text.length <= MOMO_TEXT_MAX_LENGTH && CLEAN_ASCII.test(text)) return text;
  const cleaned = Array.from(
    text
      .replace(QUOTES, '')
      // Compatibility forms become plain ones (ﬁ -> fi, full-width Ａ -> A, ＆ -> &).
      .normalize('NFKC')
      .replace(QUOTES, '')
      .replace(/&/g, ' and '),
    cleanCharacter,
  )
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
  return cleaned.length <= MOMO_TEXT_MAX_LENGTH ? cleaned : cleaned.slice(0, MOMO_TEXT_MAX_LENGTH).trimEnd();
}

/**
 * A text MoMo accepts, from `text`, or else from the first fallback that
 * still says something (the receipt number, then the shop name). Never
 * empty, at most 160 characters, only MOMO_TEXT_PATTERN's characters;
 * cleaning a cleaned text changes nothing.
 */
export function momoText(text: string | undefined, fallbacks: readonly (string | undefined)[] = []): string {
  for (const candidate of [text, ...fallbacks]) {
    const cleaned = clean(candidate);
    if (cleaned) return cleaned;
  }
  return MOMO_TEXT_LAST_RESORT;
}

export interface SaleTextsInput {
  /** The shop's name as the merchant typed it (settings). */
  shopName: string;
  receiptNumber: string;
  /** The cashier's note on the sale, if any. */
  note?: string | undefined;
}

export interface MomoTexts {
  /** Shown to the customer (on the prompt, with the money). */
  payerMessage: string;
  /** The merchant's side of the statement. */
  payeeNote: string;
}

/** The request to pay: the customer sees the shop; the merchant's statement shows the receipt and the note. */
export function requestToPayTexts({ shopName, receiptNumber, note }: SaleTextsInput): MomoTexts {
  return {
    payerMessage: momoText(shopName, [receiptNumber]),
    payeeNote: momoText(note?.trim() ? `${receiptNumber} ${note}` : receiptNumber, [receiptNumber, shopName]),
  };
}

/** A refund (or the transfer standing in for one): the customer sees who pays back; the statement shows which receipt. */
export function refundTexts({ shopName, receiptNumber }: Omit<SaleTextsInput, 'note'>): MomoTexts {
  const shop = clean(shopName);
  return {
    payerMessage: momoText(shop ? `Refund from ${shop}` : `Refund ${receiptNumber}`, [receiptNumber, shopName]),
    payeeNote: momoText(`Refund ${receiptNumber}`, [receiptNumber, shopName]),
  };
}

/** The message a customer gets after paying (delivery notification), or an invoice's description. */
export function saleMessageText({ shopName, receiptNumber, note }: SaleTextsInput): string {
  const shop = clean(shopName);
  const base = shop ? `${shop} ${receiptNumber}` : receiptNumber;
  return momoText(note?.trim() ? `${base} ${note}` : base, [receiptNumber, shopName]);
}
