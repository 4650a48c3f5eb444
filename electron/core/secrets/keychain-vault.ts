import { randomUUID } from 'node:crypto';
import { ValidationError } from '../../../shared/errors';
import { keychainUnavailable, isKeychainUnavailable } from './keychain-problem';
import type { Keytar } from './keytar';
import { SECRET_NAMES, noSecretsSet, type SecretName } from './names';
import { assertSecretName, normalizeSecretValue } from './validation';
import type { CredentialStatus, CredentialVault } from './vault';

export const DEFAULT_APP_ID = 'momo-pos';
/** libsecret can block for good on a half-started D-Bus; no keychain call may hang the till. */
export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 5_000;
/** Written and deleted at once to prove the keyring takes writes; never a SecretName. */
export const WRITE_CHECK_ACCOUNT = '.write-check';
/** The API address the keys were entered for (not a secret); never a SecretName. */
export const KEYS_ADDRESS_ACCOUNT = '.keys-address';

const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface KeychainVaultOptions {
  keytar: Keytar;
  /** MoMo target environment, e.g. 'sandbox' or 'mtnrwanda': each has its own secrets. */
  environment: string;
  appId?: string;
  timeoutMs?: number;
  platform?: NodeJS.Platform;
}

/** The keychain service that holds one environment's secrets, e.g. 'momo-pos/mtnrwanda'. */
export function keychainService(appId: string, environment: string): string {
  if (!ENVIRONMENT_NAME.test(appId)) throw new ValidationError('appId', 'error.secrets.appIdMayHold');
  if (!ENVIRONMENT_NAME.test(environment)) {
    throw new ValidationError('environment', 'error.secrets.moMoEnvironmentNameMay');
  }
  return `${appId}/${environment}`;
}

/**
 * Secrets in the OS keychain (Secret Service on Linux, Keychain on macOS,
 * Credential Manager on Windows), one account per SecretName under the
 * service `<appId>/<environment>`. When the keychain cannot be used every
 * call fails with PosError KEYCHAIN_UNAVAILABLE and status() says why; there
 * is no fallback to a file or to memory.
 */
export function createKeychainVault(options: KeychainVaultOptions): CredentialVault {
  const { keytar, environment, appId = DEFAULT_APP_ID, timeoutMs = DEFAULT_KEYCHAIN_TIMEOUT_MS, platform = process.platform } = options;
  const service = keychainService(appId, environment);

  // Every keytar error means the keychain could not do what was asked.
  const call = <T>(what: string, work: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(keychainUnavailable(platform, `no answer to ${what} within ${Math.round(timeoutMs / 1000)} s (a locked keyring waiting for its password, or a D-Bus session without a Secret Service)`)),
        timeoutMs,
      );
      Promise.resolve()
        .then(work)
        .then(
          (result) => {
            clearTimeout(timer);
            resolve(result);
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(keychainUnavailable(platform, error));
          },
        );
    });

  // A locked Secret Service collection answers lookups with "nothing" and
  // deletes with "not found" instead of an error, so an empty answer is
  // confirmed by a write, which a locked or missing collection refuses.
  const confirmWritable = async (): Promise<void> => {
    await call('a test write', () => keytar.setPassword(service, WRITE_CHECK_ACCOUNT, randomUUID()));
    await call('a test delete', () => keytar.deletePassword(service, WRITE_CHECK_ACCOUNT));
  };

  const read = async (name: SecretName): Promise<string | null> => {
    const value = await call('a read', () => keytar.getPassword(service, name));
    return typeof value === 'string' && value !== '' ? value : null;
  };

  return {
    async status(): Promise<CredentialStatus> {
      try {
        const set = noSecretsSet();
        // One at a time: on a desktop each call to a locked keyring may open an unlock prompt.
        for (const name of SECRET_NAMES) set[name] = (await read(name)) !== null;
        if (!Object.values(set).some(Boolean)) await confirmWritable();
        return { available: true, set };
      } catch (error) {
        if (!isKeychainUnavailable(error)) throw error;
        return { available: false, problem: error.message, set: noSecretsSet() };
      }
    },

    async get(name) {
      assertSecretName(name);
      const value = await read(name);
      if (value !== null) return value;
      await confirmWritable();
      return undefined;
    },

    async set(name, value) {
      assertSecretName(name);
      const stored = normalizeSecretValue(name, value);
      await call('a write', () => keytar.setPassword(service, name, stored));
    },

    async clear(name) {
      if (name !== undefined) assertSecretName(name);
      let allFound = true;
      for (const each of name === undefined ? SECRET_NAMES : [name]) {
        const found = await call('a delete', () => keytar.deletePassword(service, each));
        allFound &&= found;
      }
      if (name === undefined) await call('a delete', () => keytar.deletePassword(service, KEYS_ADDRESS_ACCOUNT));
      if (!allFound) await confirmWritable();
    },

    async keysAddress() {
      const value = await call('a read', () => keytar.getPassword(service, KEYS_ADDRESS_ACCOUNT));
      return typeof value === 'string' && value !== '' ? value : undefined;
    },

    async setKeysAddress(address) {
      if (address === undefined) await call('a delete', () => keytar.deletePassword(service, KEYS_ADDRESS_ACCOUNT));
      else await call('a write', () => keytar.setPassword(service, KEYS_ADDRESS_ACCOUNT, address));
    },
  };
}
