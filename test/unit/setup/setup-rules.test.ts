import { describe, expect, it } from 'vitest';
import { MomoError } from '../../../electron/core/momo';
import { englishSentence, PosError } from '../../../shared/errors';
import {
  copyShopSettings,
  describeConnectionFailure,
  describeDisbursementFailure,
  keychainVaultsFor,
  unsafeBaseUrl,
} from '../../../electron/core/setup';
import type { Keytar } from '../../../electron/core/secrets';

const sandbox = { baseUrl: 'https://sandbox.momodeveloper.mtn.com', targetEnvironment: 'sandbox' };
const rwanda = { baseUrl: 'https://proxy.momoapi.mtn.co.rw', targetEnvironment: 'mtnrwanda' };
const momo = (code: string, extra: { operation?: string; httpStatus?: number } = {}) => new MomoError({ code, message: `raw ${code}`, ...extra });

describe('a failed connection test in one sentence', () => {
  it.each([
    ['INVALID_SUBSCRIPTION_KEY', sandbox, /^The subscription key was refused: copy the Primary key of your Collection product from the MoMo developer portal/],
    ['LOGIN_FAILED', sandbox, /^MoMo did not accept the API user and API key: .*the MTN sandbox.*"Create API user and key"/],
    ['LOGIN_FAILED', rwanda, /^MoMo did not accept the API user and API key: .*the mtnrwanda environment[^"]*$/],
    ['NOT_ALLOWED_TARGET_ENVIRONMENT', rwanda, /^MoMo refused the environment "mtnrwanda": these keys were issued for another country or for the sandbox/],
    ['NETWORK', rwanda, /^No connection to proxy\.momoapi\.mtn\.co\.rw: check the internet connection/],
    ['TIMEOUT', sandbox, /^No connection to sandbox\.momodeveloper\.mtn\.com: it did not answer in time/],
    ['RESOURCE_NOT_FOUND', rwanda, /^proxy\.momoapi\.mtn\.co\.rw answered, but not as the MoMo API does/],
    ['SERVICE_UNAVAILABLE', rwanda, /^MoMo is not answering properly right now \(SERVICE_UNAVAILABLE\)/],
    ['NOT_ALLOWED', rwanda, /^MoMo accepted the keys but refused the balance \(NOT_ALLOWED\)/],
    ['SOMETHING_NEW', rwanda, /^MoMo refused the connection test with the code SOMETHING_NEW \(HTTP 418\)/],
  ] as const)('%s', (code, target, sentence) => {
    const text = describeConnectionFailure(momo(code, { httpStatus: 418 }), target);
    expect(text).toMatch(sentence);
    expect(text).not.toContain(`raw ${code}`);
  });

  it('a 401 on the token is the gateway refusing the subscription key (a wrong API user or key gets 500 login_failed); after the token, about a mismatch', () => {
    expect(describeConnectionFailure(momo('UNAUTHORIZED', { operation: 'token' }), rwanda)).toMatch(/^MTN's gateway refused the token request \(HTTP 401\): that is about the subscription key, not the API user and key/);
    expect(describeConnectionFailure(momo('INVALID_SUBSCRIPTION_KEY', { operation: 'token', httpStatus: 401 }), rwanda)).toMatch(/^The subscription key was refused: .*gateway answered 401 before looking at the API user and key/);
    expect(describeConnectionFailure(momo('LOGIN_FAILED', { operation: 'token', httpStatus: 500 }), rwanda)).toMatch(/^MoMo did not accept the API user and API key: .*MTN answered login_failed: the subscription key itself was accepted/);
    expect(describeConnectionFailure(momo('UNAUTHORIZED', { operation: 'getAccountBalance' }), rwanda)).toMatch(/^MoMo gave a token but then refused it/);
  });

  it('a keychain problem is told as the keychain says it; anything else never shows internals', () => {
    const keychain = new PosError('KEYCHAIN_UNAVAILABLE', 'error.secrets.keychainUnavailableLinux');
    expect(describeConnectionFailure(keychain, rwanda)).toBe(keychain.message);
    expect(keychain.message).toMatch(/^The system keychain is not available/);
    expect(describeConnectionFailure(new TypeError('x is undefined at foo.ts:12'), rwanda)).not.toContain('foo.ts');
  });
});

describe('Disbursement (refunds) in the connection test', () => {
  it('a 403 explains the IP whitelist in plain words; other refusals name the Disbursement key', () => {
    expect(describeDisbursementFailure(momo('FORBIDDEN', { httpStatus: 403 }), rwanda)).toMatch(/^Refunds by MoMo will not work yet: MTN's Disbursement answered 403 \(Forbidden\).*ask MTN to whitelist this shop's internet address/);
    expect(describeDisbursementFailure(momo('INVALID_SUBSCRIPTION_KEY', { httpStatus: 401 }), rwanda)).toMatch(/Disbursement subscription key was refused/);
    expect(describeDisbursementFailure(momo('NETWORK'), rwanda)).toMatch(/^Refunds by MoMo could not be checked: No connection to proxy\.momoapi\.mtn\.co\.rw/);
  });
});

describe('API address', () => {
  it('takes https anywhere and plain http only on loopback', () => {
    expect(unsafeBaseUrl('https://proxy.momoapi.mtn.com')).toBeUndefined();
    expect(unsafeBaseUrl('http://127.0.0.1:8787')).toBeUndefined();
    expect(unsafeBaseUrl('http://localhost:8787/momo')).toBeUndefined();
    const said = (url: string) => {
      const refused = unsafeBaseUrl(url);
      return refused && englishSentence(refused.key, refused.params);
    };
    expect(said('http://proxy.momoapi.mtn.com')).toMatch(/must start with https:\/\//);
    expect(said('ftp://127.0.0.1')).toMatch(/must start with https:\/\//);
    expect(said('proxy.momoapi.mtn.com')).toMatch(/is not a web address/);
  });
});

function memoryStore() {
  const values = new Map<string, unknown>();
  return {
    values,
    getSetting: <T>(key: string) => values.get(key) as T | undefined,
    setSetting: (key: string, value: unknown) => void values.set(key, value),
  };
}

describe('shop settings between ledgers', () => {
  it('copies market, merchant, receipt, printer and language', () => {
    const training = memoryStore();
    const live = memoryStore();
    for (const [key, value] of Object.entries({ targetEnvironment: 'mtnrwanda', merchantName: 'Duka', merchantTin: '101', printerKind: 'spooler', printerQueue: 'EPSON', language: 'rw', receiptWidth: '58mm' })) {
      training.setSetting(key, value);
    }
    const copied = copyShopSettings(training, live);
    expect(copied).toMatchObject({ targetEnvironment: 'mtnrwanda', currency: 'RWF', merchantName: 'Duka', merchantTin: '101', printerKind: 'spooler', printerQueue: 'EPSON', language: 'rw', receiptWidth: '58mm' });
    expect(live.values.get('liveEnabled')).toBeUndefined();
  });
});

describe('the app’s keychain vaults', () => {
  it('let the keychain see one call at a time, across environments', async () => {
    let busy = 0;
    let overlapped = false;
    const stored = new Map<string, string>();
    const slow = async <T>(work: () => T): Promise<T> => {
      busy += 1;
      if (busy > 1) overlapped = true;
      await new Promise((resolve) => setTimeout(resolve, 5));
      busy -= 1;
      return work();
    };
    const keytar: Keytar = {
      getPassword: (service, account) => slow(() => stored.get(`${service}|${account}`) ?? null),
      setPassword: (service, account, password) => slow(() => void stored.set(`${service}|${account}`, password)),
      deletePassword: (service, account) => slow(() => stored.delete(`${service}|${account}`)),
    };
    const vaultFor = keychainVaultsFor(keytar, { appId: 'unit' });
    expect(vaultFor('sandbox')).toBe(vaultFor('sandbox'));
    await Promise.all([vaultFor('sandbox').set('apiKey', 'k'.repeat(32)), vaultFor('sandbox').get('apiUser'), vaultFor('mtnrwanda').status(), vaultFor('sandbox').get('apiKey')]);
    expect(overlapped).toBe(false);
    expect(stored.get('unit/sandbox|apiKey')).toBe('k'.repeat(32));
  });
});
