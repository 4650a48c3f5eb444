/**
 * The simulator's stand-in for a VSDC's signing (the real algorithm is
 * RRA's): the receipt signature is the first 10 bytes of an HMAC-SHA1 over a
 * fixed-width string of the receipt's facts, Base32 (16 characters); the
 * internal data is AES-256-ECB over sales total | receipt number | refund
 * total | day count (16 bytes), Base32 (26 characters). Both keys are
 * per-device secrets of the simulator.
 */
import { createCipheriv, createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 Base32 without padding. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

export interface SignedFacts {
  dateTime: string;
  /** Taxable amount per group A–D, in the currency's units. */
  taxable: readonly number[];
  label: string;
  sdcId: string;
  receiptNo: number;
  totalReceiptNo: number;
  tin: string;
  custTin: string;
  mrcNo: string;
  invcNo: number;
}

const amount = (value: number): string => value.toFixed(2).replace('.', ',').padStart(15, '0');

export function receiptSignature(signKey: Buffer, facts: SignedFacts): string {
  const text = [
    facts.dateTime,
    ...facts.taxable.map(amount),
    facts.label,
    facts.sdcId.padEnd(12, ' '),
    facts.dateTime,
    String(facts.receiptNo).padStart(10, '0'),
    String(facts.totalReceiptNo).padStart(10, '0'),
    facts.tin.padEnd(9, ' '),
    facts.custTin.padEnd(9, ' '),
    facts.mrcNo.padEnd(11, ' '),
    String(facts.invcNo).padStart(10, '0'),
    '18,00',
  ].join('');
  return base32(createHmac('sha1', signKey).update(text, 'latin1').digest().subarray(0, 10));
}

export function internalData(intrlKey: Buffer, salesTotal: number, receiptNo: number, refundTotal: number, dayCount: number): string {
  const block = Buffer.alloc(16);
  block.writeUIntBE(Math.min(Math.round(salesTotal), 2 ** 40 - 1), 0, 5);
  block.writeUInt32BE(receiptNo >>> 0, 5);
  block.writeUIntBE(Math.min(Math.round(refundTotal), 2 ** 40 - 1), 9, 5);
  block.writeUInt16BE(dayCount & 0xffff, 14);
  const cipher = createCipheriv('aes-256-ecb', intrlKey, null);
  cipher.setAutoPadding(false);
  return base32(Buffer.concat([cipher.update(block), cipher.final()]));
}
