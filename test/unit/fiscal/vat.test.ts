/** VAT-inclusive arithmetic: the examples the sources give, and properties over any amounts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inclusiveTax, lineAmounts, receiptTotals } from '../../../electron/core/fiscal/vat';
import { RWANDA_RATES } from '../../../electron/core/fiscal/rwanda-vsdc';
import { KENYA_RATES } from '../../../electron/core/fiscal/kenya-oscu';

const amount = fc.integer({ min: 0, max: 1_000_000_000_000 });

describe('inclusive tax', () => {
  it('matches the published examples for 18 %', () => {
    expect(inclusiveTax(7000, 1800)).toBe(1068);
    expect(inclusiveTax(10500, 1800)).toBe(1602);
    expect(inclusiveTax(118, 1800)).toBe(18);
    expect(inclusiveTax(0, 1800)).toBe(0);
    expect(inclusiveTax(5000, 0)).toBe(0);
  });

  it('rounds half up: 59 at 18 % is 9.0 exactly; 1 is 0.15 → 0; 3 is 0.457 → 0; 4 is 0.61 → 1', () => {
    expect(inclusiveTax(59, 1800)).toBe(9);
    expect(inclusiveTax(1, 1800)).toBe(0);
    expect(inclusiveTax(3, 1800)).toBe(0);
    expect(inclusiveTax(4, 1800)).toBe(1);
  });

  it('is the nearest whole unit to taxable × rate / (100 + rate), ties up', () => {
    fc.assert(
      fc.property(amount, fc.constantFrom(1800, 1600, 800, 0), fc.integer({ min: 1, max: 9999 }), (taxable, rate, other) => {
        for (const r of [rate, other]) {
          const tax = inclusiveTax(taxable, r);
          // |tax − exact| ≤ ½, with exact = taxable·r/(10000+r), checked in integers: |2·tax·d − 2·taxable·r| ≤ d.
          const d = BigInt(10_000 + r);
          const diff = 2n * BigInt(tax) * d - 2n * BigInt(taxable) * BigInt(r);
          expect(diff <= d && diff > -d).toBe(true);
          expect(tax).toBeGreaterThanOrEqual(0);
          expect(tax).toBeLessThanOrEqual(taxable);
        }
      }),
    );
  });

  it('is monotonic in the amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_000 }), fc.integer({ min: 0, max: 1000 }), (a, step) => {
        expect(inclusiveTax(a + step, 1800)).toBeGreaterThanOrEqual(inclusiveTax(a, 1800));
      }),
    );
  });

  it('refuses nonsense', () => {
    expect(() => inclusiveTax(-1, 1800)).toThrow();
    expect(() => inclusiveTax(1.5, 1800)).toThrow();
    expect(() => inclusiveTax(100, -1)).toThrow();
    expect(() => inclusiveTax(100, 10_001)).toThrow();
  });
});

const line = fc.record({
  priceMinor: fc.integer({ min: 0, max: 10_000_000 }),
  qtyMilli: fc.integer({ min: 1, max: 1_000_000 }),
  discountMinor: fc.constant(0),
  taxType: fc.constantFrom('A', 'B', 'C', 'D'),
});

describe('receipt totals', () => {
  it('the lines add up to the group totals and the receipt total, and the tax is only in B', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (lines) => {
        const totals = receiptTotals(lines, RWANDA_RATES);
        const sum = (pick: (x: { taxableMinor: number; taxMinor: number }) => number) =>
          Object.values(totals.groups).reduce((s, g) => s + pick(g), 0);
        expect(sum((g) => g.taxableMinor)).toBe(totals.totalTaxableMinor);
        expect(sum((g) => g.taxMinor)).toBe(totals.totalTaxMinor);
        expect(totals.lines.reduce((s, l) => s + l.totalMinor, 0)).toBe(totals.totalMinor);
        expect(totals.groups.A!.taxMinor + totals.groups.C!.taxMinor + totals.groups.D!.taxMinor).toBe(0);
        for (const l of totals.lines) expect(l.taxMinor).toBe(inclusiveTax(l.taxableMinor, RWANDA_RATES[l.taxType]!));
        // Per-line rounding stays within half a unit per B line of the group's exact tax.
        const bLines = totals.lines.filter((l) => l.taxType === 'B').length;
        const exact2 = (BigInt(totals.groups.B!.taxableMinor) * 1800n * 2n);
        const diff = BigInt(totals.groups.B!.taxMinor) * 2n * 11800n - exact2;
        expect(diff <= BigInt(bLines) * 11800n && diff >= -BigInt(bLines) * 11800n).toBe(true);
      }),
    );
  });

  it('a discount lowers the taxable amount; a discount above the line or an unknown group is refused', () => {
    const amounts = lineAmounts({ priceMinor: 5000, qtyMilli: 2000, discountMinor: 1000, taxType: 'B' }, 1800);
    expect(amounts).toMatchObject({ supplyMinor: 10000, taxableMinor: 9000, taxMinor: 1373, totalMinor: 9000 });
    expect(() => lineAmounts({ priceMinor: 5, qtyMilli: 1000, discountMinor: 6, taxType: 'B' }, 1800)).toThrow();
    expect(() => receiptTotals([{ priceMinor: 5, qtyMilli: 1000, discountMinor: 0, taxType: 'E' }], RWANDA_RATES)).toThrow(/tax type/);
    expect(receiptTotals([{ priceMinor: 1080, qtyMilli: 1000, discountMinor: 0, taxType: 'E' }], KENYA_RATES).totalTaxMinor).toBe(80);
    expect(() => receiptTotals([], RWANDA_RATES)).toThrow();
  });
});
