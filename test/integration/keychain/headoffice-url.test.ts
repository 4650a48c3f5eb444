import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headOfficeUrlFrom, keychainHeadOfficeStore, type HeadOfficeUrlStore } from '../../../electron/core/headoffice';
import { loadKeytar } from '../../../electron/core/secrets';

// Head office's connection string (it holds the till role's password) in a real Secret Service, under a service of this run's own.
const service = `momo-pos-test/headoffice-${process.pid}-${randomUUID().slice(0, 8)}`;
let store: HeadOfficeUrlStore;

beforeAll(async () => {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error('No D-Bus session: run this suite as `bash scripts/with-keychain.sh npx vitest run --config vitest.keychain.config.ts`.');
  }
  store = keychainHeadOfficeStore(await loadKeytar(), { service });
});

afterAll(async () => {
  await store?.clear().catch(() => undefined);
});

describe('head office’s connection string in the keychain', () => {
  it('is kept, read back ahead of MOMO_POS_HQ_URL, and removed', async () => {
    expect(await store.get()).toBeUndefined();
    expect(await headOfficeUrlFrom(store, { MOMO_POS_HQ_URL: 'postgres://env@h/db' })).toEqual({ url: 'postgres://env@h/db', source: 'environment' });
    const url = `postgres://momo_till_counter_1_abc123:${randomBytes(24).toString('base64url')}@127.0.0.1:5432/momo_hq`;
    await store.set(url);
    expect(await store.get()).toBe(url);
    expect(await headOfficeUrlFrom(store, { MOMO_POS_HQ_URL: 'postgres://env@h/db' })).toEqual({ url, source: 'keychain' });
    await store.clear();
    expect(await store.get()).toBeUndefined();
  });

  it('refuses an address that is not postgres://', async () => {
    await expect(store.set('https://example.com')).rejects.toThrow(/postgres:\/\//);
    expect(await store.get()).toBeUndefined();
  });
});
