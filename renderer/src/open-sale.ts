/**
 * The sale on the counter comes from the engine: one picked in the list shows
 * its own phone, amount and note beside its status, and after a reload or a
 * reconnect the payment still waiting is put back on screen.
 */
import type { SaleView } from '../../shared/contract';
import { latestPayment } from '../../shared/messages';
import { isFinal } from '../../shared/payment-states';
import { useSale } from './stores/useSale';
import { useSales } from './stores/useSales';

export function openSale(saleId: string): void {
  const sale = useSales.getState().byId[saleId];
  useSales.getState().show(saleId);
  if (sale) useSale.getState().showSale(sale);
}

/** Still waiting for the customer and the cashier has not stopped waiting. */
function stillWaiting(sale: SaleView): boolean {
  const payment = latestPayment(sale.payments);
  return sale.status === 'awaiting_payment' && payment !== undefined && !isFinal(payment.status) && !payment.waitingCancelled;
}

/** Fetches the list again; with nothing on the counter, shows the newest sale still waiting. */
export async function resumeCounter(): Promise<void> {
  await useSales.getState().refresh();
  const sales = useSales.getState();
  const form = useSale.getState();
  const busy = sales.shownSaleId || form.chargedSaleId || form.charging || form.phone.trim() || form.amount.trim() || form.note.trim();
  if (busy) return;
  const waiting = sales.listIds.map((id) => sales.byId[id]).find((sale) => sale !== undefined && stillWaiting(sale));
  if (waiting) openSale(waiting.id);
}
