/**
 * Set-up: from "just installed" to "taking real payments". The credentials.*
 * handlers (keychain, sandbox provisioning, connection test, go live /
 * back to training) and the rules behind them. See README.md.
 */
export { createSetupHandlers, DEFAULT_PROVIDER_CALLBACK_HOST, type SetupOptions } from './handlers';
export { testConnection, describeConnectionFailure, describeDisbursementFailure, unsafeBaseUrl, hostOf, CONNECTION_TEST_TIMEOUT_MS, type ConnectionTarget } from './connection';
export { copyShopSettings, LIVE_ENABLED_KEY } from './shop-settings';
export { keychainVaultsFor, type KeychainVaultsOptions } from './keychain-vaults';
export { liveConfigFromEnv, liveConfigFromVault, type LiveConfig, type ProductCredentials } from './live-config';
export { createSettingsHandlers } from './settings-handlers';
