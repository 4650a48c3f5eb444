import { describe, expect, it } from 'vitest';
import { SECRET_ENVIRONMENT_VARIABLES, collectSecretsForScan, createEnvironmentVault } from '../../../electron/core/secrets';

const headless = {
  MOMO_COLLECTION_SUBSCRIPTION_KEY: ' 0a1b2c3d4e5f60718293a4b5c6d7e8f9 ',
  MOMO_API_USER: 'f3b8c7e2-1d4a-4b6e-9c0f-7a2e5d8b1c34',
  MOMO_API_KEY: '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  MOMO_DISBURSEMENT_SUBSCRIPTION_KEY: '',
  PATH: '/usr/bin',
};

describe('environment vault (headless runs)', () => {
  it('reads each secret from its MOMO_* variable, trimmed; an empty variable is unset', async () => {
    const vault = createEnvironmentVault(headless);
    expect(await vault.get('collectionSubscriptionKey')).toBe('0a1b2c3d4e5f60718293a4b5c6d7e8f9');
    expect(await vault.get('apiUser')).toBe(headless.MOMO_API_USER);
    expect(await vault.get('apiKey')).toBe(headless.MOMO_API_KEY);
    expect(await vault.get('disbursementSubscriptionKey')).toBeUndefined();
    expect(await vault.get('collectionSecondarySubscriptionKey')).toBeUndefined();
  });

  it('status shows which are set and none of the values', async () => {
    const status = await createEnvironmentVault(headless).status();
    expect(status.available).toBe(true);
    expect(status.set).toMatchObject({ collectionSubscriptionKey: true, apiUser: true, apiKey: true, disbursementSubscriptionKey: false, disbursementApiKey: false });
    const shown = JSON.stringify(status);
    for (const value of [headless.MOMO_API_USER, headless.MOMO_API_KEY, headless.MOMO_COLLECTION_SUBSCRIPTION_KEY.trim()]) expect(shown).not.toContain(value);
  });

  it('maps every secret to its own variable', () => {
    const variables = Object.values(SECRET_ENVIRONMENT_VARIABLES);
    expect(new Set(variables).size).toBe(variables.length);
    expect(SECRET_ENVIRONMENT_VARIABLES).toMatchObject({
      collectionSubscriptionKey: 'MOMO_COLLECTION_SUBSCRIPTION_KEY',
      collectionSecondarySubscriptionKey: 'MOMO_COLLECTION_SECONDARY_SUBSCRIPTION_KEY',
      disbursementSubscriptionKey: 'MOMO_DISBURSEMENT_SUBSCRIPTION_KEY',
      apiUser: 'MOMO_API_USER',
      apiKey: 'MOMO_API_KEY',
    });
  });

  it('takes the values once: later changes to the environment do not leak in', async () => {
    const environment: NodeJS.ProcessEnv = { ...headless };
    const vault = createEnvironmentVault(environment);
    environment.MOMO_API_KEY = 'changed-after-start';
    expect(await vault.get('apiKey')).toBe(headless.MOMO_API_KEY);
  });

  it('refuses a malformed variable at start, naming the variable and not its value', () => {
    expect(() => createEnvironmentVault({ MOMO_API_KEY: 'abc\ndef' })).toThrowError(expect.objectContaining({ code: 'VALIDATION', field: 'MOMO_API_KEY' }));
    try {
      createEnvironmentVault({ MOMO_API_KEY: 'abc\ndef' });
    } catch (error) {
      expect((error as Error).message).not.toContain('abc');
    }
  });

  it('is read-only: set and clear say where the credentials come from', async () => {
    const vault = createEnvironmentVault(headless);
    await expect(vault.set('apiKey', 'new')).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('environment variables') });
    await expect(vault.clear()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(vault.clear('apiKey')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await vault.get('apiKey')).toBe(headless.MOMO_API_KEY);
  });

  it('refuses a name that is not a credential', async () => {
    await expect(createEnvironmentVault(headless).get('PATH' as never)).rejects.toMatchObject({ code: 'VALIDATION', field: 'name' });
  });

  it('gives every value to a leak scan', async () => {
    expect((await collectSecretsForScan(createEnvironmentVault(headless))).sort()).toEqual(
      [headless.MOMO_API_KEY, headless.MOMO_API_USER, headless.MOMO_COLLECTION_SUBSCRIPTION_KEY.trim()].sort(),
    );
  });
});
