/**
 * The receipt preview: the HTML the engine renders for a sale at a paper
 * width, and printing it (Electron: the engine prints; browser mode: the
 * browser's own print, where "Save as PDF" is a printer).
 */
import { create } from 'zustand';
import type { FiscalReceiptView } from '../../../shared/contract';
import type { Notice as EngineNotice } from '../../../shared/errors';
import { pos } from '../pos';
import { openPrintWindow, printIn } from '../printing';
import { failureOf, type Failure } from './failure';
import { useApp, type ReceiptWidth } from './useApp';

type Notice = { kind: 'info' | 'problem'; key: 'receipt.pdfHint' | 'receipt.popupBlocked' | 'receipt.savedTo'; path?: string } | { kind: 'engine'; said: EngineNotice };

interface ReceiptState {
  saleId?: string;
  /** Marked COPY: the engine says so when the receipt was printed before. */
  copy: boolean;
  width: ReceiptWidth;
  html?: string;
  loading: boolean;
  failure?: Failure;
  notice?: Notice;
  /** The receipt number, when the sale is not in today's list (a cash sale made in the Till). */
  receiptNumber?: string;
  /** The sale's fiscal receipt (EBM), when the till issues them: pending until the device signs it. */
  fiscal?: FiscalReceiptView;
  /** The signature arrived while this receipt was on screen: the official receipt can be printed now. */
  fiscalJustSigned: boolean;
  open(saleId: string, receiptNumber?: string): Promise<void>;
  /** A fiscal.updated event for the sale on screen: the block changes, the preview is rendered again. */
  fiscalUpdated(view: FiscalReceiptView): Promise<void>;
  setWidth(width: ReceiptWidth): Promise<void>;
  close(): void;
  print(): Promise<void>;
  savePdf(): Promise<void>;
}

let renderRequest = 0;

export const useReceipt = create<ReceiptState>((set, get) => {
  const render = async () => {
    const { saleId, width } = get();
    if (!saleId) return;
    const request = ++renderRequest;
    set({ loading: true, failure: undefined });
    const result = await pos.receipt.render({ saleId, width });
    if (request !== renderRequest) return;
    set(result.ok ? { loading: false, html: result.data.html, copy: result.data.copy ?? false } : { loading: false, html: undefined, failure: failureOf(result) });
  };

  /** Browser mode: the engine records the print and marks it (original the first time, COPY after), then the browser prints it. */
  const printInBrowser = async (notice: Notice | undefined) => {
    const { saleId, width } = get();
    if (!saleId) return;
    const win = openPrintWindow();
    if (!win) return set({ notice: { kind: 'problem', key: 'receipt.popupBlocked' } });
    const result = await pos.receipt.render({ saleId, width, print: true });
    if (!result.ok) {
      win.close();
      return set({ failure: failureOf(result) });
    }
    printIn(win, result.data.html);
    set({ notice });
    await render(); // the preview now says what the next print will be (COPY)
  };

  const browserMode = () => useApp.getState().info?.transport !== 'ipc';

  return {
    copy: false,
    width: '80mm',
    loading: false,
    fiscalJustSigned: false,

    async open(saleId, receiptNumber) {
      set({ saleId, receiptNumber, copy: false, width: useApp.getState().receiptWidth, html: undefined, notice: undefined, fiscal: undefined, fiscalJustSigned: false });
      const fiscal = pos.fiscal.receipt({ saleId }).then((result) => {
        // No fiscal device (or an engine without fiscal receipts): the receipt is shown as it is.
        // An event may have brought the signature while this was on its way: a finished receipt never goes back to pending.
        const known = get().fiscal;
        if (result.ok && get().saleId === saleId && result.data.status !== 'none' && !(known && known.status !== 'pending')) set({ fiscal: result.data });
      });
      await Promise.all([render(), fiscal]);
    },
    async fiscalUpdated(view) {
      const before = get().fiscal;
      const nowSigned = view.status === 'signed' && before?.status !== 'signed';
      set({ fiscal: view, ...(nowSigned && before ? { fiscalJustSigned: true } : {}) });
      await render();
    },
    async setWidth(width) {
      set({ width, notice: undefined });
      await render();
    },
    close() {
      renderRequest++;
      set({ saleId: undefined, html: undefined, failure: undefined, notice: undefined, loading: false, fiscal: undefined, fiscalJustSigned: false });
    },

    async print() {
      const { saleId } = get();
      if (!saleId) return;
      if (browserMode()) return printInBrowser(undefined);
      const result = await pos.receipt.print({ saleId });
      set(result.ok ? { notice: { kind: 'engine', said: result.data } } : { failure: failureOf(result) });
      if (result.ok) await render();
    },

    async savePdf() {
      const { saleId, copy, width } = get();
      if (!saleId) return;
      // The browser's print dialog is its PDF writer: "Save as PDF" is a destination there.
      if (browserMode()) return printInBrowser({ kind: 'info', key: 'receipt.pdfHint' });
      const result = await pos.receipt.savePdf({ saleId, width, ...(copy ? { copy } : {}) });
      if (!result.ok) return set({ failure: failureOf(result) });
      if (result.data.path) set({ notice: { kind: 'info', key: 'receipt.savedTo', path: result.data.path } });
    },
  };
});
