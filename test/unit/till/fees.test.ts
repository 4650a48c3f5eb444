import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultFeeRule, feeFor, formatRate, NO_FEES, parseRate, RWANDA_FEES } from '../../../electron/core/till';

describe('the Rwanda fee rule (seed 004: 0.5 % above 4,000 RWF)', () => {
  it('is the default in Rwanda; other markets have no fees until the manager sets a rule', () => {
    expect(defaultFeeRule('mtnrwanda')).toEqual({ rateBasisPoints: 50, aboveMinor: 4000 });
    expect(defaultFeeRule('mtnuganda')).toEqual(NO_FEES);
    expect(defaultFeeRule('sandbox')).toEqual(NO_FEES);
  });

  it('charges nothing at or below 4,000 and 0.5 % of the whole payment above, rounded half up', () => {
    expect(feeFor(1, RWANDA_FEES)).toBe(0);
    expect(feeFor(4000, RWANDA_FEES)).toBe(0);
    expect(feeFor(4001, RWANDA_FEES)).toBe(20); // 20.005
    expect(feeFor(4100, RWANDA_FEES)).toBe(21); // 20.5 -> 21
    expect(feeFor(10_000, RWANDA_FEES)).toBe(50);
    expect(feeFor(1_000_000_000_000, RWANDA_FEES)).toBe(5_000_000_000);
  });

  it('honours a cap, and no rate means no fee', () => {
    expect(feeFor(1_000_000, { rateBasisPoints: 100, aboveMinor: 0, capMinor: 2500 })).toBe(2500);
    expect(feeFor(1_000_000, NO_FEES)).toBe(0);
  });

  it('is exact for any amount (BigInt), never more than half a unit off the true share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (amount, bp) => {
        const fee = feeFor(amount, { rateBasisPoints: bp, aboveMinor: 0 });
        expect(Number.isSafeInteger(fee)).toBe(true);
        const twiceError = BigInt(fee) * 20_000n - BigInt(amount) * BigInt(bp) * 2n;
        expect(twiceError >= -10_000n && twiceError <= 10_000n).toBe(true);
      }),
    );
  });

  it('reads and writes rates as text, never floats', () => {
    expect(parseRate('0.5')).toBe(50);
    expect(parseRate('1.25 %')).toBe(125);
    expect(parseRate('3')).toBe(300);
    expect(() => parseRate('0.125')).toThrow(/percentage/);
    expect(() => parseRate('150')).toThrow(/100 %/);
    expect(formatRate(50)).toBe('0.5 %');
    expect(formatRate(125)).toBe('1.25 %');
    expect(formatRate(300)).toBe('3 %');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => {
        expect(parseRate(formatRate(bp))).toBe(bp);
      }),
    );
  });
});

describe('the fee rule in settings', () => {
  it('a missing or malformed rule falls back to the market’s default: a report never fails on it', async () => {
    const { feeRuleOf } = await import('../../../electron/core/till');
    expect(feeRuleOf({ targetEnvironment: 'mtnrwanda' })).toEqual(RWANDA_FEES);
    expect(feeRuleOf({ targetEnvironment: 'mtnrwanda', momoFeeRule: { rateBasisPoints: 0.5, aboveMinor: 4000 } })).toEqual(RWANDA_FEES);
    expect(feeRuleOf({ targetEnvironment: 'mtnghana', momoFeeRule: 'x' })).toEqual(NO_FEES);
    expect(feeRuleOf({ targetEnvironment: 'mtnghana', momoFeeRule: { rateBasisPoints: 75, aboveMinor: 0 } })).toEqual({ rateBasisPoints: 75, aboveMinor: 0 });
  });
});
