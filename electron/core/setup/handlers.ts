/**
 * The `credentials.*` methods: secrets into and out of the OS keychain (the
 * renderer only ever learns which are set), sandbox provisioning, the
 * connection test, and the switch between training and live.
 */
import type { HandlerGroup } from '../api';
import type { PosContext } from '../context';
import { liveConfigFromVault } from './live-config';
import type { CredentialsStatus } from '../../../shared/contract';
import { connectionKeyOf, MomoSetupError, PosError, type SentenceParam } from '../../../shared/errors';
import { isMtnApiAddress, marketFor, originOf } from '../../../shared/markets';
import { updateSettings } from '../settings';
import { openLedger } from '../ledger';
import { callbackRegistration } from '../headoffice';
import { createMomoClient, isMomoError, keyDestinationProblem } from '../momo';
import { SECRET_NAMES, keychainUnavailableKey, type CredentialVault, type SecretName } from '../secrets';
import { hostOf, testConnection, unsafeBaseUrl, type ConnectionTestOptions } from './connection';
import { copyManagerPin, copyShopSettings, LIVE_ENABLED_KEY } from './shop-settings';

/** What the sandbox's provisioning API is told; MoMo POS polls and never needs a callback (docs/momo.md "Callbacks"). */
export const DEFAULT_PROVIDER_CALLBACK_HOST = 'localhost';

export interface SetupOptions extends ConnectionTestOptions {
  /** Where a data dir's live ledger is; needed to write it while training is open. */
  dataDir: string;
  /** Head office's public callback base (e.g. https://hq.example.com): its host becomes a new sandbox user's providerCallbackHost. */
  callbackBase?: string;
}

/** The host of head office's callback base, or undefined when there is none (or it is not a URL). */
export function callbackHostOf(base: string | undefined): string | undefined {
  if (!base) return undefined;
  try {
    return new URL(base).hostname || undefined;
  } catch {
    return undefined;
  }
}

const nothingSet = (): Record<SecretName, boolean> => Object.fromEntries(SECRET_NAMES.map((name) => [name, false])) as Record<SecretName, boolean>;

const NO_KEYCHAIN_IN_THIS_RUN =
  'This run of MoMo POS has no keychain to keep MoMo keys in, so they cannot be saved here. Start the desktop app (or browser mode) on a machine with a system keychain.';

/** The wizard's market, not yet saved: `{targetEnvironment, baseUrl?}`. */
type MarketChoice = { targetEnvironment: string; baseUrl?: string | undefined } | undefined;

export function createSetupHandlers(context: PosContext, options: SetupOptions): HandlerGroup {
  /** The market the call is about: the wizard's choice when it gives one, else the saved settings. */
  const target = (choice?: MarketChoice) => {
    if (choice) {
      const market = marketFor(choice.targetEnvironment);
      if (!market) throw new PosError('VALIDATION', 'error.common.unknownMomoEnvironment', { targetEnvironment: choice.targetEnvironment }, 'targetEnvironment');
      return { baseUrl: choice.baseUrl ?? market.baseUrl, targetEnvironment: market.targetEnvironment, currency: market.currency };
    }
    const settings = context.settings();
    return { baseUrl: settings.baseUrl, targetEnvironment: settings.targetEnvironment, currency: settings.currency };
  };
  const currentEnvironment = (choice?: MarketChoice) => target(choice).targetEnvironment;

  const vault = (choice?: MarketChoice): CredentialVault => {
    if (!context.vaultFor) throw new PosError('KEYCHAIN_UNAVAILABLE', 'error.setup.noKeychainInThisRun');
    return context.vaultFor(currentEnvironment(choice));
  };

  /** The market with the address the vault's keys were entered for: the keys go to MTN's hosts or there, nowhere else. */
  const storedKeysTarget = async (choice: MarketChoice, store: CredentialVault) => {
    const address = await store.keysAddress?.();
    return { ...target(choice), ...(address ? { keysEnteredFor: address } : {}) };
  };

  const keysStatus = async (choice?: MarketChoice): Promise<CredentialsStatus> => {
    const inUse = choice ? undefined : context.keysFromEnvironment();
    if (inUse) return { ...(await inUse.vault.status()), source: 'environment' };
    if (!context.vaultFor) return { available: false, problem: NO_KEYCHAIN_IN_THIS_RUN, set: nothingSet() };
    return vault(choice).status();
  };
  // With what to register in MTN's partner portal for callbacks (the wizard shows it), or why they are off.
  const status = async (choice?: MarketChoice): Promise<CredentialsStatus> => ({ ...(await keysStatus(choice)), callbacks: callbackRegistration(options.callbackBase, currentEnvironment(choice)) });

  // One mode switch at a time: two would each rebuild a runtime and leave one orphaned.
  let switching: Promise<unknown> = Promise.resolve();
  const oneSwitchAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = switching.then(work, work);
    switching = next.catch(() => undefined);
    return next;
  };

  /** Writes to the live ledger: the open one when live, else a short-lived connection of our own. */
  const withLiveLedger = <T>(work: (ledger: PosContext['ledger']) => T): T => {
    if (context.mode === 'live') return work(context.ledger);
    const ledger = openLedger({ dataDir: options.dataDir, training: false, log: context.log });
    try {
      return work(ledger);
    } finally {
      ledger.close();
    }
  };

  const backToTraining = async (): Promise<void> => {
    if (context.mode !== 'live') return;
    // Deliberately back to training: the next start stays in training too.
    context.ledger.setSetting(LIVE_ENABLED_KEY, false);
    const live = context.ledger;
    const training = openLedger({ dataDir: options.dataDir, training: true, log: context.log });
    try {
      copyShopSettings(live, training);
      copyManagerPin(live, training);
    } finally {
      training.close();
    }
    await context.activate(undefined);
    context.log('switched to training mode');
  };

  return {
    'credentials.status': ({ market }) => status(market),

    'credentials.set': async ({ market, ...input }) => {
      const store = vault(market);
      const given = Object.entries(input).filter((entry): entry is [SecretName, string] => typeof entry[1] === 'string');
      if (!given.length) throw new PosError('VALIDATION', 'error.setup.typeLeastOneKey', {}, 'collectionSubscriptionKey');
      // The keys are saved for one address: MTN's own (https), or a custom one typed in with them.
      const address = target(market).baseUrl;
      const custom = isMtnApiAddress(address) ? undefined : address;
      if (custom !== undefined) {
        const unsafe = unsafeBaseUrl(custom);
        if (unsafe) throw new PosError('VALIDATION', unsafe.key, unsafe.params, 'baseUrl');
        if (!store.setKeysAddress) throw new PosError('VALIDATION', 'error.setup.keychainKeepsKeysMtn', {}, 'baseUrl');
      }
      const bound = await store.keysAddress?.();
      // The live till never charges with keys that were not tested: back to training until Go live.
      if (context.mode === 'live') await oneSwitchAtATime(backToTraining);
      if (originOf(bound ?? '') !== originOf(custom ?? '')) {
        // Keys kept for another address never follow to this one: only the keys typed now are kept, bound to it.
        const typed = new Set(given.map(([name]) => name));
        for (const name of SECRET_NAMES) if (!typed.has(name)) await store.clear(name);
        await store.setKeysAddress?.(custom);
      }
      for (const [name, value] of given) await store.set(name, value);
      context.log(`credentials saved for ${currentEnvironment(market)}: ${given.map(([name]) => name).join(', ')}`);
      return status(market);
    },

    'credentials.clear': async ({ market }) => {
      const store = vault(market);
      // The till must not keep charging with keys the merchant just removed.
      if (context.mode === 'live' && currentEnvironment(market) === currentEnvironment()) await oneSwitchAtATime(backToTraining);
      await store.clear();
      context.log(`credentials removed for ${currentEnvironment(market)}`);
      return status(market);
    },

    'credentials.provisionSandbox': async ({ providerCallbackHost, market }) => {
      const { baseUrl, targetEnvironment } = target(market);
      if (targetEnvironment !== 'sandbox') {
        throw new PosError(
          'FORBIDDEN',
          'error.setup.mTNCreatesApiUsers',
        );
      }
      const unsafe = unsafeBaseUrl(baseUrl);
      if (unsafe) throw new PosError('VALIDATION', unsafe.key, unsafe.params, 'baseUrl');
      const store = vault(market);
      const subscriptionKey = await store.get('collectionSubscriptionKey');
      const secondarySubscriptionKey = await store.get('collectionSecondarySubscriptionKey');
      if (!subscriptionKey) throw new PosError('VALIDATION', 'error.setup.saveCollectionSubscriptionKey', {}, 'collectionSubscriptionKey');
      // The stored subscription key goes only to MTN's host or to the address it was typed in for.
      const keysEnteredFor = await store.keysAddress?.();
      const elsewhere = keyDestinationProblem(baseUrl, keysEnteredFor);
      if (elsewhere) throw new PosError('VALIDATION', elsewhere.key, elsewhere.params, 'baseUrl');
      if (context.mode === 'live') await oneSwitchAtATime(backToTraining);
      const client = createMomoClient({
        baseUrl,
        ...(keysEnteredFor ? { keysEnteredFor } : {}),
        targetEnvironment,
        provisioning: { subscriptionKey, ...(secondarySubscriptionKey ? { secondarySubscriptionKey } : {}) },
        timeoutMs: options.timeoutMs ?? 10_000,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      let created: { apiUser: string; apiKey: string };
      try {
        created = await client.provisioning.createSandboxUser({ providerCallbackHost: providerCallbackHost ?? callbackHostOf(options.callbackBase) ?? DEFAULT_PROVIDER_CALLBACK_HOST });
      } catch (error) {
        if (!isMomoError(error)) throw error;
        context.log(`sandbox provisioning failed: ${error.code}`);
        throw new MomoSetupError(connectionKeyOf(error.code), { host: hostOf(baseUrl), environment: targetEnvironment, reason: error.code }, error.code);
      }
      await store.set('apiUser', created.apiUser);
      await store.set('apiKey', created.apiKey);
      context.log('sandbox API user and key created and saved in the keychain');
      return status(market);
    },

    'credentials.testConnection': async ({ market, keys }) => {
      // Keys typed in for this test: used once, for this address only, never stored.
      if (keys) {
        const typed = new Map<SecretName, string>(Object.entries(keys) as [SecretName, string][]);
        const once: CredentialVault = {
          status: async () => ({ available: true, set: Object.fromEntries(SECRET_NAMES.map((name) => [name, typed.has(name)])) as Record<SecretName, boolean> }),
          get: async (name) => typed.get(name),
          set: () => Promise.reject(new PosError('FORBIDDEN', 'error.setup.keysTypedTestAre')),
          clear: () => Promise.reject(new PosError('FORBIDDEN', 'error.setup.keysTypedTestAre')),
        };
        const where = target(market);
        const result = await testConnection(once, { ...where, keysEnteredFor: where.baseUrl }, options);
        context.log(`connection test with typed keys for ${where.targetEnvironment}: ${result.ok ? 'passed' : 'failed'}`);
        return result;
      }
      // The keys the till runs on, when they come from MOMO_* variables: those are the ones to test.
      const inUse = market ? undefined : context.keysFromEnvironment();
      if (inUse) {
        const result = await testConnection(inUse.vault, inUse.target, options);
        context.log(`connection test of the MOMO_* keys for ${inUse.target.targetEnvironment}: ${result.ok ? 'passed' : 'failed'}`);
        return result;
      }
      if (!context.vaultFor) return { ok: false, message: NO_KEYCHAIN_IN_THIS_RUN };
      const store = vault(market);
      const result = await testConnection(store, await storedKeysTarget(market, store), options);
      context.log(`connection test for ${currentEnvironment(market)}: ${result.ok ? 'passed' : 'failed'}`);
      return result;
    },

    'credentials.goLive': ({ market: choice }) =>
      oneSwitchAtATime(async () => {
        const market = target(choice);
        const store = vault(choice);
        const keychain = await store.status();
        if (!keychain.available) throw new PosError('KEYCHAIN_UNAVAILABLE', keychainUnavailableKey(), { said: '' });
        const test = await testConnection(store, await storedKeysTarget(choice, store), options);
        if (!test.ok) {
          // The test's own refusal, said inside "Still in training: …" in the manager's language.
          const why: SentenceParam = test.reason ? { key: connectionKeyOf(test.reason), params: { ...test.facts, reason: test.reason } } : { key: 'error.setup.testFailed', params: { detail: test.message } };
          throw new MomoSetupError('error.setup.stillTraining', { why }, test.reason ?? 'unexpected');
        }
        const live = await liveConfigFromVault(store, market, context.log);
        if (!live) throw new PosError('KEYCHAIN_UNAVAILABLE', keychainUnavailableKey(), { said: '' });
        const from = context.ledger;
        withLiveLedger((ledger) => {
          if (ledger !== from) {
            copyShopSettings(from, ledger);
            copyManagerPin(from, ledger);
          }
          // The wizard's market is saved only now that it is finished and tested (and only on the live side).
          if (choice) updateSettings(ledger, market);
          ledger.setSetting(LIVE_ENABLED_KEY, true);
        });
        await context.activate(live);
        context.log(`live mode: ${market.targetEnvironment}`);
        return context.appInfo();
      }),

    'credentials.useTraining': () =>
      oneSwitchAtATime(async () => {
        await backToTraining();
        return context.appInfo();
      }),
  };
}

