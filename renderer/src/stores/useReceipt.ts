/**
 * The receipt preview: the HTML the engine renders for a sale at a paper
 * width, and printing it (Electron: the engine prints; browser mode: the
 * browser's own print, where "Save as PDF" is a printer).
 */
import { create } from 'zustand';
import { pos } from '../pos';
import { printInNewWindow } from '../printing';
import { failureOf, type Failure } from './failure';
import { useApp, type ReceiptWidth } from './useApp';

type Notice = { kind: 'info' | 'problem'; key: 'receipt.pdfHint' | 'receipt.popupBlocked' | 'receipt.savedTo'; path?: string } | { kind: 'engine'; message: string };

interface ReceiptState {
  saleId?: string;
  copy: boolean;
  width: ReceiptWidth;
  html?: string;
  loading: boolean;
  failure?: Failure;
  notice?: Notice;
  open(saleId: string, copy: boolean): Promise<void>;
  setWidth(width: ReceiptWidth): Promise<void>;
  close(): void;
  print(): Promise<void>;
  savePdf(): Promise<void>;
}

let renderRequest = 0;

export const useReceipt = create<ReceiptState>((set, get) => {
  const render = async () => {
    const { saleId, width, copy } = get();
    if (!saleId) return;
    const request = ++renderRequest;
    set({ loading: true, failure: undefined });
    const result = await pos.receipt.render({ saleId, width, ...(copy ? { copy } : {}) });
    if (request !== renderRequest) return;
    set(result.ok ? { loading: false, html: result.data.html } : { loading: false, html: undefined, failure: failureOf(result) });
  };

  const browserMode = () => useApp.getState().info?.transport !== 'ipc';

  return {
    copy: false,
    width: '80mm',
    loading: false,

    async open(saleId, copy) {
      set({ saleId, copy, width: useApp.getState().receiptWidth, html: undefined, notice: undefined });
      await render();
    },
    async setWidth(width) {
      set({ width, notice: undefined });
      await render();
    },
    close() {
      renderRequest++;
      set({ saleId: undefined, html: undefined, failure: undefined, notice: undefined, loading: false });
    },

    async print() {
      const { saleId, copy, html } = get();
      if (!saleId) return;
      if (browserMode()) {
        if (!html) return;
        set({ notice: printInNewWindow(html) ? undefined : { kind: 'problem', key: 'receipt.popupBlocked' } });
        return;
      }
      const result = await pos.receipt.print({ saleId, ...(copy ? { copy } : {}) });
      set(result.ok ? { notice: { kind: 'engine', message: result.data.message } } : { failure: failureOf(result) });
    },

    async savePdf() {
      const { saleId, copy, width, html } = get();
      if (!saleId) return;
      if (browserMode()) {
        if (!html) return;
        // The browser's print dialog is its PDF writer: "Save as PDF" is a destination there.
        set({ notice: printInNewWindow(html) ? { kind: 'info', key: 'receipt.pdfHint' } : { kind: 'problem', key: 'receipt.popupBlocked' } });
        return;
      }
      const result = await pos.receipt.savePdf({ saleId, width, ...(copy ? { copy } : {}) });
      if (!result.ok) return set({ failure: failureOf(result) });
      if (result.data.path) set({ notice: { kind: 'info', key: 'receipt.savedTo', path: result.data.path } });
    },
  };
});
