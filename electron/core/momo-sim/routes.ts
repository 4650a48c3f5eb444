/**
 * The paths MoMo serves, one line each: which operation a method and path
 * are, under which product, and which check the gateway makes first
 * (subscription key only, Basic credentials for a token, or a Bearer token).
 */
import type { SimProduct } from './types';

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  operation: string;
  /** A product from the path's first segment, or provisioning. */
  product: SimProduct | 'from-path';
  auth: 'subscription' | 'basic' | 'bearer';
}

export const ROUTES: readonly Route[] = [
  { method: 'POST', pattern: /^\/v1_0\/apiuser$/, operation: 'createApiUser', product: 'provisioning', auth: 'subscription' },
  { method: 'POST', pattern: /^\/v1_0\/apiuser\/([^/]+)\/apikey$/, operation: 'createApiKey', product: 'provisioning', auth: 'subscription' },
  { method: 'GET', pattern: /^\/v1_0\/apiuser\/([^/]+)$/, operation: 'getApiUser', product: 'provisioning', auth: 'subscription' },
  { method: 'POST', pattern: /^\/(collection|disbursement)\/token\/?$/, operation: 'token', product: 'from-path', auth: 'basic' },
  { method: 'POST', pattern: /^\/(collection)\/v1_0\/requesttopay$/, operation: 'requestToPay', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(collection)\/v1_0\/requesttopay\/([^/]+)$/, operation: 'getRequestToPayStatus', product: 'from-path', auth: 'bearer' },
  { method: 'POST', pattern: /^\/(collection)\/v1_0\/requesttopay\/([^/]+)\/deliverynotification$/, operation: 'requestToPayDeliveryNotification', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(collection|disbursement)\/v1_0\/accountholder\/(msisdn|email|party_code)\/([^/]+)\/active$/i, operation: 'isAccountHolderActive', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(collection|disbursement)\/v1_0\/accountholder\/msisdn\/([^/]+)\/basicuserinfo$/, operation: 'getBasicUserInfo', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(collection|disbursement)\/v1_0\/account\/balance$/, operation: 'getAccountBalance', product: 'from-path', auth: 'bearer' },
  { method: 'POST', pattern: /^\/(collection)\/v2_0\/payment$/, operation: 'createPayment', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(collection)\/v2_0\/payment\/([^/]+)$/, operation: 'getPaymentStatus', product: 'from-path', auth: 'bearer' },
  { method: 'POST', pattern: /^\/(collection)\/v2_0\/invoice$/, operation: 'createInvoice', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(collection)\/v2_0\/invoice\/([^/]+)$/, operation: 'getInvoiceStatus', product: 'from-path', auth: 'bearer' },
  { method: 'DELETE', pattern: /^\/(collection)\/v2_0\/invoice\/([^/]+)$/, operation: 'cancelInvoice', product: 'from-path', auth: 'bearer' },
  { method: 'POST', pattern: /^\/(disbursement)\/v1_0\/transfer$/, operation: 'transfer', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(disbursement)\/v1_0\/transfer\/([^/]+)$/, operation: 'getTransferStatus', product: 'from-path', auth: 'bearer' },
  { method: 'POST', pattern: /^\/(disbursement)\/v1_0\/deposit$/, operation: 'deposit', product: 'from-path', auth: 'bearer' },
  { method: 'POST', pattern: /^\/(disbursement)\/v2_0\/deposit$/, operation: 'depositV2', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(disbursement)\/v[12]_0\/deposit\/([^/]+)$/, operation: 'getDepositStatus', product: 'from-path', auth: 'bearer' },
  { method: 'POST', pattern: /^\/(disbursement)\/v1_0\/refund$/, operation: 'refund', product: 'from-path', auth: 'bearer' },
  { method: 'POST', pattern: /^\/(disbursement)\/v2_0\/refund$/, operation: 'refundV2', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(disbursement)\/v[12]_0\/refund\/([^/]+)$/, operation: 'getRefundStatus', product: 'from-path', auth: 'bearer' },
];

/** The route a request is for and the path's match, or undefined (404). */
export function findRoute(method: string | undefined, path: string): { route: Route; found: RegExpExecArray } | undefined {
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue;
    const found = candidate.pattern.exec(path);
    if (found) return { route: candidate, found };
  }
  return undefined;
}
