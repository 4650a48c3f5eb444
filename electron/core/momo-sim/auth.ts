/**
 * Who may call: API users (pre-provisioned or created through the sandbox's
 * provisioning API), their access tokens, and the gateway's checks in front
 * of every call (subscription key, then a Bearer token for its product and
 * the target environment).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Route } from './routes';
import { header, parseJson } from './server';
import { BoundedMap } from './store';
import type { Answer, Handler, MomoSimulatorOptions, SimProduct } from './types';
import { badRequest, DUPLICATE, GATEWAY, momoError, NOT_FOUND, UUID } from './validation';

const MAX_TOKENS = 1_000;
const MAX_USERS = 1_000;

export interface SimUser {
  apiKey?: string;
  providerCallbackHost?: string;
}

export interface Auth {
  users: BoundedMap<string, SimUser>;
  /** Gateway checks: subscription key, then Basic credentials (token) or Bearer token and target environment. */
  authorise(route: Route, product: SimProduct, headers: IncomingMessage['headers']): Answer | { apiUser?: string };
  /** The provisioning operations and the token call. */
  handlers: Record<'createApiUser' | 'createApiKey' | 'getApiUser' | 'token', Handler>;
  tokenRequests(product: 'collection' | 'disbursement'): number;
  tokensIssued(): number;
}

export function createAuth(options: MomoSimulatorOptions, now: () => number): Auth {
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 3_600;
  const subscriptionKeys = options.subscriptionKeys ? new Set(options.subscriptionKeys) : undefined;
  const users = new BoundedMap<string, SimUser>(MAX_USERS);
  for (const user of options.users ?? []) users.set(user.apiUser, { apiKey: user.apiKey, ...(user.providerCallbackHost ? { providerCallbackHost: user.providerCallbackHost } : {}) });
  const tokens = new BoundedMap<string, { product: string; apiUser: string; expiresAt: number }>(MAX_TOKENS);
  const tokenRequestCounts = { collection: 0, disbursement: 0 };
  let tokensIssued = 0;

  function authorise(route: Route, product: SimProduct, headers: IncomingMessage['headers']): Answer | { apiUser?: string } {
    const subscriptionKey = header(headers, 'ocp-apim-subscription-key');
    if (!subscriptionKey) return { status: 401, json: GATEWAY.missingKey };
    if (subscriptionKeys && !subscriptionKeys.has(subscriptionKey)) return { status: 401, json: GATEWAY.invalidKey };
    if (route.auth !== 'bearer') return {};
    const bearer = /^Bearer\s+(\S+)$/i.exec(header(headers, 'authorization') ?? '')?.[1];
    const token = bearer ? tokens.get(bearer) : undefined;
    if (!token || token.product !== product || now() >= token.expiresAt) return { status: 401, json: GATEWAY.invalidToken };
    const environment = header(headers, 'x-target-environment');
    if (!environment || (options.targetEnvironment !== undefined && environment !== options.targetEnvironment)) {
      return momoError(400, 'NOT_ALLOWED_TARGET_ENVIRONMENT', 'Access to target environment is forbidden.');
    }
    return { apiUser: token.apiUser };
  }

  const handlers: Auth['handlers'] = {
    createApiUser(_match, headers, bodyText) {
      const referenceId = header(headers, 'x-reference-id');
      if (!referenceId || !UUID.test(referenceId)) return badRequest('X-Reference-Id must be a UUID.');
      if (users.has(referenceId)) return DUPLICATE;
      const body = bodyText.trim() ? parseJson(bodyText) : {};
      if (!body) return badRequest('The body must be a JSON object.');
      const host = typeof body.providerCallbackHost === 'string' ? body.providerCallbackHost : undefined;
      users.set(referenceId, host ? { providerCallbackHost: host } : {});
      return { status: 201 };
    },
    createApiKey(match) {
      const apiUser = decodeURIComponent(match[1] ?? '');
      const user = users.get(apiUser);
      if (!user) return NOT_FOUND;
      const apiKey = randomBytes(16).toString('hex');
      users.update(apiUser, (value) => ({ ...value, apiKey }));
      return { status: 201, json: { apiKey } };
    },
    getApiUser(match) {
      const user = users.get(decodeURIComponent(match[1] ?? ''));
      if (!user) return NOT_FOUND;
      return { status: 200, json: { providerCallbackHost: user.providerCallbackHost ?? '', targetEnvironment: 'sandbox' } };
    },
    token(match, headers) {
      const product = match[1] as 'collection' | 'disbursement';
      tokenRequestCounts[product] += 1;
      const credentials = basicCredentials(header(headers, 'authorization'));
      const known = credentials && (options.acceptAnyCredentials || (users.get(credentials.apiUser)?.apiKey ?? undefined) === credentials.apiKey);
      // What MTN's sandbox answers for a wrong API user or key (an HTTP 500, not a 401).
      if (!credentials || !known) return { status: 500, json: { error: 'login_failed' } };
      const expiresAt = now() + tokenTtlSeconds * 1000;
      const accessToken = newAccessToken(credentials.apiUser, expiresAt);
      tokens.set(accessToken, { product, apiUser: credentials.apiUser, expiresAt });
      tokensIssued += 1;
      return { status: 200, json: { access_token: accessToken, token_type: 'access_token', expires_in: tokenTtlSeconds } };
    },
  };

  return { users, authorise, handlers, tokenRequests: (product) => tokenRequestCounts[product], tokensIssued: () => tokensIssued };
}

function basicCredentials(authorization: string | undefined): { apiUser: string; apiKey: string } | undefined {
  const encoded = /^Basic\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return undefined;
  return { apiUser: decoded.slice(0, colon), apiKey: decoded.slice(colon + 1) };
}

/** Looks like MoMo's: a JWT with clientId, expires and sessionId claims (not signed: nobody verifies it but us). */
function newAccessToken(apiUser: string, expiresAt: number): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'R256' })}.${part({ clientId: apiUser, expires: new Date(expiresAt).toISOString(), sessionId: randomUUID() })}.${randomBytes(48).toString('base64url')}`;
}
