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
  connect(): () => void;
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

  async cancel(paymentId) {
    set({ busy: paymentId, failure: undefined });
    const result = await pos.payment.cancelInvoice({ paymentId });
    set({ busy: undefined, ...(result.ok ? {} : { failure: failureOf(result) }) });
    await get().refresh();
  },
}));
