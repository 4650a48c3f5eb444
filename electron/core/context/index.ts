/**
 * What a handler group gets from the app: the current ledger, MoMo client,
 * settings and events, and the switch between training and live. Its own
 * small module, imported by the composition root (app/) and by every
 * handler group (till, set-up, receipts, printing) — so no handler group
 * imports the app back (docs/style.md: the composition root is the top of the house).
 */
import type { AppInfo, Mode } from '../../../shared/contract';
import type { Currency } from '../../../shared/money';
import type { EventBus } from '../events';
import type { Ledger } from '../ledger';
import type { MomoClient } from '../momo';
import type { CredentialVault } from '../secrets';
import type { Settings } from '../settings';

export interface ProductCredentials {
  subscriptionKey: string;
  apiUser: string;
  apiKey: string;
  secondarySubscriptionKey?: string;
}

/** Live mode's MoMo: where, which market, and the keys (from the keychain or the environment). */
export interface LiveConfig {
  baseUrl: string;
  /** The address the keys were entered for, when not one of MTN's (MOMO_BASE_URL given with MOMO_* keys, or saved with them in the keychain). */
  keysEnteredFor?: string;
  targetEnvironment: string;
  currency?: Currency;
  collection: ProductCredentials;
  disbursement?: ProductCredentials;
}

export interface PosContext {
  readonly ledger: Ledger;
  readonly mode: Mode;
  readonly momo: MomoClient;
  settings(): Settings;
  events: EventBus;
  /** Secrets live here (the OS keychain), one vault per MoMo environment. */
  vaultFor?: (environment: string) => CredentialVault;
  /** While the till runs on MOMO_* environment variables: those keys (read-only) and the MoMo they point at. */
  keysFromEnvironment(): { vault: CredentialVault; target: { baseUrl: string; keysEnteredFor?: string; targetEnvironment: string; currency: string } } | undefined;
  /** Switch to live with these credentials, or back to training (undefined): reopens the right ledger and client. */
  activate(live: LiveConfig | undefined): Promise<void>;
  /** What app.info answers, for handlers that change the mode. */
  appInfo(): AppInfo;
  log(line: string): void;
}
