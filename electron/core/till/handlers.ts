/**
 * till.* and refund.*: the till over the PosApi. One Till per ledger: when
 * the app switches between training and live, the next call gets a till on
 * the new ledger and the old one's refund polling stops.
 */
import type { HandlerGroup } from '../api';
import type { PosContext } from '../context';
import type { Ledger } from '../ledger';
import type { PaymentCallbacks, PollSchedule } from '../payments';
import { feeRuleOf, parseRate } from './fees';
import { PosError } from '../../../shared/errors';
import { parseAmount } from '../../../shared/money';
import type { KdfCost } from './pin';
import { createTill, parseAmountOrZero, type Till } from './till';
import { FISCAL_DEVICE_SETTING, readFiscalConfig } from '../fiscal/config';

export interface TillHandlerOptions {
  kdfCost?: KdfCost;
  schedule?: PollSchedule;
  /** Builds the support bundle (the app knows the data folder, its version and the live keys to scrub). */
  supportBundle?: () => Promise<{ fileName: string; bytes: Uint8Array; parts: string[] }>;
  /** Head office's callbacks (the app's relay): a live till's refunds carry the URL and take the hints it delivers. */
  callbacks?: PaymentCallbacks & { receive(hint: (referenceId: string) => Promise<boolean>): () => void };
  /** Before a shift's opening balance is read: MoMo's word on the payments still open (see TillOptions). */
  beforeOpeningReading?: () => Promise<unknown>;
}

export function createTillHandlers(context: PosContext, options: TillHandlerOptions = {}): HandlerGroup {
  let current: { ledger: Ledger; till: Till } | undefined;

  const till = (): Till => {
    const ledger = context.ledger;
    if (current?.ledger === ledger) return current.till;
    current?.till.stop();
    const next = createTill({
      ledger,
      settings: context.settings,
      disbursement: () => context.momo.disbursement,
      collection: () => context.momo.collection,
      training: context.mode === 'training',
      onChange: () => context.events.emit({ type: 'shift.updated' }),
      log: context.log,
      // Training signs every sale against the built-in simulator; live once the manager set the device up.
      fiscalConfigured: () => context.mode === 'training' || readFiscalConfig(ledger.getSetting<unknown>(FISCAL_DEVICE_SETTING)) !== undefined,
      ...(options.kdfCost ? { kdfCost: options.kdfCost } : {}),
      ...(options.schedule ? { schedule: options.schedule } : {}),
      ...(options.callbacks && context.mode === 'live' ? { callbacks: options.callbacks } : {}),
      ...(options.beforeOpeningReading ? { beforeOpeningReading: options.beforeOpeningReading } : {}),
    });
    current = { ledger, till: next };
    // MoMo refunds a restart interrupted pick up where they were, on their own references.
    next.recover().catch((error: unknown) => context.log(`refund recovery failed: ${error instanceof Error ? error.message : String(error)}`));
    return next;
  };

  // At start, and after every switch between training and live (which says settings.changed).
  till();
  // A callback's reference may be one of this till's refunds (a training till's refunds never carry a URL).
  options.callbacks?.receive((referenceId) => (current && current.ledger === context.ledger ? current.till.hint(referenceId) : Promise.resolve(false)));
  context.events.subscribe((event) => {
    if (event.type === 'settings.changed' && current?.ledger !== context.ledger) till();
  });

  return {
    'till.status': () => till().status(),
    'till.setManagerPin': ({ pin, currentPin }) => till().setManagerPin({ pin, ...(currentPin ? { currentPin } : {}) }),
    'till.checkManagerPin': ({ pin }) => till().checkManagerPin({ pin }),
    'till.setCashier': (input) => till().setCashier(input),
    'till.setRules': ({ managerPin, feeRate, feeAbove, refundVia, maxSale }) => {
      const rule = { ...feeRuleOf(context.settings()) };
      if (feeRate !== undefined) rule.rateBasisPoints = parseRate(feeRate, 'feeRate');
      if (feeAbove !== undefined) rule.aboveMinor = parseAmountOrZero(feeAbove, context.settings().currency, 'feeAbove');
      const changesFee = feeRate !== undefined || feeAbove !== undefined;
      const saleLimit = maxSale === undefined ? undefined : maxSale.trim() === '' ? null : parseAmount(maxSale, context.settings().currency, 'maxSale');
      return till().setRules({ managerPin, ...(changesFee ? { feeRule: rule } : {}), ...(refundVia ? { refundVia } : {}), ...(saleLimit !== undefined ? { saleLimit } : {}) });
    },
    'till.openShift': (input) => till().openShift(input),
    'till.cashMovement': ({ kind, amount, reason, pin }) => till().cashMovement({ kind, amount, reason, ...(pin ? { pin } : {}) }),
    'till.xReport': async ({ readBalance }) => {
      if (readBalance) await till().readBalanceNow();
      return till().xReport();
    },
    'till.closeShift': ({ countedCash, pin, note }) => till().closeShift({ countedCash, pin, ...(note ? { note } : {}) }),
    'till.zReport': ({ number, pin }) => till().zReport({ pin, ...(number !== undefined ? { number } : {}) }),
    'till.exportCsv': (input) => till().exportCsv(input),
    // A manager method: the manager PIN first (a wrong one is counted and journaled like any other).
    'till.supportBundle': async ({ pin }) => {
      await till().checkManagerPin({ pin });
      if (!options.supportBundle) throw new PosError('INTERNAL', 'error.till.tillCannotMakeSupport');
      const bundle = await options.supportBundle();
      return { fileName: bundle.fileName, base64: Buffer.from(bundle.bytes).toString('base64'), bytes: bundle.bytes.length, parts: bundle.parts };
    },
    'refund.create': ({ via, ...input }) => till().createRefund({ ...input, ...(via ? { via } : {}) }),
    'refund.get': ({ refundId, recheck }) => till().getRefund({ refundId, ...(recheck !== undefined ? { recheck } : {}) }),
    'refund.forSale': ({ saleId }) => till().saleRefunds(saleId),
    'till.today': () => till().today(),
  };
}
