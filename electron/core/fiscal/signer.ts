/**
 * Exactly one signature per fiscal event, across crashes. The event is
 * claimed in the ledger (invoice number allocated, row pending, journaled)
 * before anything leaves; the answer is recorded once. A row still pending
 * (no answer, crash, device away) is sent again with the same invoice number
 * and the same body, so the device answers "duplicate" if the first one got
 * through: never a second signed receipt for one sale.
 */
import type { FiscalReceiptRecord, Ledger } from '../ledger';
import type { FiscalAdapter, FiscalEvent } from './types';
import { labelOf } from './types';

export type FiscalStore = Pick<Ledger, 'claimFiscalReceipt' | 'renumberFiscalReceipt' | 'finishFiscalReceipt' | 'getFiscalReceipt' | 'pendingFiscalReceipts'>;

type WithoutInvoiceNo<T> = T extends unknown ? Omit<T, 'invoiceNo'> : never;
/** A fiscal event before it has its number (the ledger allocates it). */
export type UnnumberedFiscalEvent = WithoutInvoiceNo<FiscalEvent>;

/** Points the crash tests stop at. */
export type SigningStep = 'claimed' | 'answered' | 'finished';

export interface SignOptions {
  /** The device's last invoice number at initialisation: numbers continue above it. */
  lastInvoiceNo?: number;
  onStep?: (step: SigningStep, record: FiscalReceiptRecord) => void;
}

export function serialiseEvent(event: UnnumberedFiscalEvent): string {
  return JSON.stringify({ ...event, confirmedAt: event.confirmedAt.toISOString() });
}

export function eventOf(record: FiscalReceiptRecord): FiscalEvent {
  const parsed = JSON.parse(record.event) as UnnumberedFiscalEvent & { confirmedAt: string };
  return { ...parsed, confirmedAt: new Date(parsed.confirmedAt), invoiceNo: record.invoiceNo } as FiscalEvent;
}

const MAX_RENUMBERS = 3;

async function send(store: FiscalStore, adapter: FiscalAdapter, record: FiscalReceiptRecord, options: SignOptions): Promise<FiscalReceiptRecord> {
  let current = record;
  for (let attempt = 0; ; attempt += 1) {
    const outcome = await adapter.sign(eventOf(current));
    options.onStep?.('answered', current);
    const key = current.eventKey;
    switch (outcome.kind) {
      case 'signed': {
        const s = outcome.signature;
        store.finishFiscalReceipt(key, {
          status: 'signed',
          receiptNo: s.receiptNo,
          totalReceiptNo: s.totalReceiptNo,
          internalData: s.internalData,
          signature: s.signature,
          sdcDateTime: s.sdcDateTime,
          sdcId: s.sdcId,
          mrcNo: s.mrcNo,
        });
        break;
      }
      case 'duplicate':
        store.finishFiscalReceipt(key, { status: 'duplicate', error: outcome.message });
        break;
      case 'invoice-number-taken':
        if (attempt < MAX_RENUMBERS) {
          current = store.renumberFiscalReceipt(key);
          continue;
        }
        break; // stays pending: someone else keeps taking numbers; a person must look.
      case 'unreachable':
        break; // stays pending, resent later with the same number
      case 'rejected':
        store.finishFiscalReceipt(key, { status: 'rejected', errorCode: outcome.code, error: outcome.field ? `${outcome.message} (${outcome.field})` : outcome.message });
        break;
    }
    const finished = store.getFiscalReceipt(key)!;
    options.onStep?.('finished', finished);
    return finished;
  }
}

/** Signs one fiscal event once: claims it (or finds it claimed), sends it if still pending. */
export async function signFiscalEvent(
  store: FiscalStore,
  adapter: FiscalAdapter,
  eventKey: string,
  event: UnnumberedFiscalEvent,
  options: SignOptions = {},
): Promise<FiscalReceiptRecord> {
  const claimed = store.claimFiscalReceipt({
    eventKey,
    label: labelOf({ ...event, invoiceNo: 1 } as FiscalEvent),
    event: serialiseEvent(event),
    ...(options.lastInvoiceNo !== undefined ? { lastInvoiceNo: options.lastInvoiceNo } : {}),
  });
  options.onStep?.('claimed', claimed);
  if (claimed.status !== 'pending') return claimed;
  return send(store, adapter, claimed, options);
}

/** Start-up and "device back": every pending signing is sent again, oldest first, with its own number. */
export async function resendPendingFiscal(store: FiscalStore, adapter: FiscalAdapter, options: SignOptions = {}): Promise<FiscalReceiptRecord[]> {
  const out: FiscalReceiptRecord[] = [];
  for (const record of store.pendingFiscalReceipts()) out.push(await send(store, adapter, record, options));
  return out;
}
