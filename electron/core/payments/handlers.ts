/**
 * The `sale.*` and `payment.*` methods: the counter's charge, pay later and
 * cash, the day's sales, and what the cashier may do with a payment that is
 * still open (check again, retry, stop waiting, cancel an invoice), plus the
 * transcript a merchant sends MTN. The engine and the ledger are the current
 * runtime's (they change when the till switches between training and live).
 */
import type { HandlerGroup } from '../api';
import type { PosContext } from '../context';
import type { Ledger } from '../ledger';
import { PosError } from '../../../shared/errors';
import { assertWithinLimit, saleLimitOf } from '../../../shared/limits';
import { parseAmount } from '../../../shared/money';
import { maskMsisdn, parsePayerNumber, phoneRulesFor } from '../../../shared/phone';
import type { PaymentEngine } from './engine';
import { paymentTranscript } from './transcript';
import { paymentView, saleView } from './views';

export interface PaymentHandlerOptions {
  /** The payment engine of the current runtime. */
  engine(): PaymentEngine;
  /** Values scrubbed from the transcript (the live keys). */
  secrets(): string[];
}

export function createPaymentHandlers(context: PosContext, options: PaymentHandlerOptions): HandlerGroup {
  const settings = () => context.settings();
  const viewOfSale = (saleId: string) => {
    const sale = context.ledger.getSale(saleId);
    if (!sale) throw new PosError('NOT_FOUND', 'error.common.noSuchSale');
    return saleView(sale, context.ledger.paymentsForSale(sale.id), settings().language);
  };
  const viewOfPayment = (paymentId: string) => {
    const payment = context.ledger.getPayment(paymentId);
    if (!payment) throw new PosError('NOT_FOUND', 'error.common.noSuchPayment');
    return paymentView(payment, context.ledger.getSale(payment.saleId)!, settings().language);
  };

  return {
    'sale.charge': (input) => {
      const { sale, payment, phoneWarning } = options.engine().charge(input);
      const result = { sale: viewOfSale(sale.id), payment: viewOfPayment(payment.id), receiptNumber: sale.receiptNumber };
      return phoneWarning ? { ...result, phoneWarning } : result;
    },

    'sale.payLater': (input) => {
      const { sale, payment, phoneWarning } = options.engine().payLater(input);
      const result = { sale: viewOfSale(sale.id), payment: viewOfPayment(payment.id), receiptNumber: sale.receiptNumber };
      return phoneWarning ? { ...result, phoneWarning } : result;
    },

    'sale.openInvoices': () => {
      const seen = new Set<string>();
      return context.ledger
        .openInvoices()
        .filter((payment) => !seen.has(payment.saleId) && seen.add(payment.saleId))
        .map((payment) => viewOfSale(payment.saleId));
    },

    'sale.lookupPayer': async ({ phone }) => {
      const payer = parsePayerNumber(phone, phoneRulesFor(settings().targetEnvironment, context.mode === 'training'));
      const { momo } = context;
      const [active, name] = await Promise.all([
        momo.collection.isAccountHolderActive(payer.msisdn).catch(() => null),
        momo.collection
          .getBasicUserInfo(payer.msisdn)
          .then((info) => info?.name ?? ([info?.given_name, info?.family_name].filter(Boolean).join(' ') || null))
          .catch(() => null),
      ]);
      const result = { msisdn: payer.msisdn, display: payer.display, maskedPayer: maskMsisdn(payer.msisdn), active, name };
      return payer.warning ? { ...result, warning: payer.warning } : result;
    },

    'sale.payCash': (input) => {
      const ledger = context.ledger;
      // Cash goes into a drawer, and only an open shift has one to count it in (the Till says the same).
      if (!ledger.currentShift()) throw new PosError('CONFLICT', 'error.app.noShiftForCash', {}, 'shift');
      const cashier = input.cashier ? { cashier: input.cashier } : {};
      const currency = settings().currency;
      const tendered = input.tendered ? { tenderedMinor: parseAmount(input.tendered, currency, 'tendered') } : {};
      if (input.saleId) {
        const sale = ledger.payCashForSale(input.saleId, { ...cashier, ...tendered });
        context.events.emit({ type: 'shift.updated' });
        return viewOfSale(sale.id);
      }
      const amountMinor = parseAmount(input.amount!, currency);
      assertWithinLimit(amountMinor, saleLimitOf(settings()));
      if (tendered.tenderedMinor !== undefined && tendered.tenderedMinor < amountMinor) {
        throw new PosError('VALIDATION', 'error.app.cashTenderedLessThan', {}, 'tendered');
      }
      const { sale } = ledger.createCashSale({ amountMinor, currency, ...cashier, ...tendered, ...(input.note ? { note: input.note } : {}) });
      context.events.emit({ type: 'shift.updated' });
      return viewOfSale(sale.id);
    },

    'sale.list': ({ day, search, limit }) => {
      const ledger = context.ledger;
      const query: Parameters<Ledger['listSales']>[0] = { limit: limit ?? 200 };
      // The business day each sale was written with (ledger/business-day.ts, the shop's dayStartsAtHour then), not the calendar day.
      if (day) query.businessDay = day;
      if (search) query.search = search;
      const language = settings().language;
      return ledger.listSales(query).map((sale) => saleView(sale, ledger.paymentsForSale(sale.id), language));
    },

    'sale.get': ({ saleId }) => viewOfSale(saleId),

    'payment.recheck': async ({ paymentId }) => {
      await options.engine().recheck(paymentId);
      return viewOfPayment(paymentId);
    },
    'payment.cancelInvoice': async ({ paymentId }) => {
      await options.engine().cancelInvoice(paymentId);
      return viewOfPayment(paymentId);
    },
    'payment.cancelWaiting': ({ paymentId }) => {
      options.engine().cancelWaiting(paymentId);
      return viewOfPayment(paymentId);
    },
    'payment.retry': ({ saleId, validHours }) => {
      const { sale, payment } = options.engine().retry(saleId, validHours);
      return { sale: viewOfSale(sale.id), payment: viewOfPayment(payment.id), receiptNumber: sale.receiptNumber };
    },
    'payment.transcript': ({ paymentId }) => {
      const text = paymentTranscript(context.ledger, paymentId, {
        merchantName: settings().merchantName,
        secrets: options.secrets(),
        generatedAt: new Date().toISOString(),
        training: context.mode === 'training',
        language: settings().language,
      });
      return { paymentId, text };
    },
  };
}
