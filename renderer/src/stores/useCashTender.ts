/**
 * Take cash for a sale MoMo did not pay: which sale is being settled, and
 * the cash the customer handed over (text, never a float), for the change.
 */
import { create } from 'zustand';
import { useSales } from './useSales';

interface CashTenderState {
  saleId?: string;
  open(saleId: string): void;
  close(): void;
  /** Settles the sale in cash; `tendered` empty means the exact amount. */
  confirm(tendered: string): Promise<void>;
}

export const useCashTender = create<CashTenderState>((set, get) => ({
  open(saleId) {
    set({ saleId });
  },
  close() {
    set({ saleId: undefined });
  },
  async confirm(tendered) {
    const saleId = get().saleId;
    if (!saleId) return;
    await useSales.getState().payCash(saleId, tendered.trim() || undefined);
    // Settled: the dialog goes; refused: it stays with the reason shown in the status panel.
    if (!useSales.getState().actionFailure || useSales.getState().actionFailure?.saleId !== saleId) set({ saleId: undefined });
  },
}));
