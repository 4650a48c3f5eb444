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
  /** The support bundle beside the transcript: being made, saved (name and size), or refused. */
  bundle?: { busy: boolean; saved?: { fileName: string; kilobytes: number }; failure?: Failure };
  /** Makes the support bundle (manager PIN) and saves it as a download. */
  saveBundle(pin: string): Promise<void>;
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
  async saveBundle(pin) {
    set({ bundle: { busy: true } });
    const result = await pos.till.supportBundle({ pin });
    if (!result.ok) {
      set({ bundle: { busy: false, failure: failureOf(result) } });
      return;
    }
    const bytes = Uint8Array.from(atob(result.data.base64), (char) => char.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = result.data.fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    set({ bundle: { busy: false, saved: { fileName: result.data.fileName, kilobytes: Math.ceil(result.data.bytes / 1024) } } });
  },
  close() {
    set({ saleId: undefined, paymentId: undefined, text: undefined, failure: undefined, loading: false, bundle: undefined });
  },
}));
