import { SECRET_NAMES } from './names';
import type { CredentialVault } from './vault';

/**
 * Every stored secret value, for tests and leak scans only (searching logs,
 * ledgers and exports for a value that must never be there). Nothing in the
 * app proper may call it: values leave the vault one by name, through get().
 */
export async function collectSecretsForScan(vault: CredentialVault): Promise<string[]> {
  const found = new Set<string>();
  for (const name of SECRET_NAMES) {
    const value = await vault.get(name);
    if (value !== undefined) found.add(value);
  }
  return [...found];
}
