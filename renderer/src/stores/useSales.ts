/**
 * Today's sales and their payments, kept live: the event stream updates
 * them, and on every (re)connect ('hello') the list and the sale on screen
 * are fetched again instead of trusting missed events.
 */
import { create } from 'zustand';
import type { PaymentView, PosEvent, SaleView } from '../../../shared/contract';
import type { TodaySummary } from '../../../shared/till-report';
import { latestPayment, type PaymentAction } from '../../../shared/messages';
import { pos } from '../pos';
import { failureOf, type Failure } from './failure';
import { useApp } from './useApp';

const LIST_LIMIT = 200;
const SEARCH_DELAY_MS = 250;
/** Events come in bursts (a payment's steps, a refund's): today's money is asked once after them. */
const TODAY_DELAY_MS = 300;

interface SalesState {
  byId: Record<string, SaleView>;
  /** Today's sales, or the search results, newest first. */
  listIds: string[];
  search: string;
  loaded: boolean;
  listFailure?: Failure;
  /** Today's money as the till counts it (taken, refunded, net): asked from the engine, never summed here. */
  today?: TodaySummary;
  /** The sale the status panel shows (the one just charged, or one picked in the list). */
  shownSaleId?: string;
  /** Which action runs for which sale, so its button can say so and not run twice. */
  busy: Record<string, PaymentAction | undefined>;
  actionFailure?: { saleId: string; failure: Failure };
  /** When the cashier's Check now last asked MTN, per sale: the screen says it asked. */
  checkedAt: Record<string, string | undefined>;

  /** Follows the event stream; `onHello` runs on every (re)connect instead of a plain refresh. */
  connect(onHello?: () => void): () => void;
  refresh(): Promise<void>;
  setSearch(text: string): void;
  upsert(sale: SaleView): void;
  show(saleId: string | undefined): void;
  recheck(saleId: string): Promise<void>;
  cancelWaiting(saleId: string): Promise<void>;
  /** A new attempt of the same kind: a prompt again, or a new invoice payable for validHours. */
  retry(saleId: string, validHours?: number): Promise<void>;
  /** `tendered`: the cash the customer handed over (the engine works out the change). */
  payCash(saleId: string, tendered?: string): Promise<void>;
}

/** The newest thing we know about a sale: its latest payment update. */
function freshness(sale: SaleView): string {
  return sale.payments.reduce((latest, payment) => (payment.updatedAt > latest ? payment.updatedAt : latest), '');
}

function byNewest(byId: Record<string, SaleView>) {
  return (a: string, b: string) => (byId[b]?.createdAt ?? '').localeCompare(byId[a]?.createdAt ?? '');
}

function withPayment(sale: SaleView, payment: PaymentView): SaleView {
  const others = sale.payments.filter((p) => p.id !== payment.id);
  return { ...sale, payments: [...others, payment].sort((a, b) => a.attempt - b.attempt) };
}

function matchesSearch(sale: SaleView, search: string): boolean {
  const query = search.trim().toLowerCase();
  if (!query) return true;
  const digits = query.replace(/\D/g, '');
  return sale.receiptNumber.toLowerCase().includes(query) || (digits !== '' && (sale.maskedPayer ?? '').replace(/\D/g, '').includes(digits));
}

let searchTimer: ReturnType<typeof setTimeout> | undefined;
let todayTimer: ReturnType<typeof setTimeout> | undefined;
let listRequest = 0;

export const useSales = create<SalesState>((set, get) => {
  const loadList = async () => {
    const request = ++listRequest;
    const search = get().search.trim();
    const result = await pos.sale.list(search ? { search, limit: LIST_LIMIT } : { limit: LIST_LIMIT });
    if (request !== listRequest) return; // a newer search is on its way
    if (!result.ok) return set({ listFailure: failureOf(result), loaded: true });
    const byId = { ...get().byId };
    for (const sale of result.data) byId[sale.id] = sale;
    set({ byId, listIds: result.data.map((sale) => sale.id).sort(byNewest(byId)), listFailure: undefined, loaded: true });
  };

  const loadToday = async () => {
    const result = await pos.till.today({});
    if (result.ok) set({ today: result.data });
  };
  /** withList: a sale may have been made elsewhere (a cash sale on the Till screen says shift.updated, not payment.updated). */
  let listToo = false;
  const loadTodaySoon = (withList = false) => {
    listToo ||= withList;
    clearTimeout(todayTimer);
    todayTimer = setTimeout(() => {
      const list = listToo;
      listToo = false;
      void (list ? Promise.all([loadToday(), loadList()]) : loadToday());
    }, TODAY_DELAY_MS);
  };

  const refetchSale = async (saleId: string) => {
    const result = await pos.sale.get({ saleId });
    if (result.ok) get().upsert(result.data);
  };

  /** Runs one cashier action for a sale; its answer (or failure) lands in the store. */
  const run = async (saleId: string, action: PaymentAction, call: () => Promise<{ ok: true } | { ok: false; code: string; message: string; field?: string }>) => {
    if (get().busy[saleId]) return;
    set((state) => ({ busy: { ...state.busy, [saleId]: action }, actionFailure: state.actionFailure?.saleId === saleId ? undefined : state.actionFailure }));
    try {
      const result = await call();
      if (!result.ok) set({ actionFailure: { saleId, failure: failureOf(result) } });
    } finally {
      set((state) => ({ busy: { ...state.busy, [saleId]: undefined } }));
    }
  };

  const latestOf = (saleId: string) => {
    const sale = get().byId[saleId];
    return sale ? latestPayment(sale.payments) : undefined;
  };

  return {
    byId: {},
    listIds: [],
    search: '',
    loaded: false,
    busy: {},
    checkedAt: {},

    connect(onHello) {
      const onEvent = (event: PosEvent) => {
        if (event.type === 'payment.updated') get().upsert(event.sale);
        else if (event.type === 'hello') void (onHello ? onHello() : get().refresh());
        else if (event.type === 'settings.changed') void useApp.getState().load();
        // A payment's money, a cash sale, a refund (the till says shift.updated) or another ledger: today's money moved.
        if (event.type === 'payment.updated' || event.type === 'shift.updated' || event.type === 'settings.changed') loadTodaySoon(event.type === 'shift.updated');
      };
      return pos.events.subscribe(onEvent);
    },

    async refresh() {
      const shown = get().shownSaleId;
      await Promise.all([loadList(), loadToday(), shown ? refetchSale(shown) : Promise.resolve()]);
    },

    setSearch(text) {
      set({ search: text });
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => void loadList(), SEARCH_DELAY_MS);
    },

    upsert(incoming) {
      set((state) => {
        const known = state.byId[incoming.id];
        // An answer can overtake an event (or the reverse): never go back to an older state.
        const sale = known && freshness(known) > freshness(incoming) ? known : incoming;
        const byId = { ...state.byId, [sale.id]: sale };
        const listed = state.listIds.includes(sale.id);
        const listIds = listed || !matchesSearch(sale, state.search) ? state.listIds : [sale.id, ...state.listIds].sort(byNewest(byId));
        return { byId, listIds };
      });
    },

    show(saleId) {
      set({ shownSaleId: saleId });
    },

    recheck(saleId) {
      return run(saleId, 'recheck', async () => {
        const payment = latestOf(saleId);
        if (!payment) return { ok: true };
        const result = await pos.payment.recheck({ paymentId: payment.id });
        if (!result.ok) return result;
        set((state) => ({ checkedAt: { ...state.checkedAt, [saleId]: new Date().toISOString() } }));
        const sale = get().byId[saleId];
        if (sale) get().upsert(withPayment(sale, result.data));
        await refetchSale(saleId); // the sale's own status may have moved with it
        return { ok: true };
      });
    },

    cancelWaiting(saleId) {
      return run(saleId, 'cancelWaiting', async () => {
        const payment = latestOf(saleId);
        if (!payment) return { ok: true };
        const result = await pos.payment.cancelWaiting({ paymentId: payment.id });
        if (!result.ok) return result;
        const sale = get().byId[saleId];
        if (sale) get().upsert(withPayment(sale, result.data));
        await refetchSale(saleId);
        return { ok: true };
      });
    },

    retry(saleId, validHours) {
      return run(saleId, validHours ? 'newInvoice' : 'retry', async () => {
        const result = await pos.payment.retry(validHours ? { saleId, validHours } : { saleId });
        if (!result.ok) return result;
        get().upsert(result.data.sale);
        return { ok: true };
      });
    },

    payCash(saleId, tendered) {
      return run(saleId, 'cash', async () => {
        const result = await pos.sale.payCash(tendered ? { saleId, tendered } : { saleId });
        if (!result.ok) return result;
        get().upsert(result.data);
        return { ok: true };
      });
    },
  };
});
