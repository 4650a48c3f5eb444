/**
 * Pay later asks first: the invoice, its payer and how long it stays payable
 * are confirmed before anything leaves (a first invoice for the sale being
 * typed, or a new one for a sale whose invoice was cancelled, expired or
 * declined — never a prompt to a customer who is not at the counter).
 */
import { create } from 'zustand';
import { useSale } from './useSale';
import { useSales } from './useSales';

/** The validity choices, in hours; 24 is MoMo's usual and the default. */
export const INVOICE_HOURS = [1, 4, 24, 72, 168] as const;
export const DEFAULT_HOURS = 24;

interface PayLaterState {
  /** The confirmation on screen: for the sale being typed (no saleId) or a new invoice for a sale already made. */
  asking?: { saleId?: string };
  hours: number;
  ask(saleId?: string): void;
  setHours(hours: number): void;
  close(): void;
  confirm(): Promise<void>;
}

export const usePayLater = create<PayLaterState>((set, get) => ({
  hours: DEFAULT_HOURS,

  ask(saleId) {
    // A first invoice: the fields are checked before the question (the first wrong one takes the focus).
    if (!saleId && !useSale.getState().readyToSend()) return;
    set({ asking: saleId ? { saleId } : {}, hours: DEFAULT_HOURS });
  },

  setHours(hours) {
    set({ hours });
  },

  close() {
    set({ asking: undefined });
  },

  async confirm() {
    const asking = get().asking;
    if (!asking) return;
    const { hours } = get();
    set({ asking: undefined });
    if (asking.saleId) {
      await useSales.getState().retry(asking.saleId, hours);
      useSale.getState().focusOn('status');
    } else await useSale.getState().payLater(hours);
  },
}));
