/** One door for the cashier's payment actions, used by the buttons and by the keys alike. */
import type { PaymentAction } from '../../shared/messages';
import { useCashTender } from './stores/useCashTender';
import { useReceipt } from './stores/useReceipt';
import { useSale } from './stores/useSale';
import { useSales } from './stores/useSales';
import { usePayLater } from './stores/usePayLater';
import { useTranscript } from './stores/useTranscript';

export function runPaymentAction(action: PaymentAction, saleId: string): void {
  const sales = useSales.getState();
  switch (action) {
    case 'retry':
      void sales.retry(saleId).then(() => useSale.getState().focusOn('status'));
      return;
    case 'cash':
      // First what the customer handed over, for the change (CashTenderDialog).
      useCashTender.getState().open(saleId);
      return;
    case 'recheck':
      void sales.recheck(saleId);
      return;
    case 'cancelWaiting':
      void sales.cancelWaiting(saleId);
      return;
    case 'transcript':
      void useTranscript.getState().open(saleId);
      return;
    case 'print':
      void useReceipt.getState().open(saleId);
      return;
    case 'newInvoice':
      // Asks first (validity, payer): never sent on one key press.
      usePayLater.getState().ask(saleId);
      return;
  }
}
