/**
 * Control characters in text people type (notes, names, shop texts, receipt
 * header and footer): C0 controls (tab and newline only where a field allows
 * several lines), DEL, C1 controls, line/paragraph separators and the bidi
 * embeddings, overrides and isolates that can make a receipt or a CSV cell
 * read differently from what it holds. Refused at input; removed on export.
 */

/** Everything refused in a one-line field. */
const ONE_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
/** Everything refused where tab and newline are allowed. */
const MULTI_LINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

/** The catalogue key of the refusal (a zod message: the router turns it into the keyed failure). */
export const CONTROL_CHARACTERS_REFUSED = 'error.contract.controlCharacters';

export function hasControlCharacters(text: string, options: { multiline?: boolean } = {}): boolean {
  return (options.multiline ? MULTI_LINE : ONE_LINE).test(text);
}

/** The text with every control character removed (tab and newline become a space): for exports of text stored before the rule. */
export function withoutControlCharacters(text: string): string {
  return text.replace(/[\t\n]/g, ' ').replace(new RegExp(ONE_LINE.source, 'g'), '');
}
