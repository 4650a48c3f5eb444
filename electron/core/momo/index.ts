/**
 * The MoMo Open API client: the one door to MTN Mobile Money.
 *
 *   const momo = createMomoClient({ baseUrl, targetEnvironment, collection, disbursement });
 *   await momo.collection.requestToPay({ referenceId, amount: '1000', currency: 'RWF', externalId, payer });
 *   const s = await momo.collection.getRequestToPayStatus(referenceId);
 *
 * Facts it follows: docs/momo.md. Failures are MomoError.
 */
export { createMomoClient, keyDestinationProblem, DEFAULT_TIMEOUT_MS } from './client';
export { MomoError, isMomoError, CLIENT_ERROR_CODES, errorFromResponse, isSubscriptionKeyRefusal, provablyNotSent } from './errors';
export type { MomoErrorInit } from './errors';
export { redactSecrets, redactHeaders, redactBody, redactText, REDACTED, type Secret } from './redaction';
export { MOMO_OPERATIONS, type MomoOperation, type MomoProduct, type ExchangeProduct } from './operations';
export { TOKEN_REFRESH_MARGIN_MS } from './tokens';
export { NOTIFICATION_MAX_LENGTH } from './requests';
export { normaliseTransactionStatus } from './status';
export type {
  AccountBalance,
  AccountOperations,
  ApiUserInfo,
  BasicUserInfo,
  CallOptions,
  CollectionOperations,
  CreateApiUserInput,
  DeliveryNotificationInput,
  DepositInput,
  DisbursementOperations,
  DisbursementStatus,
  ExchangeListener,
  MomoClient,
  MomoClientOptions,
  MomoExchange,
  Party,
  PartyIdType,
  PaymentInput,
  PaymentStatus,
  ProductCredentials,
  ProvisioningCredentials,
  ProvisioningOperations,
  Reason,
  RefundInput,
  RequestToPayInput,
  RequestToPayStatus,
  StatusName,
  TransactionStatus,
  TransferInput,
} from './types';
