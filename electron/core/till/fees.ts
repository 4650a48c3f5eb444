/**
 * Estimated MoMo fees the merchant pays on collections, from a fee rule per
 * market. Rwanda (docs/momo.md "Fees"): 0.5 % of a payment above
 * 4,000 RWF, none at or below. Other markets: 0 until the manager sets a rule.
 * An estimate for the report, never a charge: MTN's statement is the truth.
 */
import { ValidationError } from '../../../shared/errors';
import { MAX_AMOUNT_MINOR } from '../../../shared/money';
import { defaultFeeRule } from '../../../shared/markets';
import type { FeeRule } from '../../../shared/till-report';

export type { FeeRule };

// The markets' default rules are market data (shared/markets): settings read them without the till.
export { NO_FEES, RWANDA_FEES, defaultFeeRule } from '../../../shared/markets';

export function assertFeeRule(value: unknown, field = 'feeRule'): asserts value is FeeRule {
  const rule = value as Partial<FeeRule> | null;
  if (!rule || typeof rule !== 'object') throw new ValidationError(field, 'error.till.feeRuleHasRate');
  const whole = (n: unknown, max: number) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= max;
  if (!whole(rule.rateBasisPoints, 10_000)) throw new ValidationError(field, 'error.till.feeRateBetween0');
  if (!whole(rule.aboveMinor, MAX_AMOUNT_MINOR)) throw new ValidationError(field, 'error.till.feeThresholdWholeAmount');
  if (rule.capMinor !== undefined && !whole(rule.capMinor, MAX_AMOUNT_MINOR)) throw new ValidationError(field, 'error.till.feeCapWholeAmount');
}

export function isFeeRule(value: unknown): value is FeeRule {
  try {
    assertFeeRule(value);
    return true;
  } catch {
    return false;
  }
}

/** The fee on one payment: rate × amount, rounded half up to the minor unit, exactly (BigInt). */
export function feeFor(amountMinor: number, rule: FeeRule): number {
  if (amountMinor <= rule.aboveMinor || rule.rateBasisPoints === 0) return 0;
  const fee = Number((BigInt(amountMinor) * BigInt(rule.rateBasisPoints) + 5_000n) / 10_000n);
  return rule.capMinor === undefined ? fee : Math.min(fee, rule.capMinor);
}

/** "0.5 %" from 50 basis points, exactly: one writing for the reports and the till screen. */
export { formatRate } from '../../../shared/rates';

/** "0.5" -> 50 basis points; text, never a float. */
export function parseRate(text: string, field = 'rate'): number {
  const match = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!match) throw new ValidationError(field, 'error.till.writeRateAsPercentage');
  const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (basisPoints > 10_000) throw new ValidationError(field, 'error.till.feeRateMost100');
  return basisPoints;
}

/** The settings' fee rule, or the market's default when it is missing or malformed (a report never fails on it). */
export function feeRuleOf(settings: { momoFeeRule?: unknown; targetEnvironment: string }): FeeRule {
  return isFeeRule(settings.momoFeeRule) ? settings.momoFeeRule : defaultFeeRule(settings.targetEnvironment);
}
