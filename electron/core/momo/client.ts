/**
 * The MoMo Open API client: collection, disbursement and sandbox
 * provisioning over one transport, with per-product tokens and keys.
 *
 * What it retries, and only that: a request the gateway refused with 401
 * (after a token refresh, once; or with the other subscription key). Those
 * never reached MoMo. Everything else, above all a money-moving POST that
 * timed out or lost its connection, is reported as it is: deciding whether
 * to resend is the payment engine's job.
 */
import { randomUUID } from 'node:crypto';
import { ValidationError, type Keyed } from '../../../shared/errors';
import { isMtnApiAddress, originOf } from '../../../shared/markets';
import { CLIENT_ERROR_CODES, MomoError, badResponse, errorFromResponse, isSubscriptionKeyRefusal } from './errors';
import type { MomoProduct } from './operations';
import { REDACTED, type Secret } from './redaction';
import {
  assertMsisdn,
  assertReferenceId,
  deliveryNotificationBody,
  invoiceBody,
  isHeaderSafe,
  normaliseBaseUrl,
  paymentBody,
  refundBody,
  requestToPayBody,
  transferBody,
} from './requests';
import { disbursementStatusFrom, invoiceStatusFrom, parseStatusBody, paymentStatusFrom, requestToPayStatusFrom } from './status';
import { createSubscriptionKeys, createTokenCache, type SubscriptionKeys, type TokenCache } from './tokens';
import { createTransport, type CallContext, type WireRequest, type WireResponse } from './transport';
import type {
  AccountBalance,
  AccountOperations,
  ApiUserInfo,
  BasicUserInfo,
  CallOptions,
  CollectionOperations,
  DisbursementOperations,
  MomoClient,
  MomoClientOptions,
  ProductCredentials,
  ProvisioningOperations,
} from './types';

export const DEFAULT_TIMEOUT_MS = 15_000;
/** How many issued tokens / learned API keys are remembered for scrubbing recordings. */
const REMEMBERED_SECRETS = 16;

interface ProductState {
  product: MomoProduct;
  keys: SubscriptionKeys;
  tokens: TokenCache;
}

type Request = Omit<WireRequest, 'product' | 'operation' | 'referenceId'>;

function contextOf(options: CallOptions | undefined): CallContext {
  return {
    ...(options?.signal ? { signal: options.signal } : {}),
    listeners: options?.onExchange ? [options.onExchange] : [],
  };
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

function parseObject(bodyText: string, what: { operation: string; referenceId?: string; httpStatus: number }): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(bodyText);
  } catch (error) {
    throw badResponse(`MoMo's ${what.operation} answer is not JSON.`, { ...what, cause: error });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badResponse(`MoMo's ${what.operation} answer is not a JSON object.`, what);
  return value as Record<string, unknown>;
}

function assertCredentials(credentials: ProductCredentials | undefined, product: string): void {
  if (!credentials) return;
  for (const field of ['subscriptionKey', 'apiUser', 'apiKey'] as const) {
    if (typeof credentials[field] !== 'string' || !credentials[field].trim()) throw new ValidationError(`${product}.${field}`, 'error.momo.required2', { product, field });
  }
}

/** Why the keys may not go to this address, or undefined when they may: one of MTN's https hosts, or the address they were entered for. */
export function keyDestinationProblem(baseUrl: string, keysEnteredFor: string | undefined): Keyed | undefined {
  const origin = originOf(baseUrl);
  if (origin === undefined) return { key: 'error.momo.apiAddressNotWeb', params: {} };
  if (isMtnApiAddress(baseUrl)) return undefined;
  if (keysEnteredFor !== undefined && originOf(keysEnteredFor) === origin) return undefined;
  return { key: 'error.momo.keysOnlyToMtn', params: { origin } };
}

export function createMomoClient(options: MomoClientOptions): MomoClient {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const keysRefused = keyDestinationProblem(baseUrl, options.keysEnteredFor);
  if (keysRefused) throw new ValidationError('baseUrl', keysRefused.key, keysRefused.params);
  const targetEnvironment = options.targetEnvironment?.trim();
  if (!targetEnvironment) throw new ValidationError('targetEnvironment', 'error.momo.targetEnvironmentRequiredLikeSandbox');
  assertCredentials(options.collection, 'collection');
  assertCredentials(options.disbursement, 'disbursement');
  const now = options.now ?? Date.now;

  const configuredSecrets: Secret[] = [];
  const learnedSecrets: Secret[] = [];
  const learn = (secret: { value: string; placeholder: string }) => {
    learnedSecrets.push(secret);
    if (learnedSecrets.length > REMEMBERED_SECRETS) learnedSecrets.shift();
  };
  for (const credentials of [options.collection, options.disbursement]) {
    if (!credentials) continue;
    configuredSecrets.push(
      { value: credentials.subscriptionKey, placeholder: REDACTED.subscriptionKey },
      { value: credentials.apiKey, placeholder: REDACTED.apiKey },
      { value: basicOf(credentials), placeholder: REDACTED.basic },
    );
    if (credentials.secondarySubscriptionKey) configuredSecrets.push({ value: credentials.secondarySubscriptionKey, placeholder: REDACTED.subscriptionKey });
  }
  const provisioningCredentials =
    options.provisioning ?? (options.collection ?? options.disbursement ? pickKeys((options.collection ?? options.disbursement)!) : undefined);
  if (provisioningCredentials) {
    configuredSecrets.push({ value: provisioningCredentials.subscriptionKey, placeholder: REDACTED.subscriptionKey });
    if (provisioningCredentials.secondarySubscriptionKey) configuredSecrets.push({ value: provisioningCredentials.secondarySubscriptionKey, placeholder: REDACTED.subscriptionKey });
  }

  const send = createTransport({
    baseUrl,
    allowedOrigin: new URL(baseUrl).origin,
    fetch: options.fetch ?? globalThis.fetch,
    now,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.onExchange ? { onExchange: options.onExchange } : {}),
    secrets: () => [...configuredSecrets, ...learnedSecrets],
  });

  function productState(product: MomoProduct, credentials: ProductCredentials | undefined): ProductState | undefined {
    if (!credentials) return undefined;
    const keys = createSubscriptionKeys(credentials.subscriptionKey, credentials.secondarySubscriptionKey);
    const basic = basicOf(credentials);
    const tokens = createTokenCache({
      now,
      async requestToken(collect) {
        const tried = new Set<string>();
        for (;;) {
          const key = keys.current();
          tried.add(key);
          const response = await send(
            {
              product,
              operation: 'token',
              method: 'POST',
              path: `/${product}/token/`,
              headers: { 'Ocp-Apim-Subscription-Key': key, Authorization: `Basic ${basic}` },
            },
            { listeners: [collect] },
          );
          if (isSubscriptionKeyRefusal(response.status, response.bodyText) && keys.switchFrom(key, tried)) continue;
          if (response.status !== 200) throw errorFromResponse(response.status, response.bodyText, { operation: 'token' });
          const body = parseObject(response.bodyText, { operation: 'token', httpStatus: response.status });
          const accessToken = body.access_token;
          if (typeof accessToken !== 'string' || !accessToken) throw badResponse("MoMo's token answer has no access_token.", { operation: 'token', httpStatus: 200 });
          learn({ value: accessToken, placeholder: REDACTED.jwt });
          const expiresIn = Number(body.expires_in);
          return { accessToken, expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600 };
        }
      },
    });
    return { product, keys, tokens };
  }

  const states: Record<MomoProduct, ProductState | undefined> = {
    collection: productState('collection', options.collection),
    disbursement: productState('disbursement', options.disbursement),
  };

  /** A business call with Bearer token and subscription key; 401 -> other key, or one token refresh, then the same request again. */
  async function authorised(
    product: MomoProduct,
    operation: string,
    referenceId: string | undefined,
    build: (auth: Record<string, string>) => Request,
    callOptions: CallOptions | undefined,
  ): Promise<WireResponse> {
    const state = states[product];
    if (!state) {
      throw new MomoError({ code: CLIENT_ERROR_CODES.NOT_CONFIGURED, message: `No ${product} credentials are set.`, operation, notSent: true, ...(referenceId ? { referenceId } : {}) });
    }
    const context = contextOf(callOptions);
    const tried = new Set<string>();
    let refreshed = false;
    for (;;) {
      const token = await state.tokens.get(context);
      const key = state.keys.current();
      tried.add(key);
      const request = build({ 'X-Target-Environment': targetEnvironment!, 'Ocp-Apim-Subscription-Key': key, Authorization: `Bearer ${token}` });
      const response = await send({ product, operation, ...(referenceId ? { referenceId } : {}), ...request }, context);
      if (response.status === 401) {
        if (isSubscriptionKeyRefusal(response.status, response.bodyText)) {
          if (state.keys.switchFrom(key, tried)) continue;
        } else if (!refreshed) {
          refreshed = true;
          state.tokens.invalidate(token);
          continue;
        }
      }
      return response;
    }
  }

  /** A money-moving POST: 202 (or another 2xx with an empty or JSON body) is accepted; nothing is retried. */
  async function create(
    product: MomoProduct,
    operation: string,
    referenceId: string,
    path: string,
    body: Record<string, unknown>,
    callbackUrl: string | undefined,
    callOptions: CallOptions | undefined,
  ): Promise<{ referenceId: string }> {
    const response = await authorised(
      product,
      operation,
      referenceId,
      (auth) => ({
        method: 'POST',
        path,
        headers: {
          'X-Reference-Id': referenceId,
          ...(callbackUrl ? { 'X-Callback-Url': callbackUrl } : {}),
          ...auth,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
      }),
      callOptions,
    );
    if (isSuccess(response.status)) {
      if (response.status !== 202 && response.bodyText.trim()) {
        try {
          JSON.parse(response.bodyText);
        } catch (error) {
          throw badResponse(`MoMo answered ${operation} with HTTP ${response.status} and a body that is not JSON.`, { operation, referenceId, httpStatus: response.status, cause: error });
        }
      }
      return { referenceId };
    }
    throw errorFromResponse(response.status, response.bodyText, { operation, referenceId });
  }

  async function get(product: MomoProduct, operation: string, path: string, referenceId: string | undefined, callOptions: CallOptions | undefined): Promise<WireResponse> {
    return authorised(product, operation, referenceId, (auth) => ({ method: 'GET', path, headers: { ...auth } }), callOptions);
  }

  async function status<T>(
    product: MomoProduct,
    operation: string,
    path: string,
    referenceId: string,
    from: (raw: Record<string, unknown>, context: { operation: string; referenceId: string }) => T,
    callOptions: CallOptions | undefined,
  ): Promise<T> {
    assertReferenceId(referenceId);
    const response = await get(product, operation, `${path}/${referenceId}`, referenceId, callOptions);
    if (response.status === 404) {
      // The engine reads this as "MoMo never received that reference": whatever the body says, the code is this one.
      const error = errorFromResponse(404, response.bodyText, { operation, referenceId });
      throw new MomoError({ code: 'RESOURCE_NOT_FOUND', httpStatus: 404, message: error.message, retryable: false, operation, referenceId });
    }
    if (!isSuccess(response.status)) throw errorFromResponse(response.status, response.bodyText, { operation, referenceId });
    const context = { operation, referenceId };
    return from(parseStatusBody(response.bodyText, context), context);
  }

  function accountOperations(product: MomoProduct): AccountOperations {
    return {
      async isAccountHolderActive(msisdn, callOptions) {
        assertMsisdn(msisdn);
        const operation = 'isAccountHolderActive';
        const response = await get(product, operation, `/${product}/v1_0/accountholder/msisdn/${encodeURIComponent(msisdn)}/active`, undefined, callOptions);
        if (response.status === 404) return false;
        if (!isSuccess(response.status)) throw errorFromResponse(response.status, response.bodyText, { operation });
        const result = parseObject(response.bodyText, { operation, httpStatus: response.status }).result;
        if (typeof result === 'boolean') return result;
        if (result === 'true' || result === 'false') return result === 'true';
        throw badResponse("MoMo's account-holder answer has no boolean result.", { operation, httpStatus: response.status });
      },
      async getBasicUserInfo(msisdn, callOptions) {
        assertMsisdn(msisdn);
        const operation = 'getBasicUserInfo';
        const response = await get(product, operation, `/${product}/v1_0/accountholder/msisdn/${encodeURIComponent(msisdn)}/basicuserinfo`, undefined, callOptions);
        // Not every subscription has this call: a refusal means "name unavailable", not a failure.
        if (response.status >= 400 && response.status < 500 && response.status !== 401 && response.status !== 429) return undefined;
        if (!isSuccess(response.status)) throw errorFromResponse(response.status, response.bodyText, { operation });
        return parseObject(response.bodyText, { operation, httpStatus: response.status }) as BasicUserInfo;
      },
      async getAccountBalance(callOptions): Promise<AccountBalance> {
        const operation = 'getAccountBalance';
        const response = await get(product, operation, `/${product}/v1_0/account/balance`, undefined, callOptions);
        if (!isSuccess(response.status)) throw errorFromResponse(response.status, response.bodyText, { operation });
        const body = parseObject(response.bodyText, { operation, httpStatus: response.status });
        const availableBalance = typeof body.availableBalance === 'number' ? String(body.availableBalance) : body.availableBalance;
        if (typeof availableBalance !== 'string' || typeof body.currency !== 'string') throw badResponse("MoMo's balance answer lacks availableBalance or currency.", { operation, httpStatus: response.status });
        return { availableBalance, currency: body.currency };
      },
      async checkCredentials(callOptions) {
        const state = states[product];
        if (!state) throw new MomoError({ code: CLIENT_ERROR_CODES.NOT_CONFIGURED, message: `No ${product} credentials are set.`, operation: 'token' });
        await state.tokens.get(contextOf(callOptions));
      },
    };
  }

  /** A Collection call about an existing reference whose answer is only "done" (2xx) or an error. */
  async function answered(
    operation: string,
    referenceId: string,
    method: 'POST' | 'DELETE',
    path: string,
    headers: Record<string, string>,
    body: unknown,
    callOptions: CallOptions | undefined,
  ): Promise<void> {
    const response = await authorised(
      'collection',
      operation,
      referenceId,
      (auth) => ({ method, path, headers: { ...headers, ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
      callOptions,
    );
    if (!isSuccess(response.status)) throw errorFromResponse(response.status, response.bodyText, { operation, referenceId });
  }

  const collection: CollectionOperations = {
    ...accountOperations('collection'),
    async requestToPay(input, callOptions) {
      const body = requestToPayBody(input);
      return create('collection', 'requestToPay', input.referenceId, '/collection/v1_0/requesttopay', body, input.callbackUrl, callOptions);
    },
    async getRequestToPayStatus(referenceId, callOptions) {
      return status('collection', 'getRequestToPayStatus', '/collection/v1_0/requesttopay', referenceId, requestToPayStatusFrom, callOptions);
    },
    async requestToPayDeliveryNotification(referenceId, input, callOptions) {
      assertReferenceId(referenceId);
      const body = deliveryNotificationBody(input);
      const headers = {
        ...(isHeaderSafe(body.notificationMessage) ? { notificationMessage: body.notificationMessage } : {}),
        ...(input.language ? { Language: input.language } : {}),
      };
      await answered('requestToPayDeliveryNotification', referenceId, 'POST', `/collection/v1_0/requesttopay/${referenceId}/deliverynotification`, headers, body, callOptions);
    },
    async createPayment(input, callOptions) {
      const body = paymentBody(input);
      return create('collection', 'createPayment', input.referenceId, '/collection/v2_0/payment', body, input.callbackUrl, callOptions);
    },
    async getPaymentStatus(referenceId, callOptions) {
      return status('collection', 'getPaymentStatus', '/collection/v2_0/payment', referenceId, paymentStatusFrom, callOptions);
    },
    async createInvoice(input, callOptions) {
      const body = invoiceBody(input);
      return create('collection', 'createInvoice', input.referenceId, '/collection/v2_0/invoice', body, input.callbackUrl, callOptions);
    },
    async getInvoiceStatus(referenceId, callOptions) {
      return status('collection', 'getInvoiceStatus', '/collection/v2_0/invoice', referenceId, invoiceStatusFrom, callOptions);
    },
    async cancelInvoice(referenceId, input, callOptions) {
      assertReferenceId(referenceId);
      if (typeof input.externalId !== 'string' || !input.externalId.trim()) throw new ValidationError('externalId', 'error.momo.externalIdRequired');
      // The cancellation is a request of its own: it has its own X-Reference-Id.
      await answered('cancelInvoice', referenceId, 'DELETE', `/collection/v2_0/invoice/${referenceId}`, { 'X-Reference-Id': randomUUID() }, { externalId: input.externalId }, callOptions);
    },
  };

  const disbursement: DisbursementOperations = {
    ...accountOperations('disbursement'),
    async transfer(input, callOptions) {
      return create('disbursement', 'transfer', input.referenceId, '/disbursement/v1_0/transfer', transferBody(input), input.callbackUrl, callOptions);
    },
    async getTransferStatus(referenceId, callOptions) {
      return status('disbursement', 'getTransferStatus', '/disbursement/v1_0/transfer', referenceId, disbursementStatusFrom, callOptions);
    },
    async deposit(input, callOptions) {
      return create('disbursement', 'deposit', input.referenceId, '/disbursement/v1_0/deposit', transferBody(input), input.callbackUrl, callOptions);
    },
    async depositV2(input, callOptions) {
      return create('disbursement', 'depositV2', input.referenceId, '/disbursement/v2_0/deposit', transferBody(input), input.callbackUrl, callOptions);
    },
    async getDepositStatus(referenceId, callOptions) {
      return status('disbursement', 'getDepositStatus', '/disbursement/v1_0/deposit', referenceId, disbursementStatusFrom, callOptions);
    },
    async refund(input, callOptions) {
      return create('disbursement', 'refund', input.referenceId, '/disbursement/v1_0/refund', refundBody(input), input.callbackUrl, callOptions);
    },
    async refundV2(input, callOptions) {
      return create('disbursement', 'refundV2', input.referenceId, '/disbursement/v2_0/refund', refundBody(input), input.callbackUrl, callOptions);
    },
    async getRefundStatus(referenceId, callOptions) {
      return status('disbursement', 'getRefundStatus', '/disbursement/v1_0/refund', referenceId, disbursementStatusFrom, callOptions);
    },
  };

  const provisioningKeys = provisioningCredentials
    ? createSubscriptionKeys(provisioningCredentials.subscriptionKey, provisioningCredentials.secondarySubscriptionKey)
    : undefined;

  /** Provisioning calls carry only the subscription key; a refused key -> the other one, once. */
  async function provisioningCall(operation: string, referenceId: string | undefined, build: (key: string) => Request, callOptions: CallOptions | undefined): Promise<WireResponse> {
    if (!provisioningKeys) throw new MomoError({ code: CLIENT_ERROR_CODES.NOT_CONFIGURED, message: 'No subscription key is set for sandbox provisioning.', operation });
    const context = contextOf(callOptions);
    const tried = new Set<string>();
    for (;;) {
      const key = provisioningKeys.current();
      tried.add(key);
      const response = await send({ product: 'provisioning', operation, ...(referenceId ? { referenceId } : {}), ...build(key) }, context);
      if (isSubscriptionKeyRefusal(response.status, response.bodyText) && provisioningKeys.switchFrom(key, tried)) continue;
      return response;
    }
  }

  const provisioning: ProvisioningOperations = {
    async createApiUser(input, callOptions) {
      assertReferenceId(input.referenceId);
      if (typeof input.providerCallbackHost !== 'string' || !input.providerCallbackHost.trim()) {
        throw new ValidationError('providerCallbackHost', 'error.momo.providerCallbackHostRequiredLikeExample');
      }
      const operation = 'createApiUser';
      const response = await provisioningCall(
        operation,
        input.referenceId,
        (key) => ({
          method: 'POST',
          path: '/v1_0/apiuser',
          headers: { 'X-Reference-Id': input.referenceId, 'Ocp-Apim-Subscription-Key': key, 'Content-Type': 'application/json' },
          body: JSON.stringify({ providerCallbackHost: input.providerCallbackHost }),
        }),
        callOptions,
      );
      if (!isSuccess(response.status)) throw errorFromResponse(response.status, response.bodyText, { operation, referenceId: input.referenceId });
    },
    async createApiKey(apiUser, callOptions) {
      assertReferenceId(apiUser, 'apiUser');
      const operation = 'createApiKey';
      const response = await provisioningCall(
        operation,
        apiUser,
        (key) => ({ method: 'POST', path: `/v1_0/apiuser/${apiUser}/apikey`, headers: { 'Ocp-Apim-Subscription-Key': key } }),
        callOptions,
      );
      if (!isSuccess(response.status)) throw errorFromResponse(response.status, response.bodyText, { operation, referenceId: apiUser });
      const apiKey = parseObject(response.bodyText, { operation, httpStatus: response.status }).apiKey;
      if (typeof apiKey !== 'string' || !apiKey) throw badResponse("MoMo's API-key answer has no apiKey.", { operation, httpStatus: response.status });
      learn({ value: apiKey, placeholder: REDACTED.apiKey });
      return { apiKey };
    },
    async getApiUser(apiUser, callOptions): Promise<ApiUserInfo> {
      assertReferenceId(apiUser, 'apiUser');
      const operation = 'getApiUser';
      const response = await provisioningCall(
        operation,
        apiUser,
        (key) => ({ method: 'GET', path: `/v1_0/apiuser/${apiUser}`, headers: { 'Ocp-Apim-Subscription-Key': key } }),
        callOptions,
      );
      if (!isSuccess(response.status)) throw errorFromResponse(response.status, response.bodyText, { operation, referenceId: apiUser });
      const body = parseObject(response.bodyText, { operation, httpStatus: response.status });
      return {
        providerCallbackHost: typeof body.providerCallbackHost === 'string' ? body.providerCallbackHost : '',
        targetEnvironment: typeof body.targetEnvironment === 'string' ? body.targetEnvironment : '',
      };
    },
    async createSandboxUser(input, callOptions) {
      const apiUser = randomUUID();
      await provisioning.createApiUser({ referenceId: apiUser, providerCallbackHost: input.providerCallbackHost }, callOptions);
      const { apiKey } = await provisioning.createApiKey(apiUser, callOptions);
      return { apiUser, apiKey };
    },
  };

  return { collection, disbursement, provisioning };
}

function basicOf(credentials: ProductCredentials): string {
  return Buffer.from(`${credentials.apiUser}:${credentials.apiKey}`).toString('base64');
}

function pickKeys(credentials: ProductCredentials): { subscriptionKey: string; secondarySubscriptionKey?: string } {
  return credentials.secondarySubscriptionKey
    ? { subscriptionKey: credentials.subscriptionKey, secondarySubscriptionKey: credentials.secondarySubscriptionKey }
    : { subscriptionKey: credentials.subscriptionKey };
}
