/**
 * Set-up through the router, like the wizard drives it, against the MoMo
 * simulator on 127.0.0.1: keys in and out of the vault (never back out to
 * the caller), sandbox provisioning, every "Test connection" failure in one
 * sentence, going live, a real payment, back to training, and restarts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo, ConnectionTest, CredentialsStatus, ChargeResult, PosFailure } from '../../../shared/contract';
import { openLedger } from '../../../electron/core/ledger';
import { startMomoSimulator, type MomoSimulator } from '../../../electron/core/momo-sim';
import type { CredentialVault } from '../../../electron/core/secrets';
import { LIVE_ENABLED_KEY } from '../../../electron/core/setup';
import { closedPort } from '../../helpers/network';
import { describeFailure } from '../../../shared/error-text';
import { filesUnder, findSecrets, memoryVault, secret, secretForms, settledSale, startSetupRig, unavailableVault, type SetupRig } from './setup-rig';

const subscriptionKey = secret('sub');
let sim: MomoSimulator;
const rigs: SetupRig[] = [];

beforeAll(async () => {
  sim = await startMomoSimulator({ subscriptionKeys: [subscriptionKey], approvalDelayMs: 0 });
});
afterAll(() => sim.close());
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

async function rigWith(vaults: Map<string, CredentialVault> = new Map()): Promise<SetupRig & { vault(environment: string): ReturnType<typeof memoryVault> }> {
  const vaultFor = (environment: string) => {
    if (!vaults.has(environment)) vaults.set(environment, memoryVault());
    return vaults.get(environment)!;
  };
  const rig = await startSetupRig(vaultFor);
  rigs.push(rig);
  return Object.assign(rig, { vault: (environment: string) => vaultFor(environment) as ReturnType<typeof memoryVault> });
}

/** The wizard's first two steps: Rwanda, MTN sandbox, the simulator as the API address. */
async function chooseSandbox(rig: SetupRig, baseUrl = sim.url): Promise<void> {
  await rig.ok('settings.update', { targetEnvironment: 'sandbox', baseUrl, currency: 'EUR' });
}

describe('keys: saved in the vault of the chosen environment, only flags come back', () => {
  it('set, replace and clear; status and answers never carry a value', async () => {
    const rig = await rigWith();
    await chooseSandbox(rig);
    const first = { collectionSubscriptionKey: secret('first'), apiUser: secret('user'), apiKey: secret('key') };

    const afterSet = await rig.ok<CredentialsStatus>('credentials.set', first);
    expect(afterSet).toMatchObject({ available: true, set: { collectionSubscriptionKey: true, apiUser: true, apiKey: true, disbursementSubscriptionKey: false } });
    expect(rig.vault('sandbox').values.get('apiKey')).toBe(first.apiKey);
    expect(rig.vault('mtnrwanda').values.size).toBe(0);

    const replaced = secret('second');
    await rig.ok('credentials.set', { apiKey: replaced });
    expect(rig.vault('sandbox').values.get('apiKey')).toBe(replaced);
    expect(rig.vault('sandbox').values.get('apiUser')).toBe(first.apiUser);

    const answers = JSON.stringify([afterSet, await rig.ok('credentials.status'), await rig.ok('settings.get'), await rig.ok('app.info')]);
    for (const value of [...Object.values(first), replaced]) expect(answers).not.toContain(value);

    const cleared = await rig.ok<CredentialsStatus>('credentials.clear');
    expect(Object.values(cleared.set).some(Boolean)).toBe(false);
    expect(rig.vault('sandbox').values.size).toBe(0);
  });

  it('clear removes the keys of the market the wizard shows, not the till\'s own', async () => {
    const rig = await rigWith();
    await rig.ok('settings.update', { targetEnvironment: 'mtnrwanda' });
    const wizard = { targetEnvironment: 'sandbox', baseUrl: sim.url };
    const own = secret('own');
    await rig.ok('credentials.set', { apiKey: own });
    await rig.ok('credentials.set', { market: wizard, collectionSubscriptionKey: secret('sandbox') });
    expect(rig.vault('sandbox').values.size).toBe(1);

    const cleared = await rig.ok<CredentialsStatus>('credentials.clear', { market: wizard });
    expect(Object.values(cleared.set).some(Boolean)).toBe(false);
    expect(rig.vault('sandbox').values.size).toBe(0);
    // The till's own market keeps its key.
    expect(rig.vault('mtnrwanda').values.get('apiKey')).toBe(own);
  });

  it('refuses an empty save and a key with a line break in it, naming the field', async () => {
    const rig = await rigWith();
    expect(await rig.call('credentials.set', {})).toMatchObject({ ok: false, code: 'VALIDATION', field: 'collectionSubscriptionKey' });
    expect(await rig.call('credentials.set', { apiKey: '   ' })).toMatchObject({ ok: false, code: 'VALIDATION', field: 'apiKey' });
  });
});

describe('sandbox provisioning', () => {
  it('creates the API user and key under the saved subscription key and keeps them in the vault', async () => {
    const rig = await rigWith();
    await chooseSandbox(rig);
    expect(await rig.call('credentials.provisionSandbox', {})).toMatchObject({ ok: false, code: 'VALIDATION', field: 'collectionSubscriptionKey' });
    await rig.ok('credentials.set', { collectionSubscriptionKey: subscriptionKey });

    const status = await rig.ok<CredentialsStatus>('credentials.provisionSandbox', {});

    expect(status.set).toMatchObject({ apiUser: true, apiKey: true });
    expect(rig.vault('sandbox').values.get('apiUser')).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(status)).not.toContain(rig.vault('sandbox').values.get('apiKey')!);
    expect(await rig.ok<ConnectionTest>('credentials.testConnection')).toMatchObject({ ok: true, balance: { currency: 'EUR' } });
  });

  it('is refused outside the sandbox, pointing to the Partner Portal', async () => {
    const rig = await rigWith();
    const answer = await rig.call('credentials.provisionSandbox', {});
    expect(answer).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(answer.ok === false && answer.message).toMatch(/only in the sandbox.*Partner Portal/);
  });

  it('offline, provisioning and go live say why in every language: the key and its parameters travel with the refusal, never "(MOMO)"', async () => {
    const rig = await rigWith();
    const port = await closedPort();
    const offline = `http://127.0.0.1:${port}`;
    await chooseSandbox(rig, offline);
    // Keys typed in for that address (stored keys go nowhere else).
    await rig.ok('credentials.set', { market: { targetEnvironment: 'sandbox', baseUrl: offline }, collectionSubscriptionKey: subscriptionKey, apiUser: '3f0c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', apiKey: secret('key') });
    for (const method of ['credentials.provisionSandbox', 'credentials.goLive'] as const) {
      // As the screen receives it: through the router, then as JSON (the browser-mode transport).
      const answer = JSON.parse(JSON.stringify(await rig.call(method, {}))) as PosFailure;
      const network = { key: 'connection.NETWORK', params: { host: `127.0.0.1:${port}`, environment: 'sandbox' } };
      // Provisioning says why; going live says the till stays in training, and why.
      expect(answer).toMatchObject({ ok: false, code: 'MOMO', reason: 'NETWORK', ...(method === 'credentials.goLive' ? { key: 'error.setup.stillTraining', params: { why: network } } : network) });
      expect(describeFailure(answer, 'en').sentence).toContain(`No connection to 127.0.0.1:${port}`);
      expect(describeFailure(answer, 'fr').sentence).toContain(`Pas de connexion à 127.0.0.1:${port} : vérifiez la connexion internet (et l’adresse de l’API si vous l’avez changée), puis testez à nouveau.`);
      expect(describeFailure(answer, 'rw').sentence).toContain(`127.0.0.1:${port}`);
      for (const language of ['fr', 'rw'] as const) expect(describeFailure(answer, language).sentence).not.toMatch(/\(MOMO\)|No connection/);
    }
  });

  it('a refused input reaches a French screen in French: the key and parameters, not an English sentence', async () => {
    const rig = await rigWith();
    const answer = JSON.parse(JSON.stringify(await rig.call('credentials.set', { market: { targetEnvironment: 'sandbox', baseUrl: 'http://192.0.2.7:8080' }, apiUser: 'x' }))) as PosFailure;
    expect(answer).toMatchObject({ ok: false, code: 'VALIDATION', key: 'error.setup.apiAddressHttps', field: 'baseUrl' });
    expect(describeFailure(answer, 'en').sentence).toBe(answer.message);
    expect(describeFailure(answer, 'fr').sentence).toMatch(/^L’adresse d’API doit commencer par https:\/\//);
  });

  it('a refused subscription key says which key to copy', async () => {
    const rig = await rigWith();
    await chooseSandbox(rig);
    await rig.ok('credentials.set', { collectionSubscriptionKey: secret('wrong') });
    const answer = await rig.call('credentials.provisionSandbox', {});
    expect(answer).toMatchObject({ ok: false, code: 'MOMO' });
    expect(answer.ok === false && answer.message).toMatch(/^The subscription key was refused: copy the Primary key of your Collection product/);
    expect(rig.vault('sandbox').values.has('apiUser')).toBe(false);
  });
});

describe('Test connection: one sentence saying what is wrong', () => {
  async function testWith(rig: SetupRig, keys: Record<string, string>): Promise<ConnectionTest> {
    await rig.ok('credentials.set', keys);
    return rig.ok<ConnectionTest>('credentials.testConnection');
  }

  it('names the missing keys before calling anyone', async () => {
    const rig = await rigWith();
    await chooseSandbox(rig);
    expect(await rig.ok('credentials.testConnection')).toEqual({ ok: false, message: 'Save the Collection subscription key, the API user and the API key first, then test again.', reason: 'missingKeys' });
    await rig.ok('credentials.set', { collectionSubscriptionKey: subscriptionKey });
    expect(await rig.ok('credentials.testConnection')).toEqual({ ok: false, message: 'Save the API user and the API key first, then test again.', reason: 'missingKeys' });
  });

  it('bad subscription key, wrong API user/key, wrong environment, no network, wrong address, wrong currency', async () => {
    const rig = await rigWith();
    await chooseSandbox(rig);
    const provisioned = await rigWith();
    await chooseSandbox(provisioned);
    await provisioned.ok('credentials.set', { collectionSubscriptionKey: subscriptionKey });
    await provisioned.ok('credentials.provisionSandbox', {});
    const good = Object.fromEntries(provisioned.vault('sandbox').values) as Record<string, string>;

    expect((await testWith(rig, { ...good, collectionSubscriptionKey: secret('bad') })).message).toBe(
      "The subscription key was refused: copy the Primary key of your Collection product from the MoMo developer portal (Profile → Subscriptions) and save it again. (MTN's gateway answered 401 before looking at the API user and key.)",
    );
    expect((await testWith(rig, { ...good, apiKey: secret('wrong-key') })).message).toMatch(/^MoMo did not accept the API user and API key: .*made for the MTN sandbox/);
    expect(await testWith(rig, good)).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected to the MTN sandbox at 127\.0\.0\.1:\d+: MoMo accepted the keys\. Balance: 1000000 EUR\.$/) });

    // Each new address gets the keys typed in again for it (stored keys never follow an address change).
    const port = await closedPort();
    await rig.ok('settings.update', { baseUrl: `http://127.0.0.1:${port}` });
    expect(await rig.ok<ConnectionTest>('credentials.testConnection')).toMatchObject({ ok: false, reason: 'keysNotForThisAddress' });
    expect((await testWith(rig, good)).message).toBe(
      `No connection to 127.0.0.1:${port}: check the internet connection (and the API address, if you changed it), then test again.`,
    );
    await rig.ok('settings.update', { baseUrl: `${sim.url}/not-momo` });
    expect((await testWith(rig, good)).message).toMatch(/answered, but not as the MoMo API does: check the API address/);
    expect(await rig.call('settings.update', { baseUrl: 'http://momo.example.com' })).toMatchObject({ ok: false, code: 'VALIDATION', field: 'baseUrl', message: expect.stringMatching(/must start with https:\/\//) });

    const strict = await startMomoSimulator({ subscriptionKeys: [subscriptionKey], users: [{ apiUser: good.apiUser!, apiKey: good.apiKey! }], targetEnvironment: 'mtnrwanda' });
    try {
      await rig.ok('settings.update', { baseUrl: strict.url });
      expect((await testWith(rig, good)).message).toBe(
        'MoMo refused the environment "sandbox": these keys were issued for another country or for the sandbox. Choose the country and environment your keys came from.',
      );
    } finally {
      await strict.close();
    }
    await rig.ok('settings.update', { baseUrl: sim.url, currency: 'RWF' });
    await rig.ok('credentials.set', good);
    expect(await rig.ok<ConnectionTest>('credentials.testConnection')).toMatchObject({
      ok: false,
      message: 'MoMo accepted the keys, but this account holds EUR while the till is set to RWF: choose the country your MoMo account is in.',
    });
  });

  it('Disbursement not whitelisted (403): the test passes for sales and says refunds need MTN to whitelist the shop\'s internet address', async () => {
    const users = await rigWith();
    await chooseSandbox(users);
    await users.ok('credentials.set', { collectionSubscriptionKey: subscriptionKey });
    await users.ok('credentials.provisionSandbox', {});
    const good = Object.fromEntries(users.vault('sandbox').values) as Record<string, string>;
    const strict = await startMomoSimulator({ subscriptionKeys: [subscriptionKey, good.collectionSubscriptionKey!], users: [{ apiUser: good.apiUser!, apiKey: good.apiKey! }], notWhitelisted: ['disbursement'] });
    try {
      const rig = await rigWith();
      await chooseSandbox(rig, strict.url);
      const answer = await testWith(rig, { ...good, disbursementSubscriptionKey: subscriptionKey });
      expect(answer.ok).toBe(true);
      expect(answer.message).toMatch(/^Connected to the MTN sandbox .* Refunds by MoMo will not work yet: MTN's Disbursement answered 403 \(Forbidden\).*ask MTN to whitelist this shop's internet address/);
    } finally {
      await strict.close();
    }
  });

  it('MoMo down is not blamed on the keys', async () => {
    const rig = await rigWith();
    await chooseSandbox(rig);
    const users = await rigWith();
    await chooseSandbox(users);
    await users.ok('credentials.set', { collectionSubscriptionKey: subscriptionKey });
    await users.ok('credentials.provisionSandbox', {});
    sim.injectFault({ operation: 'token', kind: 'http503' });
    expect((await testWith(rig, Object.fromEntries(users.vault('sandbox').values) as Record<string, string>)).message).toMatch(/^MoMo is not answering properly right now \(SERVICE_UNAVAILABLE\).*Your keys were not judged\.$/);
  });
});

describe('going live and back', () => {
  it('refuses to go live while the test fails, and stays in training', async () => {
    const rig = await rigWith();
    await chooseSandbox(rig);
    await rig.ok('credentials.set', { collectionSubscriptionKey: secret('nope'), apiUser: secret('u'), apiKey: secret('k') });
    const answer = await rig.call('credentials.goLive');
    expect(answer).toMatchObject({ ok: false, code: 'MOMO', key: 'error.setup.stillTraining', params: { why: { key: 'connection.INVALID_SUBSCRIPTION_KEY' } }, message: expect.stringMatching(/^Still in training: The subscription key was refused/) });
    expect(!answer.ok && describeFailure(answer, 'fr').sentence).toMatch(/^Toujours en formation : La clé d’abonnement a été refusée/);
    expect(rig.pos.mode).toBe('training');
  });

  it('copies the shop set-up to the live ledger, takes a real payment, goes back, and each restart keeps the choice', async () => {
    const rig = await rigWith();
    await chooseSandbox(rig);
    await rig.ok('settings.update', { merchantName: 'Kigali Corner Shop', merchantTin: '123456789', language: 'fr', printerKind: 'network', printerHost: '192.168.1.50' });
    await rig.ok('credentials.set', { collectionSubscriptionKey: subscriptionKey });
    await rig.ok('credentials.provisionSandbox', {});

    const info = await rig.ok<AppInfo>('credentials.goLive');
    expect(info).toMatchObject({ mode: 'live', targetEnvironment: 'sandbox', currency: 'EUR', merchantName: 'Kigali Corner Shop', language: 'fr' });
    expect(await rig.ok('settings.get')).toMatchObject({ merchantTin: '123456789', printerKind: 'network', printerHost: '192.168.1.50', baseUrl: sim.url });
    expect(rig.pos.ledger.getSetting(LIVE_ENABLED_KEY)).toBe(true);

    const before = sim.requestsToPay().length;
    const charge = await rig.ok<ChargeResult>('sale.charge', { phone: '0788123456', amount: '12.50' });
    expect((await settledSale(rig, charge.sale.id)).status).toBe('paid');
    expect(sim.requestsToPay().slice(before).map((request) => request.referenceId)).toEqual([charge.payment.referenceId]);

    await rig.restart();
    expect(rig.pos.mode).toBe('live');
    expect((await rig.ok<AppInfo>('app.info')).mode).toBe('live');

    const training = await rig.ok<AppInfo>('credentials.useTraining');
    expect(training).toMatchObject({ mode: 'training', merchantName: 'Kigali Corner Shop', targetEnvironment: 'sandbox' });
    expect(await rig.ok('sale.list', {})).toEqual([]);
    await rig.restart();
    expect(rig.pos.mode).toBe('training');
    const live = openLedger({ dataDir: rig.dataDir, training: false, log: () => {} });
    try {
      expect(live.getSetting(LIVE_ENABLED_KEY)).toBe(false);
      expect(live.getSetting('merchantName')).toBe('Kigali Corner Shop');
    } finally {
      live.close();
    }

    await rig.ok('credentials.goLive');
    expect((await rig.ok<Array<{ id: string }>>('sale.list', {})).map((sale) => sale.id)).toEqual([charge.sale.id]);
  });

  it('saving a key while live goes back to training: the till never charges with untested keys', async () => {
    const rig = await rigWith();
    await chooseSandbox(rig);
    await rig.ok('credentials.set', { collectionSubscriptionKey: subscriptionKey });
    await rig.ok('credentials.provisionSandbox', {});
    await rig.ok('credentials.goLive');
    await rig.ok('credentials.set', { apiKey: secret('rotated') });
    expect(rig.pos.mode).toBe('training');
    expect((await rig.call('credentials.goLive')).ok).toBe(false);
    await rig.restart();
    expect(rig.pos.mode).toBe('training');
  });

  it('removing the keys while live goes back to training first', async () => {
    const rig = await rigWith();
    await chooseSandbox(rig);
    await rig.ok('credentials.set', { collectionSubscriptionKey: subscriptionKey });
    await rig.ok('credentials.provisionSandbox', {});
    await rig.ok('credentials.goLive');
    await rig.ok('credentials.clear');
    expect(rig.pos.mode).toBe('training');
    await rig.restart();
    expect(rig.pos.mode).toBe('training');
  });

  it('Rwanda production: keys from another pair, the mtnrwanda environment, RWF balance, live in RWF', async () => {
    const rig = await rigWith();
    const users = await rigWith();
    await chooseSandbox(users);
    await users.ok('credentials.set', { collectionSubscriptionKey: subscriptionKey });
    await users.ok('credentials.provisionSandbox', {});
    const balanceInRwf = await startMomoSimulator({
      subscriptionKeys: [subscriptionKey],
      users: [{ apiUser: users.vault('sandbox').values.get('apiUser')!, apiKey: users.vault('sandbox').values.get('apiKey')! }],
      targetEnvironment: 'mtnrwanda',
      balances: { collection: { availableBalance: '250000', currency: 'RWF' } },
    });
    try {
      await rig.ok('settings.update', { targetEnvironment: 'mtnrwanda', baseUrl: balanceInRwf.url, currency: 'RWF' });
      await rig.ok('credentials.set', Object.fromEntries(users.vault('sandbox').values));
      expect(await rig.ok('credentials.testConnection')).toMatchObject({ ok: true, message: expect.stringContaining('the mtnrwanda environment') });
      await rig.ok('credentials.goLive');
      expect(await rig.ok('app.info')).toMatchObject({ mode: 'live', targetEnvironment: 'mtnrwanda', currency: 'RWF', country: 'RW' });
      await rig.ok('credentials.useTraining');
    } finally {
      await balanceInRwf.close();
    }
  });
});

describe('without a usable keychain', () => {
  it('says so and how to fix it, refuses every key, and writes nothing anywhere', async () => {
    const rig = await startSetupRig(() => unavailableVault());
    rigs.push(rig);
    const typed = { collectionSubscriptionKey: secret('typed-sub'), apiUser: secret('typed-user'), apiKey: secret('typed-key') };

    const status = await rig.ok<CredentialsStatus>('credentials.status');
    expect(status).toMatchObject({ available: false, problem: expect.stringMatching(/system keychain is not available.*gnome-keyring/) });
    expect(await rig.call('credentials.set', typed)).toMatchObject({ ok: false, code: 'KEYCHAIN_UNAVAILABLE', message: status.problem });
    expect(await rig.ok('credentials.testConnection')).toEqual({ ok: false, message: status.problem });
    expect(await rig.call('credentials.goLive')).toMatchObject({ ok: false, code: 'KEYCHAIN_UNAVAILABLE' });
    expect(rig.pos.mode).toBe('training');

    await rig.pos.close();
    const leaks = findSecrets(secretForms({ values: Object.values(typed), apiUser: typed.apiUser, apiKey: typed.apiKey }), {
      files: filesUnder(rig.dataDir),
      texts: { logs: rig.logs.join('\n') },
    });
    expect(leaks).toEqual([]);
    await rig.restart();
  });
});

describe('no secret is left behind', () => {
  it('the scan itself finds a value that did get into the ledger (it is not looking at nothing)', async () => {
    const rig = await rigWith();
    const leaked = secret('leak');
    await rig.ok('settings.update', { merchantName: leaked.slice(0, 60) });
    expect(findSecrets([leaked.slice(0, 60)], { files: filesUnder(rig.dataDir) }).length).toBeGreaterThan(0);
  });

  it('after set-up, provisioning, going live and a payment: not in the data folder, the logs or any answer', async () => {
    const rig = await rigWith();
    await chooseSandbox(rig);
    const answers: unknown[] = [];
    answers.push(await rig.ok('credentials.set', { collectionSubscriptionKey: subscriptionKey, disbursementSubscriptionKey: secret('disb') }));
    answers.push(await rig.ok('credentials.provisionSandbox', {}));
    answers.push(await rig.ok('credentials.testConnection'));
    answers.push(await rig.ok('credentials.goLive'));
    const charge = await rig.ok<ChargeResult>('sale.charge', { phone: '0788123456', amount: '20.00' });
    answers.push(charge, await settledSale(rig, charge.sale.id));
    answers.push(await rig.ok('payment.transcript', { paymentId: charge.payment.id }));
    answers.push(await rig.ok('settings.get'), await rig.ok('app.info'), await rig.ok('sale.list', {}));
    await rig.pos.close();

    const values = rig.vault('sandbox').values;
    expect(values.size).toBe(4);
    const forms = secretForms({ values: [...values.values()], apiUser: values.get('apiUser')!, apiKey: values.get('apiKey')! });
    const files = filesUnder(rig.dataDir);
    expect(files.some((file) => file.endsWith('ledger.sqlite'))).toBe(true);
    expect(findSecrets(forms, { files, texts: { logs: rig.logs.join('\n'), answers: JSON.stringify(answers) } })).toEqual([]);
    await rig.restart();
  });
});
