/**
 * Non-secret settings, kept in the ledger's `settings` table, with defaults
 * from the market (docs/momo.md). Secrets never come here: they live in the OS
 * keychain (electron/core/secrets).
 */
import { isCurrency, type Currency } from '../../../shared/money';
import { defaultFeeRule, marketFor, MARKETS, type Market } from '../../../shared/markets';
import { ValidationError } from '../../../shared/errors';
import type { FeeRule, RefundVia } from '../../../shared/till-report';
import type { ShopSaleLimit } from '../../../shared/limits';
import type { Language } from '../../../shared/i18n/languages';

export interface Settings {
  merchantName: string;
  merchantAddress: string;
  merchantPhone: string;
  merchantTin: string;
  receiptHeader: string;
  receiptFooter: string;
  receiptWidth: '58mm' | '80mm' | 'A4';
  language: Language;
  targetEnvironment: string;
  baseUrl: string;
  currency: Currency;
  quickAmounts: string[];
  dayStartsAtHour: number;
  /** Thermal printer: a network printer on TCP (port 9100) or a local queue printed raw. */
  printerKind: 'none' | 'network' | 'spooler';
  printerHost: string;
  printerPort: number;
  printerQueue: string;
  printerColumns: 32 | 42 | 48;
  /** The market's MoMo fee rule for the reports' estimate (Rwanda: 0.5 % above 4,000 RWF; elsewhere 0 until set). */
  momoFeeRule: FeeRule;
  /** MoMo refunds go as a refund of the payment, or as a transfer where the market does not offer refunds. */
  momoRefundVia: RefundVia;
  /** The manager's own most-per-payment (shared/limits.ts); null: MTN's limit for the market, or the safety cap. */
  saleLimit: ShopSaleLimit | null;
  /** The shop's own MoMo number (E.164 digits, '' when not set): pay-later invoices are paid to it. */
  merchantMomoNumber: string;
  /** After a successful MoMo payment, a short text to the customer's phone (delivery notification). */
  textReceipts: boolean;
}

export interface SettingsStore {
  getSetting<T>(key: string): T | undefined;
  setSetting(key: string, value: unknown): void;
  /** When present, settings are read once per revision (a charge reads them several times). */
  settingsRevision?(): string;
}

const cache = new WeakMap<SettingsStore, { revision: string; settings: Settings }>();

const DEFAULT_ENVIRONMENT = 'mtnrwanda';

export function defaultSettings(targetEnvironment = DEFAULT_ENVIRONMENT): Settings {
  const market = marketFor(targetEnvironment) ?? MARKETS.mtnrwanda;
  const noDecimals = market.currency === 'RWF' || market.currency === 'UGX' || market.currency === 'XAF' || market.currency === 'XOF' || market.currency === 'GNF';
  return {
    merchantName: 'My shop',
    merchantAddress: '',
    merchantPhone: '',
    merchantTin: '',
    receiptHeader: '',
    // Empty: the receipt then thanks the customer in its own language.
    receiptFooter: '',
    receiptWidth: '80mm',
    language: 'en',
    targetEnvironment: market.targetEnvironment,
    baseUrl: market.baseUrl,
    currency: market.currency,
    quickAmounts: noDecimals ? ['500', '1000', '2000', '5000', '10000'] : ['5', '10', '20', '50', '100'],
    dayStartsAtHour: 0,
    printerKind: 'none',
    printerHost: '',
    printerPort: 9100,
    printerQueue: '',
    printerColumns: 42,
    momoFeeRule: defaultFeeRule(market.targetEnvironment),
    momoRefundVia: 'refund',
    saleLimit: null,
    merchantMomoNumber: '',
    textReceipts: true,
  };
}

const KEYS = Object.keys(defaultSettings()) as (keyof Settings)[];

export function readSettings(store: SettingsStore): Settings {
  const revision = store.settingsRevision?.();
  if (revision !== undefined) {
    const cached = cache.get(store);
    if (cached?.revision === revision) return structuredClone(cached.settings);
    const settings = readSettingsFresh(store);
    cache.set(store, { revision, settings });
    return structuredClone(settings);
  }
  return readSettingsFresh(store);
}

function readSettingsFresh(store: SettingsStore): Settings {
  const environment = store.getSetting<string>('targetEnvironment') ?? DEFAULT_ENVIRONMENT;
  const settings = defaultSettings(environment) as unknown as Record<string, unknown>;
  for (const key of KEYS) {
    const stored = store.getSetting<unknown>(key);
    if (stored !== undefined) settings[key] = stored;
  }
  return settings as unknown as Settings;
}

export function updateSettings(store: SettingsStore, patch: Partial<Record<keyof Settings, unknown>>): Settings {
  if (patch.targetEnvironment !== undefined && !marketFor(String(patch.targetEnvironment))) {
    throw new ValidationError('targetEnvironment', 'error.common.unknownMomoEnvironment', { targetEnvironment: String(patch.targetEnvironment) });
  }
  if (patch.currency !== undefined && !isCurrency(patch.currency)) {
    throw new ValidationError('currency', 'error.settings.unsupportedCurrency', { currency: String(patch.currency) });
  }
  for (const key of KEYS) {
    if (patch[key] !== undefined) store.setSetting(key, patch[key]);
  }
  return readSettings(store);
}

export function marketOf(settings: Settings): Market {
  return marketFor(settings.targetEnvironment) ?? MARKETS.mtnrwanda;
}
