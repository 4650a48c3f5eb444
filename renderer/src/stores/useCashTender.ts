/**
 * Take cash for a sale MoMo did not pay: which sale is being settled, and
 * the cash the customer handed over (text, never a float), for the change.
 */
import { create } from 'zustand';
import { parseAmount } from '../../../shared/money';
import { useSales } from './useSales';

interface CashTenderState {
  saleId?: string;
  /** The change to give for the sale just settled: it stays on screen once the dialog is gone. */
  lastChange?: { saleId: string; changeMinor: number };
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
    // Settled: the dialog goes (the change stays said in the status panel); refused: it stays with the reason shown in the status panel.
    if (!useSales.getState().actionFailure || useSales.getState().actionFailure?.saleId !== saleId) set({ saleId: undefined, lastChange: changeFor(saleId, tendered) });
  },
}));

/** What the customer gets back: the cash handed over minus the sale (none when the exact amount was taken). */
function changeFor(saleId: string, tendered: string): CashTenderState['lastChange'] {
  const sale = useSales.getState().byId[saleId];
  if (!sale || !tendered.trim()) return undefined;
  try {
    const changeMinor = parseAmount(tendered, sale.currency, 'tendered') - sale.amountMinor;
    return changeMinor > 0 ? { saleId, changeMinor } : undefined;
  } catch {
    return undefined;
  }
}
