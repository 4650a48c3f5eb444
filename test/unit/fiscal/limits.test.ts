import { describe, expect, it } from 'vitest';
import { checkUnsignedLimits } from '../../../electron/core/fiscal';

const now = new Date('2026-12-04T12:00:00.000Z');
const at = (hoursAgo: number) => ({ createdAt: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString() });

describe('unsigned receipt limits', () => {
  it('nothing waiting, or a few recent ones: selling goes on', () => {
    expect(checkUnsignedLimits([], now)).toEqual({ ok: true, pending: 0 });
    expect(checkUnsignedLimits([at(1), at(23.9)], now)).toEqual({ ok: true, pending: 2 });
  });
  it('one older than 24 h stops selling, naming the oldest', () => {
    expect(checkUnsignedLimits([at(1), at(24.1)], now)).toMatchObject({ ok: false, reason: 'age', pending: 2, oldestAt: at(24.1).createdAt });
  });
  it('the 100th waiting receipt stops selling', () => {
    expect(checkUnsignedLimits(Array.from({ length: 99 }, () => at(0)), now).ok).toBe(true);
    expect(checkUnsignedLimits(Array.from({ length: 100 }, () => at(0)), now)).toMatchObject({ ok: false, reason: 'count' });
  });
  it('limits are settable', () => {
    expect(checkUnsignedLimits([at(2)], now, { maxCount: 10, maxAgeMs: 3_600_000 })).toMatchObject({ ok: false, reason: 'age' });
  });
});
