/**
 * MoMo markets: defaults per target environment (docs/momo.md "Hosts and
 * environments"). Each value is a default a merchant may override in settings.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { Currency } from './money';

/** A MoMo fee rule for the market (see electron/core/till/fees.ts). */
export interface FeeRule {
  /** Share of the payment, in basis points (1 bp = 0.01 %): 0.5 % = 50. */
  rateBasisPoints: number;
  /** No fee on a payment at or below this (minor units); the whole payment is charged above it. */
  aboveMinor: number;
  /** Largest fee on one payment (minor units), where the market caps it. */
  capMinor?: number;
}

export interface Market {
  targetEnvironment: string;
  name: string;
  country: CountryCode;
  currency: Currency;
  baseUrl: string;
  /** National-number prefixes MTN uses; other numbers get a warning, never a block (portability). */
  mtnPrefixes: readonly string[];
  /**
   * MTN's largest single payment from a wallet in this market (minor units), where published:
   * the highest customer tier, since the till cannot know the payer's. Elsewhere shared/limits.ts
   * gives a safety cap per currency. Either way a setting the manager may change.
   */
  maxPaymentMinor?: number;
}

const PROXY = 'https://proxy.momoapi.mtn.com';

// maxPaymentMinor, where published (central banks change them — hence a setting the manager can change):
// - Rwanda: BNR, March 2020: individual mobile-money transfers up to RWF 1,500,000 (Tier I) and RWF 4,000,000 (Tier II).
// - Uganda: MTN Uganda's MoMo key facts: maximum single transaction UGX 5,000,000 (high-value accounts).
// - Ghana: Bank of Ghana, March 2024: enhanced wallets move at most GH₵25,000 a day, so no one payment is larger.

export const MARKETS = {
  sandbox: { targetEnvironment: 'sandbox', name: 'MTN sandbox', country: 'RW', currency: 'EUR', baseUrl: 'https://sandbox.momodeveloper.mtn.com', mtnPrefixes: ['78', '79'] },
  mtnrwanda: { targetEnvironment: 'mtnrwanda', name: 'Rwanda', country: 'RW', currency: 'RWF', baseUrl: 'https://proxy.momoapi.mtn.co.rw', mtnPrefixes: ['78', '79'], maxPaymentMinor: 4_000_000 },
  mtnuganda: { targetEnvironment: 'mtnuganda', name: 'Uganda', country: 'UG', currency: 'UGX', baseUrl: PROXY, mtnPrefixes: ['76', '77', '78', '39'], maxPaymentMinor: 5_000_000 },
  mtnghana: { targetEnvironment: 'mtnghana', name: 'Ghana', country: 'GH', currency: 'GHS', baseUrl: PROXY, mtnPrefixes: ['24', '25', '53', '54', '55', '59'], maxPaymentMinor: 2_500_000 },
  mtnivorycoast: { targetEnvironment: 'mtnivorycoast', name: "Côte d'Ivoire", country: 'CI', currency: 'XOF', baseUrl: PROXY, mtnPrefixes: ['05'] },
  mtnzambia: { targetEnvironment: 'mtnzambia', name: 'Zambia', country: 'ZM', currency: 'ZMW', baseUrl: PROXY, mtnPrefixes: ['96', '76'] },
  mtncameroon: { targetEnvironment: 'mtncameroon', name: 'Cameroon', country: 'CM', currency: 'XAF', baseUrl: PROXY, mtnPrefixes: ['67', '650', '651', '652', '653', '654', '680', '681', '682', '683'] },
  mtnbenin: { targetEnvironment: 'mtnbenin', name: 'Benin', country: 'BJ', currency: 'XOF', baseUrl: PROXY, mtnPrefixes: ['0142', '0146', '0150', '0151', '0152', '0153', '0154', '0156', '0157', '0159', '0161', '0162', '0166', '0167', '0169', '0190', '0191', '0196', '0197'] },
  mtncongo: { targetEnvironment: 'mtncongo', name: 'Congo-Brazzaville', country: 'CG', currency: 'XAF', baseUrl: PROXY, mtnPrefixes: ['06'] },
  mtnswaziland: { targetEnvironment: 'mtnswaziland', name: 'Eswatini', country: 'SZ', currency: 'SZL', baseUrl: PROXY, mtnPrefixes: ['76', '78', '79'] },
  mtnguineaconakry: { targetEnvironment: 'mtnguineaconakry', name: 'Guinea-Conakry', country: 'GN', currency: 'GNF', baseUrl: PROXY, mtnPrefixes: ['66'] },
  mtnliberia: { targetEnvironment: 'mtnliberia', name: 'Liberia', country: 'LR', currency: 'LRD', baseUrl: PROXY, mtnPrefixes: ['88', '55'] },
  mtnsouthafrica: { targetEnvironment: 'mtnsouthafrica', name: 'South Africa', country: 'ZA', currency: 'ZAR', baseUrl: PROXY, mtnPrefixes: ['83', '73', '78', '63', '710', '711', '712', '713', '714', '715', '716', '717', '810'] },
} as const satisfies Record<string, Market>;

export type TargetEnvironment = keyof typeof MARKETS;
export const TARGET_ENVIRONMENTS = Object.keys(MARKETS) as TargetEnvironment[];

export function marketFor(targetEnvironment: string): Market | undefined {
  return Object.hasOwn(MARKETS, targetEnvironment) ? MARKETS[targetEnvironment as TargetEnvironment] : undefined;
}

/** MoMo's fee on the merchant, when the manager has set none: none at all. */
export const NO_FEES: FeeRule = { rateBasisPoints: 0, aboveMinor: 0 };

/** MTN's go-live notes for Rwanda (docs/momo.md "Fees"): "0.5 % on transactions above 4,000 RWF; below 4,000 free" (it also says 4,001; 4,000 itself is free either way). */
export const RWANDA_FEES: FeeRule = { rateBasisPoints: 50, aboveMinor: 4000 };

/** The market's default fee rule for the reports' estimate (Rwanda: docs/momo.md "Fees"; elsewhere none until the manager sets one). */
export function defaultFeeRule(targetEnvironment: string): FeeRule {
  return targetEnvironment === 'mtnrwanda' ? RWANDA_FEES : NO_FEES;
}

/** MTN's own API origins (https), from the table above: the only places stored MoMo keys go without a word from whoever typed them. */
export const MTN_API_ORIGINS: ReadonlySet<string> = new Set(Object.values(MARKETS).map((market) => new URL(market.baseUrl).origin));

/** Whether this address is one of MTN's API hosts over https (a path after the host is allowed). */
export function isMtnApiAddress(address: string): boolean {
  try {
    const url = new URL(address);
    return url.protocol === 'https:' && MTN_API_ORIGINS.has(url.origin) && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** The origin of an address, or undefined when it is none. */
export function originOf(address: string): string | undefined {
  try {
    return new URL(address).origin;
  } catch {
    return undefined;
  }
}
