import { describe, expect, it } from 'vitest';
import { DEFAULT_KDF_COST, hashPin, verifyPin } from '../../../electron/core/till';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

describe('PINs are kept as a slow scrypt hash with a salt, never as text', () => {
  it('the right PIN verifies, a wrong one does not; the record holds no trace of the digits', async () => {
    const record = await hashPin('482916', CHEAP);
    expect(record).toMatchObject({ kdf: 'scrypt', N: 1024, r: 8, p: 1 });
    expect(JSON.stringify(record)).not.toContain('482916');
    expect(Buffer.from(record.hash, 'base64')).toHaveLength(32);
    expect(await verifyPin('482916', record)).toBe(true);
    expect(await verifyPin('482917', record)).toBe(false);
    expect(await verifyPin('', record)).toBe(false);
    expect(await verifyPin('48291a', record)).toBe(false);
  });

  it('the same PIN hashes differently each time (a fresh salt)', async () => {
    const a = await hashPin('1234', CHEAP);
    const b = await hashPin('1234', CHEAP);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('a PIN is 4 to 8 digits', async () => {
    await expect(hashPin('123', CHEAP)).rejects.toThrow(/4 to 8 digits/);
    await expect(hashPin('123456789', CHEAP)).rejects.toThrow(/4 to 8 digits/);
    await expect(hashPin('12 34', CHEAP)).rejects.toThrow(/4 to 8 digits/);
  });

  it('a broken record is simply "no", never an exception', async () => {
    expect(await verifyPin('1234', { kdf: 'scrypt', N: 1024, r: 8, p: 1, salt: '', hash: '' })).toBe(false);
    expect(await verifyPin('1234', { nonsense: true } as never)).toBe(false);
  });

  it('the default cost is scrypt N=2^14, r=8: slow for a guesser (tens of ms per try)', async () => {
    expect(DEFAULT_KDF_COST).toEqual({ N: 16384, r: 8, p: 1 });
    const record = await hashPin('9071', DEFAULT_KDF_COST);
    const started = performance.now();
    expect(await verifyPin('9071', record)).toBe(true);
    expect(performance.now() - started).toBeGreaterThan(5);
  });
});
