/**
 * Set-up against a real Secret Service (scripts/with-keychain.sh): the
 * credentials.* methods keep the keys in the OS keychain, a full set-up and
 * payment leaves no secret in the data folder or the logs, and a restart
 * goes live again from the keychain alone.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo, ChargeResult, ConnectionTest, CredentialsStatus } from '../../../shared/contract';
import { startMomoSimulator, type MomoSimulator } from '../../../electron/core/momo-sim';
import { collectSecretsForScan, createKeychainVault, loadKeytar, type CredentialVault, type Keytar } from '../../../electron/core/secrets';
import { keychainVaultsFor } from '../../../electron/core/setup';
import { filesUnder, findSecrets, secret, secretForms, settledSale, startSetupRig, type SetupRig } from '../setup/setup-rig';

// A keychain app id of this run's own, so runs never see each other's secrets.
const appId = `momo-pos-test-${randomUUID().slice(0, 8)}`;
const subscriptionKey = secret('collection');
let keytar: Keytar;
let sim: MomoSimulator;
let rig: SetupRig;
let vaultFor: (environment: string) => CredentialVault;

beforeAll(async () => {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error('No D-Bus session: run this suite as `bash scripts/with-keychain.sh npx vitest run --config vitest.keychain.config.ts`.');
  }
  keytar = await loadKeytar();
  // What electron/main and browser mode pass to startPos.
  vaultFor = keychainVaultsFor(keytar, { appId });
  sim = await startMomoSimulator({ subscriptionKeys: [subscriptionKey], approvalDelayMs: 0 });
  rig = await startSetupRig(vaultFor);
  await rig.ok('settings.update', { targetEnvironment: 'sandbox', baseUrl: sim.url, currency: 'EUR' });
});

afterAll(async () => {
  await vaultFor?.('sandbox').clear().catch(() => undefined);
  await vaultFor?.('mtnrwanda').clear().catch(() => undefined);
  await rig?.close();
  await sim?.close();
});

describe('set-up on the real keychain', () => {
  it('credentials.set stores, replaces and credentials.clear deletes, in service <app>/sandbox; answers carry flags only', async () => {
    const service = `${appId}/sandbox`;
    const first = secret('api-key');
    const status = await rig.ok<CredentialsStatus>('credentials.set', { apiKey: first });
    expect(status).toMatchObject({ available: true, set: { apiKey: true, apiUser: false } });
    expect(JSON.stringify(status)).not.toContain(first);
    expect(await keytar.getPassword(service, 'apiKey')).toBe(first);

    const second = secret('api-key');
    await rig.ok('credentials.set', { apiKey: second });
    expect(await keytar.getPassword(service, 'apiKey')).toBe(second);

    const cleared = await rig.ok<CredentialsStatus>('credentials.clear');
    expect(cleared.set.apiKey).toBe(false);
    expect(await keytar.getPassword(service, 'apiKey')).toBeNull();
  });

  it('full set-up (provisioning, test, go live), a payment, a restart: no secret in the data folder, the logs or any answer', async () => {
    const answers: unknown[] = [];
    answers.push(await rig.ok('credentials.set', { collectionSubscriptionKey: subscriptionKey }));
    answers.push(await rig.ok('credentials.provisionSandbox', {}));
    const test = await rig.ok<ConnectionTest>('credentials.testConnection');
    expect(test.ok).toBe(true);
    answers.push(test);
    await rig.ok('settings.update', { merchantName: 'Duka la Mama', merchantPhone: '0788000111' });
    const info = await rig.ok<AppInfo>('credentials.goLive');
    expect(info).toMatchObject({ mode: 'live', merchantName: 'Duka la Mama' });
    answers.push(info);

    const charge = await rig.ok<ChargeResult>('sale.charge', { phone: '0788123456', amount: '15.00' });
    answers.push(charge, await settledSale(rig, charge.sale.id));
    answers.push(await rig.ok('payment.transcript', { paymentId: charge.payment.id }), await rig.ok('sale.list', {}), await rig.ok('settings.get'));

    // The desktop app after a reboot: live again, with nothing but the keychain and the ledger's liveEnabled.
    await rig.restart();
    expect((await rig.ok<AppInfo>('app.info')).mode).toBe('live');
    const again = await rig.ok<ChargeResult>('sale.charge', { phone: '0788123457', amount: '3.00' });
    expect((await settledSale(rig, again.sale.id)).status).toBe('paid');
    answers.push(again);
    await rig.pos.close();

    const vault = vaultFor('sandbox');
    const values = await collectSecretsForScan(vault);
    expect(values).toHaveLength(3); // subscription key, API user, API key
    const forms = secretForms({ values, apiUser: (await vault.get('apiUser'))!, apiKey: (await vault.get('apiKey'))! });
    const files = filesUnder(rig.dataDir);
    expect(files.map((file) => file.slice(rig.dataDir.length))).toEqual(expect.arrayContaining(['/ledger.sqlite', '/training.sqlite']));
    expect(findSecrets(forms, { files, texts: { logs: rig.logs.join('\n'), answers: JSON.stringify(answers) } })).toEqual([]);
    await rig.restart();
  });

  it('reads at once through the app’s vaults never trip over each other (raw vaults may: see keychain-vaults.ts)', async () => {
    const vault = vaultFor('mtnrwanda');
    await vault.set('apiKey', secret('key'));
    const reads = await Promise.allSettled([vault.get('apiKey'), vault.get('apiUser'), vault.get('disbursementSubscriptionKey'), vault.get('collectionSecondarySubscriptionKey'), vault.status()]);
    expect(reads.map((read) => read.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(reads.slice(1, 4).map((read) => (read as PromiseFulfilledResult<unknown>).value)).toEqual([undefined, undefined, undefined]);
    await vault.clear();
    // The same vault under another app id is a different keychain service: nothing leaks across.
    expect((await createKeychainVault({ keytar, environment: 'mtnrwanda', appId: `${appId}-other` }).status()).set.apiKey).toBe(false);
  });
});
