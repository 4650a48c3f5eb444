import { PosError } from '../../../shared/errors';
import { SECRET_NAMES, noSecretsSet, type SecretName } from './names';
import { assertSecretName, normalizeSecretValue } from './validation';
import type { CredentialVault } from './vault';

/** The environment variable each secret is read from in a headless run. */
export const SECRET_ENVIRONMENT_VARIABLES: Readonly<Record<SecretName, string>> = {
  collectionSubscriptionKey: 'MOMO_COLLECTION_SUBSCRIPTION_KEY',
  collectionSecondarySubscriptionKey: 'MOMO_COLLECTION_SECONDARY_SUBSCRIPTION_KEY',
  disbursementSubscriptionKey: 'MOMO_DISBURSEMENT_SUBSCRIPTION_KEY',
  disbursementSecondarySubscriptionKey: 'MOMO_DISBURSEMENT_SECONDARY_SUBSCRIPTION_KEY',
  apiUser: 'MOMO_API_USER',
  apiKey: 'MOMO_API_KEY',
  disbursementApiUser: 'MOMO_DISBURSEMENT_API_USER',
  disbursementApiKey: 'MOMO_DISBURSEMENT_API_KEY',
};

/**
 * A read-only vault over MOMO_* environment variables, for headless runs
 * (CLI, servers, CI) where no keychain exists. Values are read once, here:
 * an empty variable counts as unset; a malformed one is refused now with a
 * ValidationError naming the variable, so a bad deploy fails at start.
 */
export function createEnvironmentVault(environment: NodeJS.ProcessEnv = process.env): CredentialVault {
  const values = new Map<SecretName, string>();
  for (const name of SECRET_NAMES) {
    const variable = SECRET_ENVIRONMENT_VARIABLES[name];
    const raw = environment[variable];
    if (raw === undefined || raw.trim() === '') continue;
    values.set(name, normalizeSecretValue(variable, raw));
  }

  const readOnly = (): Promise<never> =>
    Promise.reject(
      new PosError(
        'FORBIDDEN',
        'error.secrets.credentialsComeFromMomo',
      ),
    );

  return {
    async status() {
      const set = noSecretsSet();
      for (const name of values.keys()) set[name] = true;
      return { available: true, set };
    },
    async get(name) {
      assertSecretName(name);
      return values.get(name);
    },
    set: readOnly,
    clear: readOnly,
  };
}
