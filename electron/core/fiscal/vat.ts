/**
 * VAT-inclusive arithmetic for fiscal receipts, in integer minor units.
 *
 * Prices are VAT-inclusive: the taxable amount of a line is what the customer
 * pays for it, and the tax is the part of that amount the rate stands for:
 * tax = taxable × rate / (100 + rate). For Rwanda's group B (18 %), 7000 gives
 * 1068 and 10500 gives 1602.
 *
 * Rounding rule (docs/fiscal.md): the tax of each line is rounded half up
 * to a whole minor unit (exact integer arithmetic, no floats); a receipt's
 * tax per group is the sum of its lines' taxes, never recomputed from the
 * group total, so the lines always add up to the printed totals.
 */
import { ValidationError } from '../../../shared/errors';
import { MAX_AMOUNT_MINOR } from '../../../shared/money';

/** Rates in basis points (1800 = 18 %), so a rate like 16 % or 8 % stays an integer. */
export type RateBp = number;

/** Tax of a VAT-inclusive amount: round-half-up(taxable × rate / (10000 + rate)). */
export function inclusiveTax(taxableMinor: number, rateBp: RateBp): number {
  if (!Number.isSafeInteger(taxableMinor) || taxableMinor < 0 || taxableMinor > MAX_AMOUNT_MINOR) {
    throw new ValidationError('taxblAmt', 'error.fiscal.taxableAmountMustWhole');
  }
  if (!Number.isSafeInteger(rateBp) || rateBp < 0 || rateBp > 10_000) {
    throw new ValidationError('taxRt', 'error.fiscal.taxRateMustBetween');
  }
  if (rateBp === 0 || taxableMinor === 0) return 0;
  const numerator = BigInt(taxableMinor) * BigInt(rateBp);
  const denominator = BigInt(10_000 + rateBp);
  // Half up: floor((2n + d) / 2d).
  return Number((2n * numerator + denominator) / (2n * denominator));
}

export interface FiscalLineInput {
  /** Unit price, VAT-inclusive, minor units. */
  priceMinor: number;
  /** Quantity in thousandths (1000 = 1 unit), so 0.5 kg is 500. */
  qtyMilli: number;
  /** Discount on the line, minor units (0 if none). */
  discountMinor: number;
  taxType: string;
}

export interface FiscalLineAmounts {
  /** prc × qty, rounded half up to a minor unit. */
  supplyMinor: number;
  discountMinor: number;
  /** supply − discount: what the line costs, VAT included. */
  taxableMinor: number;
  taxMinor: number;
  totalMinor: number;
}

/** One line's amounts. Throws a ValidationError on nonsense (negative, discount above the supply). */
export function lineAmounts(line: FiscalLineInput, rateBp: RateBp): FiscalLineAmounts {
  for (const [field, value] of [
    ['prc', line.priceMinor],
    ['qty', line.qtyMilli],
    ['dcAmt', line.discountMinor],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new ValidationError(field, 'error.fiscal.mustWholeNonNegative', { field });
    }
  }
  if (line.qtyMilli === 0) throw new ValidationError('qty', 'error.fiscal.lineNeedsQuantityAbove');
  const supply = (BigInt(line.priceMinor) * BigInt(line.qtyMilli) * 2n + 1000n) / 2000n;
  if (supply > BigInt(MAX_AMOUNT_MINOR)) throw new ValidationError('splyAmt', 'error.fiscal.lineAmountTooLarge');
  const supplyMinor = Number(supply);
  if (line.discountMinor > supplyMinor) throw new ValidationError('dcAmt', 'error.fiscal.discountLargerThanLine');
  const taxableMinor = supplyMinor - line.discountMinor;
  return {
    supplyMinor,
    discountMinor: line.discountMinor,
    taxableMinor,
    taxMinor: inclusiveTax(taxableMinor, rateBp),
    totalMinor: taxableMinor,
  };
}

export interface GroupTotals {
  taxableMinor: number;
  taxMinor: number;
}

export interface ReceiptTotals {
  lines: Array<FiscalLineAmounts & { taxType: string }>;
  /** Per tax group, every group of the table present (zeros included). */
  groups: Record<string, GroupTotals>;
  totalTaxableMinor: number;
  totalTaxMinor: number;
  totalMinor: number;
}

/**
 * A receipt's totals from its lines. `rates` maps every tax group the country
 * knows to its rate; a line in another group is refused.
 */
export function receiptTotals(lines: readonly FiscalLineInput[], rates: Readonly<Record<string, RateBp>>): ReceiptTotals {
  if (lines.length === 0) throw new ValidationError('itemList', 'error.fiscal.fiscalReceiptNeedsLeast');
  const groups: Record<string, GroupTotals> = {};
  for (const group of Object.keys(rates)) groups[group] = { taxableMinor: 0, taxMinor: 0 };
  const out: ReceiptTotals['lines'] = [];
  let totalTaxableMinor = 0;
  let totalTaxMinor = 0;
  for (const line of lines) {
    const rate = rates[line.taxType];
    const group = groups[line.taxType];
    if (rate === undefined || group === undefined) {
      throw new ValidationError('taxTyCd', 'error.fiscal.unknownTaxType', { taxType: JSON.stringify(line.taxType) });
    }
    const amounts = lineAmounts(line, rate);
    group.taxableMinor += amounts.taxableMinor;
    group.taxMinor += amounts.taxMinor;
    totalTaxableMinor += amounts.taxableMinor;
    totalTaxMinor += amounts.taxMinor;
    out.push({ ...amounts, taxType: line.taxType });
  }
  if (totalTaxableMinor > MAX_AMOUNT_MINOR) throw new ValidationError('totAmt', 'error.fiscal.receiptTotalTooLarge');
  return { lines: out, groups, totalTaxableMinor, totalTaxMinor, totalMinor: totalTaxableMinor };
}
