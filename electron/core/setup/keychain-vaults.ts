/**
 * The app's `vaultFor`: one keychain vault per MoMo environment, all sharing
 * one queue so the OS keychain sees one call at a time.
 *
 * Why the queue: two concurrent `get`s of secrets that are not stored each
 * confirm the keyring takes writes by writing and deleting the same
 * check account; interleaved on a real Secret Service, one of them fails
 * and the vault reports the whole keychain unavailable (seen with
 * gnome-keyring: start-up reads five secrets at once, two usually unset, and
 * fell back to training). On a desktop, one call at a time also means at
 * most one unlock prompt.
 */
import { createKeychainVault, type CredentialVault, type Keytar } from '../secrets';

export interface KeychainVaultsOptions {
  appId?: string;
  timeoutMs?: number;
  platform?: NodeJS.Platform;
}

export function keychainVaultsFor(keytar: Keytar, options: KeychainVaultsOptions = {}): (environment: string) => CredentialVault {
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const vaults = new Map<string, CredentialVault>();
  return (environment) => {
    const known = vaults.get(environment);
    if (known) return known;
    const inner = createKeychainVault({ keytar, environment, ...options });
    const vault: CredentialVault = {
      status: () => oneAtATime(() => inner.status()),
      get: (name) => oneAtATime(() => inner.get(name)),
      set: (name, value) => oneAtATime(() => inner.set(name, value)),
      clear: (name) => oneAtATime(() => inner.clear(name)),
      keysAddress: () => oneAtATime(() => inner.keysAddress!()),
      setKeysAddress: (address) => oneAtATime(() => inner.setKeysAddress!(address)),
    };
    vaults.set(environment, vault);
    return vault;
  };
}
