/**
 * "Test connection": a fresh MoMo client from the settings and the vault's
 * secrets gets a Collection token, then the balance. Every failure becomes
 * one sentence saying what is wrong and what to do — for a merchant, not a
 * developer. Values of secrets never appear in a sentence or a log line.
 */
import type { ConnectionTest } from '../../../shared/contract';
import { englishSentence, type Keyed } from '../../../shared/errors';
import { createMomoClient, isMomoError, keyDestinationProblem, type MomoClient } from '../momo';
import type { CredentialVault } from '../secrets';
import { isKeychainUnavailable } from '../secrets';

export interface ConnectionTarget {
  baseUrl: string;
  /** The address the vault's keys were entered for, when not one of MTN's: the keys go nowhere else. */
  keysEnteredFor?: string;
  targetEnvironment: string;
  /** What the till will charge in; a balance in another currency is a wrong market. */
  currency: string;
}

export interface ConnectionTestOptions {
  /** Per HTTP exchange; a merchant waits for this at most twice. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export const CONNECTION_TEST_TIMEOUT_MS = 10_000;

/**
 * Why this API address must not receive the keys, or undefined when it may:
 * https anywhere; plain http only on loopback (the simulator), so keys never
 * cross a network in clear text.
 */
export function unsafeBaseUrl(baseUrl: string): Keyed | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return { key: 'error.setup.apiAddressNotWeb', params: { baseUrl } };
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]')) return undefined;
  return { key: 'error.setup.apiAddressHttps', params: {} };
}

/** The host the merchant would recognise: "sandbox.momodeveloper.mtn.com", "127.0.0.1:8787". */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host || baseUrl;
  } catch {
    return baseUrl;
  }
}

export function environmentName(targetEnvironment: string): string {
  return targetEnvironment === 'sandbox' ? 'the MTN sandbox' : `the ${targetEnvironment} environment`;
}

const PRIMARY_KEY_HINT = 'copy the Primary key of your Collection product from the MoMo developer portal (Profile → Subscriptions) and save it again.';

/**
 * One plain sentence per failure, with what to do. `operation` is the call
 * that failed ('token' means the keys were refused before any business call).
 */
export function describeConnectionFailure(error: unknown, target: Pick<ConnectionTarget, 'baseUrl' | 'targetEnvironment'>): string {
  if (isKeychainUnavailable(error)) return error.message;
  const host = hostOf(target.baseUrl);
  if (!isMomoError(error)) {
    return `The connection test stopped on an unexpected problem (${error instanceof Error ? error.name : 'unknown'}). Try again; if it repeats, note the time and tell support.`;
  }
  const onToken = error.operation === 'token';
  switch (error.code) {
    // MTN's gateway answers 401 about the subscription key before anything else is looked at (docs/momo.md).
    case 'INVALID_SUBSCRIPTION_KEY':
      return `The subscription key was refused: ${PRIMARY_KEY_HINT} (MTN's gateway answered 401 before looking at the API user and key.)`;
    // The token service answers a wrong API user or key with HTTP 500 {"error":"login_failed"}, not 401.
    case 'LOGIN_FAILED':
      return `MoMo did not accept the API user and API key: check that both were copied whole and were made for ${environmentName(target.targetEnvironment)} (sandbox keys do not work in production, nor production keys in the sandbox).${target.targetEnvironment === 'sandbox' ? ' In the sandbox you can press "Create API user and key" to make a new pair.' : ''} (MTN answered login_failed: the subscription key itself was accepted.)`;
    case 'UNAUTHORIZED':
      return onToken
        ? `MTN's gateway refused the token request (HTTP 401): that is about the subscription key, not the API user and key (those get login_failed). ${PRIMARY_KEY_HINT[0]!.toUpperCase()}${PRIMARY_KEY_HINT.slice(1)}`
        : `MoMo gave a token but then refused it (HTTP 401): the subscription key and the API user may belong to different products or environments. Check them in the MoMo developer portal.`;
    case 'NOT_ALLOWED_TARGET_ENVIRONMENT':
      return `MoMo refused the environment "${target.targetEnvironment}": these keys were issued for another country or for the sandbox. Choose the country and environment your keys came from.`;
    case 'NETWORK':
      return `No connection to ${host}: check the internet connection (and the API address, if you changed it), then test again.`;
    case 'TIMEOUT':
      return `No connection to ${host}: it did not answer in time. Check the internet connection, then test again.`;
    case 'RESOURCE_NOT_FOUND':
    case 'NOT_FOUND':
    case 'BAD_RESPONSE':
      return `${host} answered, but not as the MoMo API does: check the API address for this country (Advanced, on the environment step).`;
    case 'SERVICE_UNAVAILABLE':
    case 'INTERNAL_PROCESSING_ERROR':
    case 'TOO_MANY_REQUESTS':
      return `MoMo is not answering properly right now (${error.code}): wait a few minutes and test again. Your keys were not judged.`;
    case 'NOT_ALLOWED':
    case 'FORBIDDEN':
      return `MoMo accepted the keys but refused the balance (${error.code}): your subscription may not include the Collection product for ${environmentName(target.targetEnvironment)}. Check it in the MoMo developer portal.`;
    case 'NOT_CONFIGURED':
      return 'Save the Collection subscription key, the API user and the API key first.';
    default:
      return `MoMo refused the connection test with the code ${error.code}${error.httpStatus ? ` (HTTP ${error.httpStatus})` : ''}. Check the keys and the environment; if it repeats, tell MTN support this code.`;
  }
}

/** The secrets a test needs, or the sentence saying which are missing. */
export async function readCollectionCredentials(
  vault: CredentialVault,
): Promise<{ subscriptionKey: string; secondarySubscriptionKey?: string; apiUser: string; apiKey: string } | { missing: string }> {
  // One after the other: a keychain may prompt to unlock, and must not see reads race.
  const subscriptionKey = await vault.get('collectionSubscriptionKey');
  const secondarySubscriptionKey = await vault.get('collectionSecondarySubscriptionKey');
  const apiUser = await vault.get('apiUser');
  const apiKey = await vault.get('apiKey');
  const missing = [
    subscriptionKey ? undefined : 'the Collection subscription key',
    apiUser ? undefined : 'the API user',
    apiKey ? undefined : 'the API key',
  ].filter((name): name is string => name !== undefined);
  if (missing.length) {
    const list = missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)!}`;
    return { missing: `Save ${list} first, then test again.` };
  }
  return { subscriptionKey: subscriptionKey!, apiUser: apiUser!, apiKey: apiKey!, ...(secondarySubscriptionKey ? { secondarySubscriptionKey } : {}) };
}

/** Token, then balance, on a client made only for this test (never the till's own). */
export async function testConnection(vault: CredentialVault, target: ConnectionTarget, options: ConnectionTestOptions = {}): Promise<ConnectionTest> {
  let credentials: Awaited<ReturnType<typeof readCollectionCredentials>>;
  try {
    credentials = await readCollectionCredentials(vault);
  } catch (error) {
    if (isKeychainUnavailable(error)) return { ok: false, message: error.message };
    throw error;
  }
  if ('missing' in credentials) return { ok: false, message: credentials.missing, reason: 'missingKeys' };
  const unsafe = unsafeBaseUrl(target.baseUrl);
  if (unsafe) return { ok: false, message: englishSentence(unsafe.key, unsafe.params) };
  const elsewhere = keyDestinationProblem(target.baseUrl, target.keysEnteredFor);
  if (elsewhere) return { ok: false, reason: 'keysNotForThisAddress', facts: { host: hostOf(target.baseUrl) }, message: `${englishSentence(elsewhere.key, elsewhere.params)} To test ${hostOf(target.baseUrl)}, type the keys made for it.` };

  let client: MomoClient;
  try {
    client = createMomoClient({
      baseUrl: target.baseUrl,
      ...(target.keysEnteredFor ? { keysEnteredFor: target.keysEnteredFor } : {}),
      targetEnvironment: target.targetEnvironment,
      collection: credentials,
      timeoutMs: options.timeoutMs ?? CONNECTION_TEST_TIMEOUT_MS,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  } catch {
    return { ok: false, message: `The API address ${target.baseUrl} is not a web address MoMo POS can use: it starts with https:// (or http://127.0.0.1 for the simulator).` };
  }
  try {
    await client.collection.checkCredentials();
    const balance = await client.collection.getAccountBalance();
    const facts = { host: hostOf(target.baseUrl), environment: target.targetEnvironment, balance: balance.availableBalance, currency: balance.currency, expected: target.currency };
    if (balance.currency !== target.currency) {
      return {
        ok: false,
        reason: 'wrongCurrency',
        facts,
        message: `MoMo accepted the keys, but this account holds ${balance.currency} while the till is set to ${target.currency}: choose the country your MoMo account is in.`,
        balance,
      };
    }
    const connected = `Connected to ${environmentName(target.targetEnvironment)} at ${hostOf(target.baseUrl)}: MoMo accepted the keys. Balance: ${balance.availableBalance} ${balance.currency}.`;
    const refunds = await checkDisbursement(vault, target, credentials, options);
    // Sales work whatever Disbursement says: the test passes, and says what refunds still need.
    if (refunds) return { ok: true, facts, message: `${connected} ${refunds}`, balance }; // no reason: the screen shows this sentence whole (in English)
    return { ok: true, reason: target.targetEnvironment === 'sandbox' ? 'connectedSandbox' : 'connected', facts, message: connected, balance };
  } catch (error) {
    return {
      ok: false,
      message: describeConnectionFailure(error, target),
      reason: isMomoError(error) ? error.code : 'unexpected',
      facts: { host: hostOf(target.baseUrl), environment: target.targetEnvironment },
    };
  }
}

/**
 * Refunds by MoMo go through Disbursement, with its own subscription key.
 * When one is saved, its token and balance are tried too; the answer is a
 * sentence about what refunds still need, or undefined when they work.
 */
async function checkDisbursement(
  vault: CredentialVault,
  target: ConnectionTarget,
  collection: { apiUser: string; apiKey: string },
  options: ConnectionTestOptions,
): Promise<string | undefined> {
  const subscriptionKey = await vault.get('disbursementSubscriptionKey');
  if (!subscriptionKey) return undefined;
  const client = createMomoClient({
    baseUrl: target.baseUrl,
    ...(target.keysEnteredFor ? { keysEnteredFor: target.keysEnteredFor } : {}),
    targetEnvironment: target.targetEnvironment,
    disbursement: { subscriptionKey, apiUser: collection.apiUser, apiKey: collection.apiKey },
    timeoutMs: options.timeoutMs ?? CONNECTION_TEST_TIMEOUT_MS,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  try {
    await client.disbursement.checkCredentials();
    await client.disbursement.getAccountBalance();
    return undefined;
  } catch (error) {
    return describeDisbursementFailure(error, target);
  }
}

/** Why refunds by MoMo will not work yet, in one sentence with what to do. */
export function describeDisbursementFailure(error: unknown, target: Pick<ConnectionTarget, 'baseUrl' | 'targetEnvironment'>): string {
  const code = isMomoError(error) ? error.code : undefined;
  switch (code) {
    case 'FORBIDDEN':
      return `Refunds by MoMo will not work yet: MTN's Disbursement answered 403 (Forbidden). In production MTN refuses Disbursement until it has whitelisted the shop's internet address: ask MTN to whitelist this shop's internet address (its public IP), then test again. Sales work meanwhile.`;
    case 'INVALID_SUBSCRIPTION_KEY':
    case 'UNAUTHORIZED':
      return `Refunds by MoMo will not work yet: the Disbursement subscription key was refused. Copy the Primary key of your Disbursement product from the MoMo developer portal and save it again. Sales work meanwhile.`;
    case 'LOGIN_FAILED':
      return `Refunds by MoMo will not work yet: MTN did not accept the API user and API key for Disbursement (they must be made under the Disbursement subscription too). Sales work meanwhile.`;
    default:
      return `Refunds by MoMo could not be checked: ${describeConnectionFailure(error, target)}`;
  }
}
