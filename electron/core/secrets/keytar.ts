/**
 * The part of keytar the vault calls, injected so tests and other platforms
 * can pass their own. keytar's findCredentials is deliberately not used: on
 * Linux it crashes the process (SIGSEGV) when the keyring is locked and holds
 * items (atom/node-keytar#477); getPassword answers null there instead.
 */
export interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  /** Set on the stand-in used when the keytar package is not installed at all. */
  readonly missing?: boolean;
}

/**
 * The keytar module, or, when it cannot be loaded (native binary missing or
 * built for another Node), a stand-in whose every call fails with the load
 * error, so a vault made from it reports the keychain unavailable.
 */
export async function loadKeytar(importKeytar: () => Promise<unknown> = () => import('keytar')): Promise<Keytar> {
  try {
    const loaded = (await importKeytar()) as { default?: unknown } | null;
    // keytar is CommonJS: its functions sit on the default export under ESM.
    const candidate = (loaded && typeof loaded === 'object' && 'default' in loaded && loaded.default) || loaded;
    if (!isKeytar(candidate)) throw new Error('the keytar module does not have getPassword, setPassword and deletePassword');
    return candidate;
  } catch (error) {
    return unloadableKeytar(error);
  }
}

function isKeytar(candidate: unknown): candidate is Keytar {
  if (!candidate || (typeof candidate !== 'object' && typeof candidate !== 'function')) return false;
  const functions = candidate as Record<string, unknown>;
  return ['getPassword', 'setPassword', 'deletePassword'].every((name) => typeof functions[name] === 'function');
}

/**
 * keytar is an optional dependency: where it cannot build (no libsecret-1-dev,
 * no compiler, no prebuild host) npm drops it without a word. That case is
 * told apart from a keytar that is there but will not load.
 */
export class KeychainLibraryMissing extends Error {
  constructor() {
    super('the keychain library (keytar) is not installed');
    this.name = 'KeychainLibraryMissing';
  }
}

export function isModuleNotFound(error: unknown, name: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && new RegExp(`['"]${name}['"/]`).test(error.message);
}

function unloadableKeytar(cause: unknown): Keytar {
  const missing = isModuleNotFound(cause, 'keytar');
  const reason = cause instanceof Error ? cause.message : String(cause);
  const fail = (): Promise<never> => Promise.reject(missing ? new KeychainLibraryMissing() : new Error(`keytar could not be loaded: ${reason}`));
  return { getPassword: fail, setPassword: fail, deletePassword: fail, missing };
}
