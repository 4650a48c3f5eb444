/**
 * Test helper: reads ESC/POS bytes back the way a printer would — control
 * sequences are stripped (and named), text is decoded with the selected code
 * page, and each line's width in columns is counted (double width counts 2).
 */
import { CODEPAGE_HIGH_HALF } from '../../../electron/core/receipts/printable-text';

export interface DecodedLine {
  text: string;
  /** Columns the line takes on paper. */
  cells: number;
}

export interface DecodedReceipt {
  lines: DecodedLine[];
  /** Every line's text joined with newlines. */
  text: string;
  /** Control sequences in order: 'ESC @', 'ESC t 19', 'GS V', 'ESC p', 'GS ( k'... */
  commands: string[];
  /** Data carried by GS ( k store commands (QR payloads). */
  qrPayloads: string[];
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const TABLES: Record<number, string> = { 0: CODEPAGE_HIGH_HALF.cp437, 19: CODEPAGE_HIGH_HALF.cp858 };
// ESC commands and how many parameter bytes follow them.
const ESC_PARAMS: Record<string, number> = { '@': 0, '2': 0, M: 1, E: 1, '-': 1, '4': 1, a: 1, t: 1, '3': 1, '!': 1, d: 1, J: 1, G: 1, p: 3 };

export function decodeEscPos(bytes: Uint8Array): DecodedReceipt {
  const lines: DecodedLine[] = [];
  const commands: string[] = [];
  const qrPayloads: string[] = [];
  let text = '';
  let cells = 0;
  let widthFactor = 1;
  let table: string | undefined = TABLES[0];
  let i = 0;
  const at = (index: number) => bytes[index] ?? 0;

  while (i < bytes.length) {
    const byte = at(i);
    if (byte === ESC) {
      const command = String.fromCharCode(at(i + 1));
      const params = ESC_PARAMS[command];
      if (params === undefined) throw new Error(`Unknown ESC ${command} at byte ${i}`);
      commands.push(command === 't' ? `ESC t ${at(i + 2)}` : `ESC ${command}`);
      if (command === 't') table = TABLES[at(i + 2)];
      i += 2 + params;
    } else if (byte === GS) {
      const command = String.fromCharCode(at(i + 1));
      if (command === '!') {
        widthFactor = (at(i + 2) >> 4) + 1;
        commands.push('GS !');
        i += 3;
      } else if (command === 'B' || command === 'h' || command === 'w' || command === 'H') {
        commands.push(`GS ${command}`);
        i += 3;
      } else if (command === 'V') {
        commands.push('GS V');
        i += [65, 66, 97, 98, 103, 104].includes(at(i + 2)) ? 4 : 3;
      } else if (command === '(') {
        const length = at(i + 3) + 256 * at(i + 4);
        commands.push(`GS ( ${String.fromCharCode(at(i + 2))}`);
        const body = bytes.slice(i + 5, i + 5 + length);
        // fn 80 (0x50) stores the symbol's data after cn, fn, m.
        if (body[1] === 0x50) qrPayloads.push(Buffer.from(body.slice(3)).toString('latin1'));
        i += 5 + length;
      } else {
        throw new Error(`Unknown GS ${command} at byte ${i}`);
      }
    } else if (byte === FS) {
      commands.push(`FS ${String.fromCharCode(at(i + 1))}`);
      i += 2;
    } else if (byte === 0x0a) {
      lines.push({ text, cells });
      text = '';
      cells = 0;
      i += 1;
    } else if (byte === 0x0d) {
      i += 1;
    } else if (byte < 0x20 || byte === 0x7f) {
      throw new Error(`Stray control byte 0x${byte.toString(16)} at byte ${i}`);
    } else {
      text += byte < 0x80 ? String.fromCharCode(byte) : (table?.[byte - 0x80] ?? '\ufffd');
      cells += widthFactor;
      i += 1;
    }
  }
  if (text !== '') lines.push({ text, cells });
  return { lines, text: lines.map((line) => line.text).join('\n'), commands, qrPayloads };
}
