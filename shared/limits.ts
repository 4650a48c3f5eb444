/**
 * The most one payment may be at this till: MTN's limit for one wallet payment
 * in the market where it is published (shared/markets.ts), else a safety cap
 * per currency, unless the manager set the shop's own. Checked at the counter
 * (MoMo and cash sales), on cash put in the drawer and on refunds, so that a
 * slip of the finger (RWF 999,999,999,999) never reaches MoMo or the ledger.
 */
import { ValidationError } from './errors';
import { marketFor } from './markets';
import { MAX_AMOUNT_MINOR, isCurrency, moneyParam, type Currency } from './money';

/** About USD 10,000 in each currency, where the market publishes no limit: high for a counter, low for a typo. */
export const SAFETY_LIMIT_MINOR: Record<Currency, number> = {
  RWF: 10_000_000,
  UGX: 40_000_000,
  XAF: 5_000_000,
  XOF: 5_000_000,
  GNF: 100_000_000,
  GHS: 15_000_000,
  ZMW: 25_000_000,
  ZAR: 20_000_000,
  EUR: 1_000_000,
  LRD: 200_000_000,
  SZL: 20_000_000,
};

/** What the manager stored (settings key `saleLimit`); it holds for that currency only. */
export interface ShopSaleLimit {
  currency: Currency;
  amountMinor: number;
}

export interface SaleLimit {
  amountMinor: number;
  currency: Currency;
  /** market: MTN's published limit; safety: the till's cap where none is published; shop: the manager's own. */
  source: 'market' | 'safety' | 'shop';
  /** The market's name when source is market ("Rwanda"). */
  market?: string;
}

export function isShopSaleLimit(value: unknown): value is ShopSaleLimit {
  const limit = value as Partial<ShopSaleLimit> | null;
  return (
    !!limit &&
    typeof limit === 'object' &&
    isCurrency(limit.currency) &&
    typeof limit.amountMinor === 'number' &&
    Number.isSafeInteger(limit.amountMinor) &&
    limit.amountMinor > 0 &&
    limit.amountMinor <= MAX_AMOUNT_MINOR
  );
}

/** The limit that holds now: the shop's own (same currency), else MTN's for the market, else the safety cap. */
export function saleLimitOf(settings: { targetEnvironment: string; currency: Currency; saleLimit?: unknown }): SaleLimit {
  const { currency } = settings;
  if (isShopSaleLimit(settings.saleLimit) && settings.saleLimit.currency === currency) {
    return { amountMinor: settings.saleLimit.amountMinor, currency, source: 'shop' };
  }
  const market = marketFor(settings.targetEnvironment);
  if (market?.maxPaymentMinor !== undefined && market.currency === currency) {
    return { amountMinor: market.maxPaymentMinor, currency, source: 'market', market: market.name };
  }
  return { amountMinor: SAFETY_LIMIT_MINOR[currency], currency, source: 'safety' };
}

/** The sentence that names the limit, with the limit as money each language writes its own way. */
export function overLimitError(limit: SaleLimit, field = 'amount'): ValidationError {
  const money = moneyParam(limit.amountMinor, limit.currency);
  if (limit.source === 'market') return new ValidationError(field, 'error.limits.overMarketLimit', { limit: money, market: limit.market ?? '' });
  if (limit.source === 'shop') return new ValidationError(field, 'error.limits.overShopLimit', { limit: money });
  return new ValidationError(field, 'error.limits.overSafetyLimit', { limit: money });
}

/** Refuses an amount above the limit, naming it; nothing is written before this passes. */
export function assertWithinLimit(amountMinor: number, limit: SaleLimit, field = 'amount'): void {
  if (amountMinor > limit.amountMinor) throw overLimitError(limit, field);
}
