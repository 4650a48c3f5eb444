/**
 * The routes both products answer: is an account holder active, the payer's
 * basic user info, and the merchant wallet's balance (settled lazily, as the
 * statuses are).
 */
import { INACTIVE_ACCOUNTS } from './outcomes';
import type { ProductContext } from './transactions';
import type { Handler } from './types';
import { NOT_FOUND } from './validation';
import type { Wallet } from './wallet';

export function accountRoutes({ options, book }: ProductContext, wallet: Wallet): Record<'isAccountHolderActive' | 'getBasicUserInfo' | 'getAccountBalance', Handler> {
  return {
    isAccountHolderActive(match) {
      const id = decodeURIComponent(match[3] ?? '');
      return { status: 200, json: { result: !INACTIVE_ACCOUNTS.has(id) } };
    },
    getBasicUserInfo(match) {
      const msisdn = decodeURIComponent(match[2] ?? '');
      if (INACTIVE_ACCOUNTS.has(msisdn)) return NOT_FOUND;
      return { status: 200, json: { given_name: 'Sand', family_name: 'Box', birthdate: '1976-08-13', locale: 'sv_SE', gender: 'MALE', status: 'ACTIVE' } };
    },
    getAccountBalance(match) {
      const product = match[1] as 'collection' | 'disbursement';
      const fixed = options.balances?.[product];
      if (fixed) return { status: 200, json: fixed };
      // Settled lazily, as statuses are: every transaction that is successful by now moves the wallet once.
      for (const transaction of book.transactions.values()) {
        if (book.currentStatus(transaction).status !== 'SUCCESSFUL') continue;
        const { amount, currency } = book.moneyOf(transaction);
        if (transaction.kind === 'requestToPay' || transaction.kind === 'payment' || transaction.kind === 'invoice') {
          wallet.settle(transaction.referenceId, amount, 1, options.collectionFee?.(amount, currency));
        } else wallet.settle(transaction.referenceId, amount, -1);
      }
      return { status: 200, json: { availableBalance: wallet.balance(), currency: options.walletCurrency?.() ?? book.defaultCurrency } };
    },
  };
}
