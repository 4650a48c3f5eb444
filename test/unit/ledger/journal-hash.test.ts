import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../electron/core/ledger';
import { entryHash } from '../../../electron/core/ledger/journal';

describe('journal entry hash', () => {
  const entry = { seq: 1, at: '2025-03-10T08:00:00.000Z', kind: 'sale.created', subjectId: 's1', body: { currency: 'RWF', amountMinor: 1500 } };

  it('is sha256 of the previous hash followed by the canonical JSON of the entry', () => {
    // Written out by hand, so the format is pinned independently of canonicalJson.
    const canonical = '{"at":"2025-03-10T08:00:00.000Z","body":{"amountMinor":1500,"currency":"RWF"},"kind":"sale.created","seq":1,"subjectId":"s1"}';
    const expected = createHash('sha256').update(GENESIS_HASH + canonical).digest('hex');
    expect(entryHash(GENESIS_HASH, entry)).toBe(expected);
  });

  it('the genesis link is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('changes with the previous hash, the seq and every field of the body', () => {
    const base = entryHash(GENESIS_HASH, entry);
    expect(entryHash('f'.repeat(64), entry)).not.toBe(base);
    expect(entryHash(GENESIS_HASH, { ...entry, seq: 2 })).not.toBe(base);
    expect(entryHash(GENESIS_HASH, { ...entry, body: { ...entry.body, amountMinor: 1501 } })).not.toBe(base);
    expect(entryHash(GENESIS_HASH, { ...entry, subjectId: 's2' })).not.toBe(base);
  });
});
