/** The support transcript of a payment, shown in a dialog (and copied when the clipboard allows). */
import { create } from 'zustand';
import { latestPayment } from '../../../shared/messages';
import { pos } from '../pos';
import { failureOf, type Failure } from './failure';
import { useSales } from './useSales';

interface TranscriptState {
  saleId?: string;
  paymentId?: string;
  text?: string;
  loading: boolean;
  failure?: Failure;
  open(saleId: string): Promise<void>;
  close(): void;
}

export const useTranscript = create<TranscriptState>((set, get) => ({
  loading: false,
  async open(saleId) {
    const sale = useSales.getState().byId[saleId];
    const payment = sale ? latestPayment(sale.payments) : undefined;
    if (!payment) return;
    set({ saleId, paymentId: payment.id, text: undefined, failure: undefined, loading: true });
    const result = await pos.payment.transcript({ paymentId: payment.id });
    if (get().paymentId !== payment.id) return;
    set(result.ok ? { loading: false, text: result.data.text } : { loading: false, failure: failureOf(result) });
  },
  close() {
    set({ saleId: undefined, paymentId: undefined, text: undefined, failure: undefined, loading: false });
  },
}));
