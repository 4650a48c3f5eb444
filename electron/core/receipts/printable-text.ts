/**
 * Text a thermal printer can print: one byte per character in a plain code
 * page. French accents fit CP858 (CP850 with the euro sign, ESC t 19 on Epson
 * and most clones); what does not fit is transliterated (œ -> oe, — -> -,
 * narrow no-break spaces from Intl -> space), never sent as UTF-8.
 */
export type ReceiptCodepage = 'cp858' | 'cp437' | 'ascii';

/** Bytes 0x80..0xFF of each code page, in order (checked against the encoder library in tests). */
export const CODEPAGE_HIGH_HALF: Readonly<Record<'cp437' | 'cp858', string>> = {
  cp437:
    'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0',
  cp858:
    'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0',
};

// No-break space and soft hyphen are normalised away first; the encoder library sends ¶ and §
// as 0x14 and 0x15 (their glyphs in IBM's low half), which printers read as control codes.
const NOT_PRINTED_AS_IS = new Set(['\u00a0', '\u00ad', '¶', '§']);

const PRINTABLE_HIGH: Readonly<Record<ReceiptCodepage, ReadonlySet<string>>> = {
  cp437: new Set([...CODEPAGE_HIGH_HALF.cp437].filter((char) => !NOT_PRINTED_AS_IS.has(char))),
  cp858: new Set([...CODEPAGE_HIGH_HALF.cp858].filter((char) => !NOT_PRINTED_AS_IS.has(char))),
  ascii: new Set(),
};

const SPACES = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** Tried in order when a character is not in the code page. */
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", 'ʼ': "'",
  '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"', '«': '"', '»': '"',
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-',
  '…': '...', '•': '*', '·': '.', '×': 'x', '÷': '/',
  'œ': 'oe', 'Œ': 'OE', 'æ': 'ae', 'Æ': 'AE', 'ß': 'ss', 'ø': 'o', 'Ø': 'O', 'Ÿ': 'Y', 'ð': 'd', 'Ð': 'D', 'þ': 'th', 'Þ': 'Th',
  '€': 'EUR', '₵': 'C', '£': 'GBP', '¥': 'JPY', '₦': 'N', '¢': 'c', '№': 'No', '°': 'o', 'º': 'o', 'ª': 'a',
  '©': '(c)', '®': '(R)', '™': 'TM', '§': 'S', '¶': 'P',
};

/** Returns `text` as characters that each take one byte and one column in `codepage`. */
export function toPrintable(text: string, codepage: ReceiptCodepage): string {
  const high = PRINTABLE_HIGH[codepage];
  const fits = (char: string) => (char >= ' ' && char <= '~') || high.has(char);
  let out = '';
  const cleaned = text.normalize('NFC').replace(SPACES, ' ').replace(INVISIBLE, '').replace(CONTROLS, '');
  for (const char of cleaned) {
    if (fits(char)) {
      out += char;
      continue;
    }
    const spelled = TRANSLITERATIONS[char];
    if (spelled !== undefined && [...spelled].every(fits)) {
      out += spelled;
      continue;
    }
    const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
    out += bare !== '' && [...bare].every(fits) ? bare : '?';
  }
  return out;
}
