/**
 * What the simulator refuses, and how: MoMo's error bodies, the gateway's
 * own answers, and the checks every money-moving POST shares (amount,
 * currency, party, and production's rules on notes).
 */
import type { Answer } from './types';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL = /^\d+(?:\.\d+)?$/;

export const GATEWAY = {
  missingKey: { statusCode: 401, message: 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.' },
  invalidKey: { statusCode: 401, message: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.' },
  invalidToken: { statusCode: 401, message: 'Unauthorized. Access token is missing or invalid.' },
  notFound: { statusCode: 404, message: 'Resource not found' },
  forbidden: { statusCode: 403, message: 'Forbidden' },
};

export const momoError = (status: number, code: string, message: string): Answer => ({ status, json: { code, message } });
export const badRequest = (message: string): Answer => momoError(400, 'BAD_REQUEST', message);
/** The text production refuses with a 400: `&`, an apostrophe (straight or curly), more than 160 characters. */
const REFUSED_TEXT = /[&'‘’]/;
const TEXT_MAX_LENGTH = 160;

/**
 * Production's checks on the texts of a money-moving POST: `required` notes
 * must be present and non-empty (else 500, as production answers), any note
 * present must pass REFUSED_TEXT and the length (else 400).
 */
export function productionTextRefusal(body: Record<string, unknown>, required: readonly string[], optional: readonly string[] = []): Answer | undefined {
  for (const field of required) {
    const value = body[field];
    if (typeof value !== 'string' || !value.trim()) return momoError(500, 'INTERNAL_PROCESSING_ERROR', 'An internal error occurred while processing.');
  }
  for (const field of [...required, ...optional]) {
    const value = body[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') return badRequest(`${field} must be text.`);
    if (REFUSED_TEXT.test(value)) return badRequest(`${field} contains a character that is not allowed.`);
    if (value.length > TEXT_MAX_LENGTH) return badRequest(`${field} is longer than ${TEXT_MAX_LENGTH} characters.`);
  }
  return undefined;
}

export const NOT_FOUND = momoError(404, 'RESOURCE_NOT_FOUND', 'Requested resource was not found.');
export const DUPLICATE = momoError(409, 'RESOURCE_ALREADY_EXIST', 'Duplicated reference id. Creation of resource failed.');

/** A positive decimal amount in an ISO 4217 currency, one of `currencies` when the simulator was given a list. */
export function checkMoney(amount: unknown, currency: unknown, currencies: ReadonlySet<string> | undefined): Answer | undefined {
  if (typeof amount !== 'string' || !DECIMAL.test(amount) || !/[1-9]/.test(amount)) return badRequest('amount must be a positive decimal string.');
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return badRequest('currency must be an ISO 4217 code.');
  if (currencies && !currencies.has(currency)) return momoError(400, 'INVALID_CURRENCY', 'Currency not supported.');
  return undefined;
}

/** The party's id when its type is MSISDN, EMAIL or PARTY_CODE; else the 400 to answer. */
export function checkParty(party: unknown, field: string): Answer | string {
  const { partyIdType, partyId } = (party ?? {}) as { partyIdType?: unknown; partyId?: unknown };
  if (typeof partyIdType !== 'string' || !['MSISDN', 'EMAIL', 'PARTY_CODE'].includes(partyIdType.toUpperCase())) return badRequest(`${field}.partyIdType must be MSISDN, EMAIL or PARTY_CODE.`);
  if (typeof partyId !== 'string' || !partyId.trim()) return badRequest(`${field}.partyId is required.`);
  return partyId;
}
