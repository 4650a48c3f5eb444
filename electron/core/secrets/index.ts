/** Credentials: MoMo secrets in the OS keychain (or MOMO_* variables when headless), never in files. */
export { SECRET_NAMES, isSecretName, type SecretName } from './names';
export type { CredentialStatus, CredentialVault } from './vault';
export { MAX_SECRET_LENGTH, normalizeSecretValue } from './validation';
export {
  createKeychainVault,
  keychainService,
  DEFAULT_APP_ID,
  DEFAULT_KEYCHAIN_TIMEOUT_MS,
  type KeychainVaultOptions,
} from './keychain-vault';
export { loadKeytar, KeychainLibraryMissing, type Keytar } from './keytar';
export { keychainProblem, keychainLibraryMissingProblem, keychainUnavailableKey, isKeychainUnavailable } from './keychain-problem';
export { createEnvironmentVault, SECRET_ENVIRONMENT_VARIABLES } from './environment-vault';
export { collectSecretsForScan } from './scan';
