/**
 * Operation names: one per MoMo call. The client tags every recorded
 * exchange and every MomoError with one; the simulator's fault rules match
 * on the same names, so a test can say "drop the next requestToPay".
 */
export const MOMO_OPERATIONS = [
  'token',
  'createApiUser',
  'createApiKey',
  'getApiUser',
  'requestToPay',
  'getRequestToPayStatus',
  'requestToPayDeliveryNotification',
  'isAccountHolderActive',
  'getBasicUserInfo',
  'getAccountBalance',
  'createPayment',
  'getPaymentStatus',
  'createInvoice',
  'getInvoiceStatus',
  'cancelInvoice',
  'transfer',
  'getTransferStatus',
  'deposit',
  'depositV2',
  'getDepositStatus',
  'refund',
  'refundV2',
  'getRefundStatus',
] as const;

export type MomoOperation = (typeof MOMO_OPERATIONS)[number];

/** The two products that hold their own subscription key and token. */
export type MomoProduct = 'collection' | 'disbursement';

/** What an exchange was made for: a product, or the sandbox's provisioning API. */
export type ExchangeProduct = MomoProduct | 'provisioning';
