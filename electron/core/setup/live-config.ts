/**
 * Live MoMo credentials for headless runs (browser mode, scripts) from the
 * environment. With none set the app runs in training mode. The desktop app
 * takes them from the OS keychain instead (electron/core/secrets).
 */
import { isCurrency, type Currency } from '../../../shared/money';
import { marketFor } from '../../../shared/markets';
import { englishSentence, PosError } from '../../../shared/errors';
import { keyDestinationProblem } from '../momo';
import type { LiveConfig, ProductCredentials } from '../context';

export type { LiveConfig, ProductCredentials } from '../context';

export function liveConfigFromEnv(env: NodeJS.ProcessEnv): LiveConfig | undefined {
  const subscriptionKey = env.MOMO_COLLECTION_SUBSCRIPTION_KEY?.trim();
  const apiUser = env.MOMO_API_USER?.trim();
  const apiKey = env.MOMO_API_KEY?.trim();
  if (!subscriptionKey && !apiUser && !apiKey) return undefined;
  if (!subscriptionKey || !apiUser || !apiKey) {
    throw new PosError('VALIDATION', 'error.app.liveModeNeedsMomo');
  }
  const targetEnvironment = env.MOMO_TARGET_ENVIRONMENT?.trim() || 'sandbox';
  const market = marketFor(targetEnvironment);
  const baseUrl = env.MOMO_BASE_URL?.trim() || market?.baseUrl;
  if (!baseUrl) throw new PosError('VALIDATION', 'error.app.mOMOBaseUrlNeeded', { targetEnvironment });
  const currencyText = env.MOMO_CURRENCY?.trim() || market?.currency;
  if (currencyText !== undefined && !isCurrency(currencyText)) throw new PosError('VALIDATION', 'error.app.mOMOCurrencyNotSupported', { currencyText });
  const collection: ProductCredentials = { subscriptionKey, apiUser, apiKey };
  const secondary = env.MOMO_COLLECTION_SECONDARY_SUBSCRIPTION_KEY?.trim();
  if (secondary) collection.secondarySubscriptionKey = secondary;
  // The address and the keys come from the same place (the operator's variables): the keys were given for it.
  const config: LiveConfig = { baseUrl, keysEnteredFor: baseUrl, targetEnvironment, collection };
  if (currencyText) config.currency = currencyText as Currency;
  const disbursementKey = env.MOMO_DISBURSEMENT_SUBSCRIPTION_KEY?.trim();
  if (disbursementKey) config.disbursement = { subscriptionKey: disbursementKey, apiUser, apiKey };
  return config;
}

/**
 * Live credentials the merchant set up in the app: the market from the live
 * ledger's settings (once set-up finished), the secrets from the vault.
 * Undefined (training mode) when set-up never finished or a secret is missing.
 */
export async function liveConfigFromVault(
  vault: { get(name: 'collectionSubscriptionKey' | 'collectionSecondarySubscriptionKey' | 'disbursementSubscriptionKey' | 'apiUser' | 'apiKey'): Promise<string | undefined>; keysAddress?(): Promise<string | undefined> },
  market: { targetEnvironment: string; baseUrl: string; currency: Currency } | undefined,
  log: (line: string) => void,
): Promise<LiveConfig | undefined> {
  if (!market) return undefined;
  try {
    const [subscriptionKey, secondary, disbursementKey, apiUser, apiKey] = await Promise.all([
      vault.get('collectionSubscriptionKey'),
      vault.get('collectionSecondarySubscriptionKey'),
      vault.get('disbursementSubscriptionKey'),
      vault.get('apiUser'),
      vault.get('apiKey'),
    ]);
    if (!subscriptionKey || !apiUser || !apiKey) return undefined;
    // Checked at every start: the saved address must be MTN's own, or the one these keys were typed in for.
    const address = await vault.keysAddress?.();
    const refused = keyDestinationProblem(market.baseUrl, address);
    if (refused) {
      log(`live mode not started: ${englishSentence(refused.key, refused.params)} (the API address in the settings is not where the keychain's keys were saved for)`);
      return undefined;
    }
    const collection: ProductCredentials = { subscriptionKey, apiUser, apiKey };
    if (secondary) collection.secondarySubscriptionKey = secondary;
    const config: LiveConfig = { baseUrl: market.baseUrl, ...(address ? { keysEnteredFor: address } : {}), targetEnvironment: market.targetEnvironment, currency: market.currency, collection };
    if (disbursementKey) config.disbursement = { subscriptionKey: disbursementKey, apiUser, apiKey };
    return config;
  } catch (error) {
    log(`live credentials could not be read from the keychain: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
