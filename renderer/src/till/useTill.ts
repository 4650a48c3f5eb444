/**
 * The till screen's state: the shift, the live X report, the last Z, the
 * refund being made. Refreshed on every shift.updated event and on
 * (re)connect ('hello'), never trusting missed events.
 */
import { create } from 'zustand';
import type { PosEvent } from '../../../shared/contract';
import type { CloseShiftResult, RefundView, ReportDocument, SaleRefunds, TillReport, TillStatus, ZReport } from '../../../shared/till-report';
import { PosError } from '../../../shared/errors';
import { pos } from '../pos';
import { failureOf, type Failure } from '../stores/failure';

export type TillAction =
  | 'load'
  | 'managerPin'
  | 'cashier'
  | 'rules'
  | 'openShift'
  | 'cashSale'
  | 'cashMovement'
  | 'closeShift'
  | 'reprint'
  | 'export'
  | 'findSale'
  | 'refund'
  | 'recheck'
  | 'readBalance';

export type ReportWidth = 'A4' | '80mm';

/** What the last action achieved, for a line of thanks the manager can read (i18n keys in shared/i18n 'till.*'). */
export type TillNotice =
  | { key: 'till.done.managerPin' }
  | { key: 'till.done.cashier'; name: string }
  | { key: 'till.done.rules' }
  | { key: 'till.done.openShift'; name: string }
  | { key: 'till.done.cashSale'; receipt: string; saleId?: string }
  | { key: 'till.done.cashIn' | 'till.done.cashOut'; amountMinor: number }
  | { key: 'till.done.export'; rows: number; fileName: string };

interface TillState {
  open: boolean;
  status?: TillStatus;
  x?: ReportDocument<TillReport>;
  /** The Z just closed, or a reprint. */
  z?: ReportDocument<ZReport>;
  /** Which report the preview shows. */
  showing: 'x' | 'z';
  width: ReportWidth;
  busy?: TillAction;
  failure?: { action: TillAction; failure: Failure };
  notice?: TillNotice;
  refundSale?: SaleRefunds;
  refund?: RefundView;

  show(open: boolean): void;
  connect(): () => void;
  load(): Promise<void>;
  setWidth(width: ReportWidth): void;
  showReport(which: 'x' | 'z'): void;
  /** Ask MoMo for the account balance now: the X report holds it against the opening balance. */
  readBalance(): Promise<boolean>;
  setManagerPin(pin: string, currentPin?: string): Promise<boolean>;
  setCashier(name: string, pin: string, managerPin: string): Promise<boolean>;
  /** maxSale: the most for one payment as typed; '' goes back to MTN's limit for the market. */
  setRules(input: { managerPin: string; feeRate?: string; feeAbove?: string; refundVia?: 'refund' | 'transfer'; maxSale?: string }): Promise<boolean>;
  openShift(cashier: string, pin: string, openingFloat: string): Promise<boolean>;
  cashSale(amount: string, tendered?: string): Promise<boolean>;
  cashMovement(kind: 'in' | 'out', amount: string, reason: string, pin?: string): Promise<boolean>;
  closeShift(countedCash: string, pin: string): Promise<boolean>;
  reprintZ(pin: string, number?: number): Promise<boolean>;
  exportCsv(from: string, to: string): Promise<boolean>;
  findSale(receiptNumber: string): Promise<boolean>;
  clearRefund(): void;
  createRefund(input: { amount: string; reason: string; pin: string; method: 'momo' | 'cash'; via?: 'refund' | 'transfer' }): Promise<boolean>;
  recheckRefund(): Promise<void>;
  print(): void;
}

/** Prints a report document in a hidden frame: the system print dialog, whose "Save as PDF" is the PDF path (browser and desktop alike). */
function printDocument(html: string): void {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  frame.srcdoc = html;
  frame.addEventListener(
    'load',
    () => {
      setTimeout(() => {
        frame.contentWindow?.focus();
        frame.contentWindow?.print();
        setTimeout(() => frame.remove(), 60_000);
      }, 100);
    },
    { once: true },
  );
  document.body.append(frame);
}

function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The document's language, as the engine wrote it (<html lang="fr">). */
const languageOf = (document: ReportDocument<TillReport>) => /<html lang="([^"]*)"/.exec(document.html.A4)?.[1];

/** The same numbers in the same language (the printed time aside): keep the document on screen as it is. */
function sameReport(a: ReportDocument<TillReport> | undefined, b: ReportDocument<TillReport>): boolean {
  return a !== undefined && languageOf(a) === languageOf(b) && JSON.stringify({ ...a.report, generatedAt: '' }) === JSON.stringify({ ...b.report, generatedAt: '' });
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refundPoll: ReturnType<typeof setTimeout> | undefined;

export const useTill = create<TillState>((set, get) => {
  /** Runs one action: busy while it runs, its failure (or notice) kept for the screen. */
  const run = async <T>(action: TillAction, call: () => Promise<{ ok: true; data: T } | { ok: false; code: string; message: string; field?: string }>, done?: (data: T) => void): Promise<boolean> => {
    set({ busy: action, failure: undefined, notice: undefined });
    const result = await call();
    if (!result.ok) {
      set({ busy: undefined, failure: { action, failure: failureOf(result) } });
      return false;
    }
    set({ busy: undefined });
    done?.(result.data);
    return true;
  };

  const refresh = async () => {
    const [status, x] = await Promise.all([pos.till.status({}), pos.till.xReport({})]);
    if (status.ok) set({ status: status.data });
    if (x.ok && !sameReport(get().x, x.data)) set({ x: x.data });
    if (!status.ok) set({ failure: { action: 'load', failure: failureOf(status) } });
    const refund = get().refund;
    if (refund) {
      const again = await pos.refund.get({ refundId: refund.id });
      if (again.ok) set({ refund: again.data });
      const sale = get().refundSale;
      if (sale) {
        const fresh = await pos.refund.forSale({ saleId: sale.saleId });
        if (fresh.ok) set({ refundSale: fresh.data });
      }
    }
  };

  const refreshSoon = () => {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void refresh(), 150);
  };

  return {
    open: false,
    showing: 'x',
    width: 'A4',

    show(open) {
      set({ open, failure: undefined, notice: undefined });
      if (open) void get().load();
    },

    connect() {
      return pos.events.subscribe((event: PosEvent) => {
        if (event.type === 'shift.updated' || event.type === 'hello' || event.type === 'settings.changed') refreshSoon();
        // A paid sale changes the X report too.
        if (event.type === 'payment.updated' && (event.payment.status === 'successful' || event.sale.status !== 'awaiting_payment')) refreshSoon();
      });
    },

    async load() {
      set({ busy: 'load' });
      await refresh();
      set({ busy: undefined });
    },

    setWidth(width) {
      set({ width });
    },

    showReport(which) {
      set({ showing: which });
    },

    readBalance() {
      return run('readBalance', () => pos.till.xReport({ readBalance: true }), (x) => set({ x, showing: 'x' }));
    },

    setManagerPin(pin, currentPin) {
      return run('managerPin', () => pos.till.setManagerPin(currentPin ? { pin, currentPin } : { pin }), (status) => set({ status, notice: { key: 'till.done.managerPin' } }));
    },

    setCashier(name, pin, managerPin) {
      return run('cashier', () => pos.till.setCashier({ name, pin, managerPin }), (status) => set({ status, notice: { key: 'till.done.cashier', name: name.trim() } }));
    },

    setRules(input) {
      return run('rules', () => pos.till.setRules(input), (status) => {
        set({ status, notice: { key: 'till.done.rules' } });
        refreshSoon();
      });
    },

    openShift(cashier, pin, openingFloat) {
      return run('openShift', () => pos.till.openShift({ cashier, pin, openingFloat }), (shift) => {
        set({ notice: { key: 'till.done.openShift', name: shift.cashier }, showing: 'x' });
        void refresh();
      });
    },

    cashSale(amount, tendered) {
      return run('cashSale', () => pos.sale.payCash(tendered ? { amount, tendered } : { amount }), (sale) => {
        set({ notice: { key: 'till.done.cashSale', receipt: sale.receiptNumber, saleId: sale.id } });
        void refresh();
      });
    },

    cashMovement(kind, amount, reason, pin) {
      return run('cashMovement', () => pos.till.cashMovement(pin ? { kind, amount, reason, pin } : { kind, amount, reason }), (movement) => {
        set({ notice: { key: kind === 'in' ? 'till.done.cashIn' : 'till.done.cashOut', amountMinor: movement.amountMinor } });
        void refresh();
      });
    },

    closeShift(countedCash, pin) {
      return run('closeShift', () => pos.till.closeShift({ countedCash, pin }), (result: CloseShiftResult) => {
        if (refundPoll) clearTimeout(refundPoll);
        // The shift is over: the Z report is what matters now, not a refund form left open.
        set({ z: { report: result.report, html: result.html }, showing: 'z', refundSale: undefined, refund: undefined });
        // "Close the shift and print the Z report": the print dialog comes with it.
        printDocument(result.html[get().width]);
        void refresh();
      });
    },

    reprintZ(pin, number) {
      return run('reprint', () => pos.till.zReport(number === undefined ? { pin } : { pin, number }), (z) => set({ z, showing: 'z' }));
    },

    exportCsv(from, to) {
      return run('export', () => pos.till.exportCsv({ from, to }), (data) => {
        download(data.csv, data.fileName);
        set({ notice: { key: 'till.done.export', rows: data.rows, fileName: data.fileName } });
      });
    },

    async findSale(receiptNumber) {
      set({ refundSale: undefined, refund: undefined });
      const search = receiptNumber.trim();
      return run(
        'findSale',
        async () => {
          const list = await pos.sale.list({ search, limit: 5 });
          if (!list.ok) return list;
          const exact = list.data.find((sale) => sale.receiptNumber.toUpperCase() === search.toUpperCase()) ?? (list.data.length === 1 ? list.data[0] : undefined);
          if (!exact) {
            const missing = new PosError('NOT_FOUND', 'error.till.noSaleWithReceipt', { receipt: search }, 'receipt');
            return { ok: false as const, code: missing.code, message: missing.message, key: missing.key, params: missing.params, field: 'receipt' };
          }
          return pos.refund.forSale({ saleId: exact.id });
        },
        (sale) => set({ refundSale: sale }),
      );
    },

    clearRefund() {
      if (refundPoll) clearTimeout(refundPoll);
      set({ refundSale: undefined, refund: undefined, failure: undefined });
    },

    createRefund(input) {
      const sale = get().refundSale;
      if (!sale) return Promise.resolve(false);
      return run('refund', () => pos.refund.create({ saleId: sale.saleId, ...input }), (refund) => {
        // The form goes; what happened to the money stays on screen.
        set({ refund, refundSale: undefined });
        void refresh();
        // Until MoMo's answer lands (the engine polls; events refresh us), look again now and then.
        const follow = (delay: number) => {
          if (refundPoll) clearTimeout(refundPoll);
          refundPoll = setTimeout(async () => {
            const current = get().refund;
            if (!current || current.id !== refund.id || ['successful', 'failed', 'rejected', 'expired'].includes(current.status)) return;
            await refresh();
            follow(Math.min(delay * 2, 10_000));
          }, delay);
        };
        follow(1000);
      });
    },

    async recheckRefund() {
      const refund = get().refund;
      if (!refund) return;
      await run('recheck', () => pos.refund.get({ refundId: refund.id, recheck: true }), (fresh) => set({ refund: fresh }));
    },

    print() {
      const { showing, x, z, width } = get();
      const html = (showing === 'z' ? z : x)?.html[width];
      if (html) printDocument(html);
    },
  };
});
