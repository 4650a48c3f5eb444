/**
 * The `credentials.*` methods: secrets into and out of the OS keychain (the
 * renderer only ever learns which are set), sandbox provisioning, the
 * connection test, and the switch between training and live.
 */
import type { HandlerGroup } from '../api';
import type { PosContext } from '../context';
// Not through app/index.ts: that file imports this one (a value cycle otherwise).
import { liveConfigFromVault } from '../app/live-config';
import type { CredentialsStatus } from '../../../shared/contract';
import { PosError } from '../../../shared/errors';
import { openLedger } from '../ledger';
import { createMomoClient, isMomoError } from '../momo';
import { SECRET_NAMES, keychainProblem, type CredentialVault, type SecretName } from '../secrets';
import { describeConnectionFailure, testConnection, unsafeBaseUrl, type ConnectionTestOptions } from './connection';
import { copyShopSettings, LIVE_ENABLED_KEY } from './shop-settings';

/** What the sandbox's provisioning API is told; MoMo POS polls and never needs a callback (MOMO.md "Callbacks"). */
export const DEFAULT_PROVIDER_CALLBACK_HOST = 'localhost';

export interface SetupOptions extends ConnectionTestOptions {
  /** Where a data dir's live ledger is; needed to write it while training is open. */
  dataDir: string;
}

const nothingSet = (): Record<SecretName, boolean> => Object.fromEntries(SECRET_NAMES.map((name) => [name, false])) as Record<SecretName, boolean>;

const NO_KEYCHAIN_IN_THIS_RUN =
  'This run of MoMo POS has no keychain to keep MoMo keys in, so they cannot be saved here. Start the desktop app (or browser mode) on a machine with a system keychain.';

export function createSetupHandlers(context: PosContext, options: SetupOptions): HandlerGroup {
  const currentEnvironment = () => context.settings().targetEnvironment;

  const vault = (): CredentialVault => {
    if (!context.vaultFor) throw new PosError('KEYCHAIN_UNAVAILABLE', NO_KEYCHAIN_IN_THIS_RUN);
    return context.vaultFor(currentEnvironment());
  };

  const status = async (): Promise<CredentialsStatus> => {
    if (!context.vaultFor) return { available: false, problem: NO_KEYCHAIN_IN_THIS_RUN, set: nothingSet() };
    return vault().status();
  };

  const target = () => {
    const settings = context.settings();
    return { baseUrl: settings.baseUrl, targetEnvironment: settings.targetEnvironment, currency: settings.currency };
  };

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
    } finally {
      training.close();
    }
    await context.activate(undefined);
    context.log('switched to training mode');
  };

  return {
    'credentials.status': () => status(),

    'credentials.set': async (input) => {
      const store = vault();
      const given = Object.entries(input).filter((entry): entry is [SecretName, string] => typeof entry[1] === 'string');
      if (!given.length) throw new PosError('VALIDATION', 'Type at least one key to save.', 'collectionSubscriptionKey');
      // The live till never charges with keys that were not tested: back to training until Go live.
      if (context.mode === 'live') await oneSwitchAtATime(backToTraining);
      for (const [name, value] of given) await store.set(name, value);
      context.log(`credentials saved for ${currentEnvironment()}: ${given.map(([name]) => name).join(', ')}`);
      return status();
    },

    'credentials.clear': async () => {
      const store = vault();
      // The till must not keep charging with keys the merchant just removed.
      if (context.mode === 'live') await oneSwitchAtATime(backToTraining);
      await store.clear();
      context.log(`credentials removed for ${currentEnvironment()}`);
      return status();
    },

    'credentials.provisionSandbox': async ({ providerCallbackHost }) => {
      const { baseUrl, targetEnvironment } = target();
      if (targetEnvironment !== 'sandbox') {
        throw new PosError(
          'FORBIDDEN',
          'MTN creates API users and keys through the app only in the sandbox. For real payments, create them in the MoMo Partner Portal (your Collection subscription → API User → Create, then Generate API key) and type both here.',
        );
      }
      const unsafe = unsafeBaseUrl(baseUrl);
      if (unsafe) throw new PosError('VALIDATION', unsafe, 'baseUrl');
      const store = vault();
      const subscriptionKey = await store.get('collectionSubscriptionKey');
      const secondarySubscriptionKey = await store.get('collectionSecondarySubscriptionKey');
      if (!subscriptionKey) throw new PosError('VALIDATION', 'Save the Collection subscription key first: the sandbox creates the API user under it.', 'collectionSubscriptionKey');
      if (context.mode === 'live') await oneSwitchAtATime(backToTraining);
      const client = createMomoClient({
        baseUrl,
        targetEnvironment,
        provisioning: { subscriptionKey, ...(secondarySubscriptionKey ? { secondarySubscriptionKey } : {}) },
        timeoutMs: options.timeoutMs ?? 10_000,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      let created: { apiUser: string; apiKey: string };
      try {
        created = await client.provisioning.createSandboxUser({ providerCallbackHost: providerCallbackHost ?? DEFAULT_PROVIDER_CALLBACK_HOST });
      } catch (error) {
        if (!isMomoError(error)) throw error;
        context.log(`sandbox provisioning failed: ${error.code}`);
        throw new PosError('MOMO', describeConnectionFailure(error, { baseUrl, targetEnvironment }));
      }
      await store.set('apiUser', created.apiUser);
      await store.set('apiKey', created.apiKey);
      context.log('sandbox API user and key created and saved in the keychain');
      return status();
    },

    'credentials.testConnection': async () => {
      if (!context.vaultFor) return { ok: false, message: NO_KEYCHAIN_IN_THIS_RUN };
      const result = await testConnection(vault(), target(), options);
      context.log(`connection test for ${currentEnvironment()}: ${result.ok ? 'passed' : 'failed'}`);
      return result;
    },

    'credentials.goLive': () =>
      oneSwitchAtATime(async () => {
        const market = target();
        const store = vault();
        const keychain = await store.status();
        if (!keychain.available) throw new PosError('KEYCHAIN_UNAVAILABLE', keychain.problem ?? keychainProblem());
        const test = await testConnection(store, market, options);
        if (!test.ok) throw new PosError('MOMO', `Still in training: ${test.message}`);
        const live = await liveConfigFromVault(store, market, context.log);
        if (!live) throw new PosError('KEYCHAIN_UNAVAILABLE', keychainProblem());
        const from = context.ledger;
        withLiveLedger((ledger) => {
          if (ledger !== from) copyShopSettings(from, ledger);
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

