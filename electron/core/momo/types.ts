/**
 * Types of the MoMo client's public face. Request bodies keep MoMo's own
 * field names; amounts are MoMo's decimal strings ("1000", "12.50"), formatted
 * by the caller with shared/money toDecimalString.
 */
import type { ExchangeProduct } from './operations';

export interface ProductCredentials {
  subscriptionKey: string;
  apiUser: string;
  apiKey: string;
  /** Used when the gateway refuses the primary key ("invalid subscription key"). */
  secondarySubscriptionKey?: string;
}

export interface ProvisioningCredentials {
  subscriptionKey: string;
  secondarySubscriptionKey?: string;
}

/** One HTTP exchange with MoMo, secrets already redacted, for the support transcript. */
export interface MomoExchange {
  /** ISO time the request left. */
  at: string;
  product: ExchangeProduct;
  /** e.g. 'token', 'requestToPay', 'getRequestToPayStatus' (see MOMO_OPERATIONS). */
  operation: string;
  referenceId?: string;
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  response?: { status: number; headers: Record<string, string>; body: string };
  error?: { code: string; message: string };
  durationMs: number;
}

export type ExchangeListener = (exchange: MomoExchange) => void;

export interface MomoClientOptions {
  /** e.g. https://proxy.momoapi.mtn.co.rw; a path prefix (https://host/momo) is kept. */
  baseUrl: string;
  /**
   * The address these keys were entered for, when it is not one of MTN's
   * (a custom https host saved with its keys, the training simulator with its
   * own made-up keys). Without it only MTN's https hosts (shared/markets) are
   * accepted: the client refuses to put Authorization or
   * Ocp-Apim-Subscription-Key on a request to any other origin.
   */
  keysEnteredFor?: string;
  /** X-Target-Environment: 'sandbox' | 'mtnrwanda' | ... */
  targetEnvironment: string;
  collection?: ProductCredentials;
  disbursement?: ProductCredentials;
  /** Sandbox provisioning key; defaults to the collection's, then the disbursement's subscription key. */
  provisioning?: ProvisioningCredentials;
  fetch?: typeof fetch;
  /** Clock in ms since the epoch: token expiry and exchange times. */
  now?: () => number;
  /** Per HTTP exchange; default 15000. */
  timeoutMs?: number;
  /** Receives every exchange the client makes. */
  onExchange?: ExchangeListener;
}

/** Optional last argument of every operation. */
export interface CallOptions {
  /** Receives every exchange made on behalf of this call: the token request it triggered or waited on, a 401 retry. */
  onExchange?: ExchangeListener;
  signal?: AbortSignal;
}

export type PartyIdType = 'MSISDN' | 'EMAIL' | 'PARTY_CODE';

export interface Party {
  partyIdType: PartyIdType;
  partyId: string;
}

export type StatusName = 'PENDING' | 'SUCCESSFUL' | 'FAILED';

export interface Reason {
  code: string;
  message?: string;
}

export interface RequestToPayInput {
  /** UUID v4, stored by the caller before the call (X-Reference-Id). */
  referenceId: string;
  amount: string;
  currency: string;
  externalId: string;
  payer: Party;
  payerMessage?: string;
  payeeNote?: string;
  callbackUrl?: string;
}

/** Normalised status of any transaction: MoMo's statuses mapped to three, reason in one shape. */
export interface TransactionStatus {
  status: StatusName;
  reason?: Reason;
  financialTransactionId?: string;
  /** The parsed body as MoMo sent it. */
  raw: Record<string, unknown>;
}

export interface RequestToPayStatus extends TransactionStatus {
  /** Fields MoMo echoes back; '' if MoMo left one out. */
  amount: string;
  currency: string;
  externalId: string;
  payer: Party;
  payerMessage?: string;
  payeeNote?: string;
}

export interface DisbursementStatus extends TransactionStatus {
  amount: string;
  currency: string;
  externalId: string;
  /** Absent from some refund answers. */
  payee?: Party;
  payerMessage?: string;
  payeeNote?: string;
}

export interface PaymentStatus extends TransactionStatus {
  referenceId?: string;
}

export interface TransferInput {
  referenceId: string;
  amount: string;
  currency: string;
  externalId: string;
  payee: Party;
  payerMessage?: string;
  payeeNote?: string;
  callbackUrl?: string;
}

export type DepositInput = TransferInput;

export interface RefundInput {
  referenceId: string;
  amount: string;
  currency: string;
  externalId: string;
  payerMessage?: string;
  payeeNote?: string;
  /** The X-Reference-Id of the request to pay being refunded. */
  referenceIdToRefund: string;
  callbackUrl?: string;
}

/** Pay later: a v2 invoice the customer pays from their own phone (MTN's second integration guide, docs/momo.md "Collection"). */
export interface InvoiceInput {
  /** UUID v4, stored by the caller before the call (X-Reference-Id). */
  referenceId: string;
  externalId: string;
  amount: string;
  currency: string;
  /** Seconds the invoice can be paid for. */
  validityDuration: number;
  /** The customer. */
  intendedPayer: Party;
  /** The merchant's own MoMo number. */
  payee: Party;
  description: string;
  callbackUrl?: string;
}

export interface InvoiceStatus extends TransactionStatus {
  referenceId?: string;
  externalId?: string;
  /** When MoMo says the invoice stops being payable. */
  expiryDateTime?: string;
  /** MoMo's own invoice id / payment code the customer may see in the SMS. */
  invoiceId?: string;
  paymentReference?: string;
}

/** Partner-gateway payment (bills, airtime), docs/momo.md "Collection". */
export interface PaymentInput {
  referenceId: string;
  externalTransactionId: string;
  money: { amount: string; currency: string };
  customerReference: string;
  serviceProviderUserName: string;
  couponId?: string;
  productId?: string;
  productOfferingId?: string;
  receiverMessage?: string;
  senderNote?: string;
  maxNumberOfRetries?: number;
  includeSenderCharges?: boolean;
  callbackUrl?: string;
}

export interface DeliveryNotificationInput {
  /** At most 160 characters. */
  notificationMessage: string;
  language?: string;
}

export interface AccountBalance {
  availableBalance: string;
  currency: string;
}

/** basicuserinfo; MoMo's snake_case names, any extra fields kept. */
export interface BasicUserInfo {
  given_name?: string;
  family_name?: string;
  name?: string;
  [field: string]: unknown;
}

export interface ApiUserInfo {
  providerCallbackHost: string;
  targetEnvironment: string;
}

export interface CreateApiUserInput {
  /** The new API user's id (UUID), sent as X-Reference-Id. */
  referenceId: string;
  providerCallbackHost: string;
}

/** Operations both products offer. */
export interface AccountOperations {
  /** false when MoMo says the holder is not active or not found (404). */
  isAccountHolderActive(msisdn: string, options?: CallOptions): Promise<boolean>;
  /** undefined when MoMo will not say (4xx: not every subscription has it). */
  getBasicUserInfo(msisdn: string, options?: CallOptions): Promise<BasicUserInfo | undefined>;
  getAccountBalance(options?: CallOptions): Promise<AccountBalance>;
  /** Gets (or reuses) an access token: proves the API user, API key and subscription key work. */
  checkCredentials(options?: CallOptions): Promise<void>;
}

export interface CollectionOperations extends AccountOperations {
  /** 202 -> resolves. Never retried here except after a 401 the gateway gave (the request did not reach MoMo). */
  requestToPay(input: RequestToPayInput, options?: CallOptions): Promise<{ referenceId: string }>;
  /** 404 -> MomoError RESOURCE_NOT_FOUND (the request never arrived). */
  getRequestToPayStatus(referenceId: string, options?: CallOptions): Promise<RequestToPayStatus>;
  requestToPayDeliveryNotification(referenceId: string, input: DeliveryNotificationInput, options?: CallOptions): Promise<void>;
  createPayment(input: PaymentInput, options?: CallOptions): Promise<{ referenceId: string }>;
  getPaymentStatus(referenceId: string, options?: CallOptions): Promise<PaymentStatus>;
  /** POST /collection/v2_0/invoice: 202 -> resolves; the customer gets an SMS. Never retried here. */
  createInvoice(input: InvoiceInput, options?: CallOptions): Promise<{ referenceId: string }>;
  /** 404 -> MomoError RESOURCE_NOT_FOUND (the invoice never arrived). */
  getInvoiceStatus(referenceId: string, options?: CallOptions): Promise<InvoiceStatus>;
  /** DELETE /collection/v2_0/invoice/{referenceId}: the customer can no longer pay it. */
  cancelInvoice(referenceId: string, input: { externalId: string }, options?: CallOptions): Promise<void>;
}

export interface DisbursementOperations extends AccountOperations {
  transfer(input: TransferInput, options?: CallOptions): Promise<{ referenceId: string }>;
  getTransferStatus(referenceId: string, options?: CallOptions): Promise<DisbursementStatus>;
  /** v1: MoMo calls back by POST. */
  deposit(input: DepositInput, options?: CallOptions): Promise<{ referenceId: string }>;
  /** v2: MoMo calls back by PUT. */
  depositV2(input: DepositInput, options?: CallOptions): Promise<{ referenceId: string }>;
  getDepositStatus(referenceId: string, options?: CallOptions): Promise<DisbursementStatus>;
  refund(input: RefundInput, options?: CallOptions): Promise<{ referenceId: string }>;
  refundV2(input: RefundInput, options?: CallOptions): Promise<{ referenceId: string }>;
  getRefundStatus(referenceId: string, options?: CallOptions): Promise<DisbursementStatus>;
}

/** Sandbox only: in production users and keys come from the partner portal. */
export interface ProvisioningOperations {
  createApiUser(input: CreateApiUserInput, options?: CallOptions): Promise<void>;
  createApiKey(apiUser: string, options?: CallOptions): Promise<{ apiKey: string }>;
  getApiUser(apiUser: string, options?: CallOptions): Promise<ApiUserInfo>;
  /** createApiUser with a fresh UUID, then createApiKey. */
  createSandboxUser(input: { providerCallbackHost: string }, options?: CallOptions): Promise<{ apiUser: string; apiKey: string }>;
}

export interface MomoClient {
  collection: CollectionOperations;
  disbursement: DisbursementOperations;
  provisioning: ProvisioningOperations;
}
