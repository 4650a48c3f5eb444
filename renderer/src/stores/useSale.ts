/**
 * The sale being typed at the counter: phone, amount, note, the optional
 * payer-name check, and the charge itself. Input is checked here with the
 * shared rules before anything is sent; the engine checks again.
 */
import { create } from 'zustand';
import type { PayerLookup, SaleView } from '../../../shared/contract';
import { toDecimalString } from '../../../shared/money';
import { describeFailure } from '../../../shared/error-text';
import { noticeOf, type Notice } from '../../../shared/errors';
import { translate } from '../../../shared/i18n';
import { checkAmount, checkPhone } from '../counter-rules';
import { pos } from '../pos';
import { failureOf, type Failure } from './failure';
import { useApp } from './useApp';
import { useInvoices } from './useInvoices';
import { useSales } from './useSales';

export type SaleField = 'phone' | 'amount' | 'note';
const FIELDS: readonly string[] = ['phone', 'amount', 'note'];
const NOTE_MAX = 140;

interface PayerCheck {
  /** The phone text the check was made for: a changed number drops it. */
  phone: string;
  loading: boolean;
  lookup?: PayerLookup;
  failure?: Failure;
}

interface SaleState {
  phone: string;
  amount: string;
  note: string;
  /** Keyed sentences from the shared rules or the engine; worded on screen in the cashier's language. */
  errors: Partial<Record<SaleField, Notice | Failure>>;
  /** A refusal that is not about one field (engine down, …). */
  failure?: Failure;
  payer?: PayerCheck;
  phoneWarning?: Notice;
  charging: boolean;
  /** Set once charged: the form is done, New sale starts the next one. */
  chargedSaleId?: string;
  /** Asks a field (or the status panel) to take the keyboard focus; the number makes each request new. */
  focus: { target: SaleField | 'status'; request: number };

  setPhone(text: string): void;
  setAmount(text: string): void;
  setNote(text: string): void;
  checkField(field: SaleField): void;
  lookupPayer(): Promise<void>;
  charge(): Promise<void>;
  /** The same sale as a MoMo invoice the customer pays later from their own phone, payable for validHours. */
  payLater(validHours?: number): Promise<void>;
  /** Checks every field; false (with the errors shown and the first wrong field focused) when something is wrong. */
  readyToSend(): boolean;
  newSale(): void;
  /** Fills the (locked) form with a sale already made: opened from the list, or found waiting after a reload. */
  showSale(sale: SaleView): void;
  focusOn(target: SaleField | 'status'): void;
}

function fieldError(field: SaleField, text: string): Notice | undefined {
  const info = useApp.getState().info;
  if (!info) return undefined;
  if (field === 'phone') {
    const phone = checkPhone(text, info);
    return phone.ok ? undefined : phone.notice;
  }
  if (field === 'amount') {
    const amount = checkAmount(text, info);
    return amount.ok ? undefined : amount.notice;
  }
  return text.trim().length > NOTE_MAX ? noticeOf('error.contract.noteTooLong') : undefined;
}

export const useSale = create<SaleState>((set, get) => ({
  phone: '',
  amount: '',
  note: '',
  errors: {},
  charging: false,
  focus: { target: 'phone', request: 0 },

  setPhone(text) {
    set((state) => ({
      phone: text,
      errors: { ...state.errors, phone: undefined },
      payer: state.payer?.phone === text ? state.payer : undefined,
      phoneWarning: undefined,
    }));
  },
  setAmount(text) {
    set((state) => ({ amount: text, errors: { ...state.errors, amount: undefined } }));
  },
  setNote(text) {
    set((state) => ({ note: text, errors: { ...state.errors, note: undefined } }));
  },

  /** On leaving a field: say what is wrong now, not only at Charge. */
  checkField(field) {
    const text = get()[field];
    if (get().chargedSaleId || text.trim() === '') return; // a sent sale's masked phone is no input to check // an empty field is not an error until Charge
    set((state) => ({ errors: { ...state.errors, [field]: fieldError(field, text) } }));
  },

  focusOn(target) {
    set((state) => ({ focus: { target, request: state.focus.request + 1 } }));
  },

  async lookupPayer() {
    const { phone } = get();
    const problem = fieldError('phone', phone);
    if (problem) {
      set((state) => ({ errors: { ...state.errors, phone: problem } }));
      return get().focusOn('phone');
    }
    set({ payer: { phone, loading: true } });
    const result = await pos.sale.lookupPayer({ phone });
    if (get().phone !== phone) return; // the cashier typed on meanwhile
    set({ payer: result.ok ? { phone, loading: false, lookup: result.data } : { phone, loading: false, failure: failureOf(result) } });
  },

  charge: () => send('charge'),
  payLater: (validHours) => send('payLater', validHours),

  readyToSend() {
    const state = get();
    if (state.charging || state.chargedSaleId) return false;
    const errors: Partial<Record<SaleField, Notice>> = {};
    for (const field of ['phone', 'amount', 'note'] as const) {
      const problem = fieldError(field, state[field]);
      if (problem) errors[field] = problem;
    }
    const first = (['phone', 'amount', 'note'] as const).find((field) => errors[field]);
    if (!first) return true;
    set({ errors, failure: undefined });
    get().focusOn(first);
    return false;
  },

  newSale() {
    set({ phone: '', amount: '', note: '', errors: {}, failure: undefined, payer: undefined, phoneWarning: undefined, chargedSaleId: undefined, charging: false });
    useSales.getState().show(undefined);
    get().focusOn('phone');
  },

  showSale(sale) {
    set({
      phone: sale.maskedPayer ?? '',
      amount: toDecimalString(sale.amountMinor, sale.currency),
      note: sale.note ?? '',
      errors: {},
      failure: undefined,
      payer: undefined,
      phoneWarning: undefined,
      charging: false,
      chargedSaleId: sale.id,
    });
  },
}));

/** Charge (a prompt now) or pay later (an invoice): the same checks, the same outcome on screen. */
async function send(how: 'charge' | 'payLater', validHours?: number): Promise<void> {
  const get = useSale.getState;
  const set = useSale.setState;
  {
    if (!get().readyToSend()) return;
    const state = get();
    const payerName = state.payer?.phone === state.phone ? (state.payer.lookup?.name ?? undefined) : undefined;
    set({ charging: true, errors: {}, failure: undefined });
    const note = state.note.trim() ? { note: state.note.trim() } : {};
    // One id per press: a retried or doubled request answers the same sale and never sends a second prompt.
    const requestId = crypto.randomUUID();
    const sendOnce = (confirmDuplicate: boolean) => {
      const common = { phone: state.phone, amount: state.amount, ...note, requestId, ...(confirmDuplicate ? { confirmDuplicate } : {}) };
      return how === 'charge' ? pos.sale.charge({ ...common, ...(payerName ? { payerName } : {}) }) : pos.sale.payLater({ ...common, ...(validHours ? { validHours } : {}) });
    };
    let result = await sendOnce(false);
    // The same number and amount still waiting: the cashier decides whether this is really a second purchase.
    if (!result.ok && result.code === 'CONFLICT' && result.field === 'confirmDuplicate') {
      const language = useApp.getState().language;
      const question = `${describeFailure(result, language).sentence}\n\n${translate(language, 'sale.duplicateConfirm')}`;
      if (window.confirm(question)) result = await sendOnce(true);
    }
    if (!result.ok) {
      const failure = failureOf(result);
      if (failure.field && FIELDS.includes(failure.field)) {
        const field = failure.field as SaleField;
        set({ charging: false, errors: { [field]: failure } });
        return get().focusOn(field);
      }
      return set({ charging: false, failure });
    }
    const sales = useSales.getState();
    sales.upsert(result.data.sale);
    sales.show(result.data.sale.id);
    set({ charging: false, chargedSaleId: result.data.sale.id, phoneWarning: result.data.phoneWarning });
    if (how === 'payLater') void useInvoices.getState().refresh();
    get().focusOn('status');
  }
}
