import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SECRET_NAMES,
  collectSecretsForScan,
  createKeychainVault,
  keychainService,
  loadKeytar,
  type CredentialVault,
  type Keytar,
  type SecretName,
} from '../../../electron/core/secrets';

// Against the real Secret Service that scripts/with-keychain.sh starts. Each
// run uses environments of its own so runs never see each other's secrets.
const runId = `${process.pid}-${randomUUID().slice(0, 8)}`;
const environment = `test-${runId}`;
const otherEnvironment = `test-other-${runId}`;
const secretFor = (name: SecretName): string => `${name}-${randomBytes(12).toString('hex')}`;

let keytar: Keytar;
let vault: CredentialVault;
let otherVault: CredentialVault;

beforeAll(async () => {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error('No D-Bus session: run this suite as `bash scripts/with-keychain.sh npx vitest run --config vitest.keychain.config.ts`.');
  }
  keytar = await loadKeytar();
  vault = createKeychainVault({ keytar, environment });
  otherVault = createKeychainVault({ keytar, environment: otherEnvironment });
});

afterAll(async () => {
  await vault?.clear().catch(() => undefined);
  await otherVault?.clear().catch(() => undefined);
});

describe('keychain vault on a real Secret Service', () => {
  it('is available and starts with nothing set', async () => {
    const status = await vault.status();
    expect(status).toEqual({ available: true, set: Object.fromEntries(SECRET_NAMES.map((name) => [name, false])) });
    expect(await vault.get('apiKey')).toBeUndefined();
  });

  it('stores, reads back, replaces and deletes one secret', async () => {
    const first = secretFor('apiKey');
    await vault.set('apiKey', `  ${first}\n`);
    expect(await vault.get('apiKey')).toBe(first);
    // One account per secret under one service per app and environment.
    expect(await keytar.getPassword(`momo-pos/${environment}`, 'apiKey')).toBe(first);
    expect(keychainService('momo-pos', environment)).toBe(`momo-pos/${environment}`);

    const second = secretFor('apiKey');
    await vault.set('apiKey', second);
    expect(await vault.get('apiKey')).toBe(second);

    await vault.clear('apiKey');
    expect(await vault.get('apiKey')).toBeUndefined();
    expect(await keytar.getPassword(`momo-pos/${environment}`, 'apiKey')).toBeNull();
  });

  it('status shows which secrets are set and carries none of their values', async () => {
    const values = new Map<SecretName, string>(SECRET_NAMES.map((name) => [name, secretFor(name)]));
    for (const name of ['collectionSubscriptionKey', 'apiUser', 'apiKey'] as const) await vault.set(name, values.get(name)!);

    const status = await vault.status();

    expect(status.available).toBe(true);
    expect(status.problem).toBeUndefined();
    expect(Object.entries(status.set).filter(([, isSet]) => isSet).map(([name]) => name).sort()).toEqual(['apiKey', 'apiUser', 'collectionSubscriptionKey']);
    const shown = JSON.stringify(status);
    for (const value of values.values()) expect(shown).not.toContain(value);
    expect((await collectSecretsForScan(vault)).sort()).toEqual([values.get('apiKey'), values.get('apiUser'), values.get('collectionSubscriptionKey')].sort());
  });

  it('keeps each environment apart', async () => {
    expect((await otherVault.status()).set.apiKey).toBe(false);
    const other = secretFor('apiKey');
    await otherVault.set('apiKey', other);
    expect(await otherVault.get('apiKey')).toBe(other);
    expect(await vault.get('apiKey')).not.toBe(other);
  });

  it('clear() with no name removes every secret of its environment only', async () => {
    await vault.set('disbursementApiKey', secretFor('disbursementApiKey'));
    await vault.clear();

    const status = await vault.status();
    expect(status.available).toBe(true);
    expect(Object.values(status.set).some(Boolean)).toBe(false);
    expect(await collectSecretsForScan(vault)).toEqual([]);
    // Nothing left behind under the service, the write check included.
    for (const account of [...SECRET_NAMES, '.write-check']) expect(await keytar.getPassword(`momo-pos/${environment}`, account)).toBeNull();
    expect((await otherVault.status()).set.apiKey).toBe(true);
  });

  it('refuses a bad value before it reaches the keychain', async () => {
    await expect(vault.set('apiUser', 'line\nbreak')).rejects.toMatchObject({ code: 'VALIDATION', field: 'apiUser' });
    await expect(vault.set('apiUser', '   ')).rejects.toMatchObject({ code: 'VALIDATION', field: 'apiUser' });
    expect((await vault.status()).set.apiUser).toBe(false);
  });
});
