import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECRET_NAMES, createKeychainVault, loadKeytar, type Keytar } from '../../../electron/core/secrets';

// The keychain's behaviour on a real Secret Service is proven in
// test/integration/keychain; these pin the vault's own rules with stand-ins.

/** An unlocked keychain in memory, recording every call. */
function memoryKeychain() {
  const items = new Map<string, string>();
  const calls: string[] = [];
  const key = (service: string, account: string) => `${service}\u0000${account}`;
  const keytar: Keytar = {
    async getPassword(service, account) {
      calls.push(`get ${service} ${account}`);
      return items.get(key(service, account)) ?? null;
    },
    async setPassword(service, account, password) {
      calls.push(`set ${service} ${account}`);
      items.set(key(service, account), password);
    },
    async deletePassword(service, account) {
      calls.push(`delete ${service} ${account}`);
      return items.delete(key(service, account));
    },
  };
  return { keytar, items, calls };
}

/** What libsecret does with a locked collection: reads find nothing, deletes find nothing, writes fail. */
const lockedKeychain: Keytar = {
  getPassword: async () => null,
  deletePassword: async () => false,
  setPassword: async () => {
    throw new Error('Cannot create an item in a locked collection');
  },
};

describe('keychain vault rules', () => {
  it('keeps one account per secret under <appId>/<environment>, values trimmed', async () => {
    const { keytar, items } = memoryKeychain();
    const vault = createKeychainVault({ keytar, environment: 'mtnrwanda' });
    await vault.set('apiKey', '  abc123  ');
    expect([...items.entries()]).toEqual([['momo-pos/mtnrwanda\u0000apiKey', 'abc123']]);
    expect(await vault.get('apiKey')).toBe('abc123');
  });

  it('honours another app id', async () => {
    const { keytar, items } = memoryKeychain();
    await createKeychainVault({ keytar, environment: 'sandbox', appId: 'momo-pos-dev' }).set('apiUser', 'u');
    expect([...items.keys()]).toEqual(['momo-pos-dev/sandbox\u0000apiUser']);
  });

  it('refuses a bad value or name before calling the keychain', async () => {
    const { keytar, calls } = memoryKeychain();
    const vault = createKeychainVault({ keytar, environment: 'sandbox' });
    await expect(vault.set('apiKey', ' \n ')).rejects.toMatchObject({ code: 'VALIDATION', field: 'apiKey' });
    await expect(vault.set('apiKey', 'a\u0000b')).rejects.toMatchObject({ code: 'VALIDATION', field: 'apiKey' });
    await expect(vault.set('password' as never, 'x')).rejects.toMatchObject({ code: 'VALIDATION', field: 'name' });
    await expect(vault.get('password' as never)).rejects.toMatchObject({ code: 'VALIDATION', field: 'name' });
    expect(calls).toEqual([]);
  });

  it('refuses an environment name that could collide with another service', () => {
    const { keytar } = memoryKeychain();
    for (const environment of ['', 'a/b', 'sand box', '../x']) {
      expect(() => createKeychainVault({ keytar, environment })).toThrowError(expect.objectContaining({ code: 'VALIDATION', field: 'environment' }));
    }
  });

  it('status carries flags only, and clear() removes every secret and the write check', async () => {
    const { keytar, items } = memoryKeychain();
    const vault = createKeychainVault({ keytar, environment: 'sandbox' });
    await vault.set('apiUser', 'user-value-1');
    await vault.set('disbursementApiKey', 'key-value-2');
    const status = await vault.status();
    expect(status).toEqual({ available: true, set: { ...Object.fromEntries(SECRET_NAMES.map((name) => [name, false])), apiUser: true, disbursementApiKey: true } });
    expect(JSON.stringify(status)).not.toMatch(/value-/);

    await vault.clear();
    expect((await vault.status()).set).toEqual(Object.fromEntries(SECRET_NAMES.map((name) => [name, false])));
    expect(items.size).toBe(0);
  });

  it('a locked keyring is unavailable, not empty: status says so and every call fails', async () => {
    const vault = createKeychainVault({ keytar: lockedKeychain, environment: 'sandbox', platform: 'linux' });
    const status = await vault.status();
    expect(status.available).toBe(false);
    expect(status.problem).toMatch(/^The system keychain is not available.*gnome-keyring.*dbus-run-session.*locked collection/);
    expect(Object.values(status.set).some(Boolean)).toBe(false);
    for (const call of [() => vault.get('apiKey'), () => vault.set('apiKey', 'x'), () => vault.clear(), () => vault.clear('apiUser')]) {
      await expect(call()).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', message: status.problem });
    }
  });

  it('a keychain that never answers fails after the timeout instead of hanging', async () => {
    const never = () => new Promise<never>(() => undefined);
    const vault = createKeychainVault({ keytar: { getPassword: never, setPassword: never, deletePassword: never }, environment: 'sandbox', timeoutMs: 30 });
    await expect(vault.get('apiKey')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringContaining('no answer') });
    expect((await vault.status()).available).toBe(false);
  });

  it('a keytar that throws synchronously is unavailable too', async () => {
    const throws = (): never => {
      throw new Error('Service is required.');
    };
    const vault = createKeychainVault({ keytar: { getPassword: throws, setPassword: throws, deletePassword: throws }, environment: 'sandbox' });
    await expect(vault.get('apiKey')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
  });

  it('names the fix for the platform', async () => {
    const mac = await createKeychainVault({ keytar: lockedKeychain, environment: 'sandbox', platform: 'darwin' }).status();
    expect(mac.problem).toMatch(/Keychain Access/);
    const windows = await createKeychainVault({ keytar: lockedKeychain, environment: 'sandbox', platform: 'win32' }).status();
    expect(windows.problem).toMatch(/Credential Manager/);
  });
});

describe('loadKeytar', () => {
  it('turns a keytar that cannot load into a vault that reports unavailable', async () => {
    const keytar = await loadKeytar(async () => {
      throw new Error('Cannot find module ../build/Release/keytar.node');
    });
    const status = await createKeychainVault({ keytar, environment: 'sandbox' }).status();
    expect(status.available).toBe(false);
    expect(status.problem).toMatch(/keytar could not be loaded: Cannot find module/);
  });

  it('accepts the CommonJS module as a default export', async () => {
    const { keytar } = memoryKeychain();
    const loaded = await loadKeytar(async () => ({ default: keytar }));
    await loaded.setPassword('s', 'a', 'v');
    expect(await loaded.getPassword('s', 'a')).toBe('v');
  });

  it('refuses a module without the keytar functions', async () => {
    const loaded = await loadKeytar(async () => ({ default: {} }));
    await expect(loaded.getPassword('s', 'a')).rejects.toThrow(/keytar could not be loaded/);
  });
});

describe('the secrets folder', () => {
  it('never touches the file system or electron: no fallback store can creep in', () => {
    const folder = path.resolve(import.meta.dirname, '../../../electron/core/secrets');
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
      const text = readFileSync(path.join(folder, file), 'utf8');
      expect(text, file).not.toMatch(/from\s+['"](node:)?(fs|fs\/promises|electron)['"]|require\(['"](node:)?fs/);
    }
  });
});
