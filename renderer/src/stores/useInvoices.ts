/**
 * Pay later: the MoMo invoices not paid, expired or cancelled yet (any day),
 * soonest expiry first, kept fresh from the payment events.
 */
import { create } from 'zustand';
import type { PosEvent, SaleView } from '../../../shared/contract';
import { pos } from '../pos';
import { failureOf, type Failure } from './failure';

interface InvoicesState {
  open: SaleView[];
  /** The payment being checked or cancelled. */
  busy?: string;
  failure?: Failure;
  /** The invoice the cashier is asked to confirm cancelling. */
  confirming?: string;
  /** What the last cancel did, said plainly (the row itself is gone). */
  notice?: { receipt: string; outcome: 'cancelled' | 'paid' };
  connect(): () => void;
  askCancel(paymentId: string | undefined): void;
  refresh(): Promise<void>;
  checkNow(paymentId: string): Promise<void>;
  cancel(paymentId: string): Promise<void>;
}

export const useInvoices = create<InvoicesState>((set, get) => ({
  open: [],

  connect() {
    const onEvent = (event: PosEvent) => {
      if ((event.type === 'payment.updated' && event.payment.kind === 'invoice') || event.type === 'hello' || event.type === 'settings.changed') void get().refresh();
    };
    return pos.events.subscribe(onEvent);
  },

  async refresh() {
    const result = await pos.sale.openInvoices({});
    if (result.ok) set({ open: result.data });
  },

  async checkNow(paymentId) {
    set({ busy: paymentId, failure: undefined });
    const result = await pos.payment.recheck({ paymentId });
    set({ busy: undefined, ...(result.ok ? {} : { failure: failureOf(result) }) });
    await get().refresh();
  },

  askCancel(paymentId) {
    set({ confirming: paymentId, notice: undefined });
  },

  async cancel(paymentId) {
    const receipt = get().open.find((sale) => sale.payments.some((payment) => payment.id === paymentId))?.receiptNumber ?? '';
    set({ busy: paymentId, failure: undefined, confirming: undefined, notice: undefined });
    const result = await pos.payment.cancelInvoice({ paymentId });
    set({
      busy: undefined,
      ...(result.ok ? { notice: { receipt, outcome: result.data.status === 'successful' ? ('paid' as const) : ('cancelled' as const) } } : { failure: failureOf(result) }),
    });
    await get().refresh();
  },
}));
