/**
 * Where a till keeps head office's connection string (it holds the till
 * role's password): the OS keychain, service `momo-pos/headoffice`; or
 * MOMO_POS_HQ_URL on a headless till. Never the ledger, never a log.
 */
import { PosError } from '../../../shared/errors';
import { DEFAULT_KEYCHAIN_TIMEOUT_MS, type Keytar } from '../secrets';
import { checkUrl, HQ_URL_VARIABLE } from './connection';

export const HQ_KEYCHAIN_SERVICE = 'momo-pos/headoffice';
const ACCOUNT = 'connection';

export interface HeadOfficeUrlStore {
  get(): Promise<string | undefined>;
  set(url: string): Promise<void>;
  clear(): Promise<void>;
}

/** libsecret can hang on a half-started D-Bus: no keychain call may hold the till. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PosError('KEYCHAIN_UNAVAILABLE', 'error.headoffice.keychainDidNotAnswer')), ms);
    timer.unref();
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export function keychainHeadOfficeStore(keytar: Keytar, options: { service?: string; timeoutMs?: number } = {}): HeadOfficeUrlStore {
  const service = options.service ?? HQ_KEYCHAIN_SERVICE;
  const ms = options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
  return {
    async get() {
      if (keytar.missing) return undefined;
      return (await within(keytar.getPassword(service, ACCOUNT), ms)) ?? undefined;
    },
    async set(url) {
      await within(keytar.setPassword(service, ACCOUNT, checkUrl(url)), ms);
    },
    async clear() {
      await within(keytar.deletePassword(service, ACCOUNT), ms);
    },
  };
}

/** The keychain first, then the environment (headless tills); undefined: no head office. */
export async function headOfficeUrlFrom(store: HeadOfficeUrlStore | undefined, env: NodeJS.ProcessEnv): Promise<{ url: string; source: 'keychain' | 'environment' } | undefined> {
  const stored = await store?.get().catch(() => undefined);
  if (stored) return { url: stored, source: 'keychain' };
  const fromEnv = env[HQ_URL_VARIABLE];
  return fromEnv ? { url: fromEnv, source: 'environment' } : undefined;
}
