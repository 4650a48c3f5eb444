/**
 * Fiscal receipts at the till: what is signed, when, and against which
 * device. A MoMo sale is signed once it is paid, a cash sale once taken, a
 * refund once it succeeded — always after the ledger says so, never on the
 * sale's path (the sale never waits for the device). Training signs against
 * the built-in VSDC simulator (TS/TR); a live till against the shop's VSDC
 * once the manager set it up. What the device did not answer is sent again at
 * start-up and on a timer that backs off while the device is away.
 */
import { PosError } from '../../../shared/errors';
import type { FiscalReceiptView, FiscalStatus, PosEvent } from '../../../shared/contract';
import type { EventBus } from '../events';
import { businessDayOf, type FiscalReceiptRecord, type Ledger } from '../ledger';
import { defaultItemLine, FISCAL_DEVICE_SETTING, readFiscalConfig, unitsOfItemCode, type FiscalDefaultItem, type FiscalDeviceConfig } from './config';
import { checkUnsignedLimits, DEFAULT_UNSIGNED_LIMITS, type UnsignedLimits } from './limits';
import { createRwandaVsdcClient } from './rwanda-vsdc';
import { eventOf, resendPendingFiscal, signFiscalEvent, type UnnumberedFiscalEvent } from './signer';
import { FISCAL_LABELS, ourFailure, type FiscalAdapter, type FiscalDeviceIdentity, type FiscalFailure, type FiscalItem, type SignOutcome } from './types';

/** How the till reaches the ledger, mode and events (a subset of the app's context). */
export interface FiscalHost {
  readonly ledger: Ledger;
  readonly mode: 'training' | 'live';
  events: EventBus;
  settings(): { dayStartsAtHour: number };
  log(line: string): void;
}

/** A device training signs against (the VSDC simulator on loopback): its address, and how to stop it. */
export interface TrainingDevice {
  url: string;
  close(): Promise<void>;
}

export interface FiscalServiceOptions {
  /** Starts the training device, once per app (the app passes the VSDC simulator; the fiscal room cannot import it). */
  startTrainingDevice?: () => Promise<TrainingDevice>;
  limits?: UnsignedLimits;
  /** Per-request time limit to the VSDC (default 15 s: a box on the shop's network). */
  timeoutMs?: number;
  /** Resend schedule while the device is away: first wait, doubling up to the most (defaults 15 s → 5 min). */
  retryFirstMs?: number;
  retryMaxMs?: number;
  /** The clock (the ledger stamps with the same one). */
  now?: () => Date;
}

/** The identity training signs with (the simulator accepts any 9-digit TIN). */
export const TRAINING_IDENTITY: FiscalDeviceIdentity = { tin: '999999999', branchId: '00', deviceSerial: 'TRAINING' };
export const TRAINING_ITEM: FiscalDefaultItem = { code: 'RW2NTU0000001', classCode: '5020230100', taxType: 'B', name: 'Goods' };

/** How far back a sale paid (or a refund settled) without its receipt is looked for: pay-later invoices live up to 30 days. */
const SWEEP_WINDOW_MS = 35 * 86_400_000;
/** After a cash sale or a refund: the recent ones only (the timer's sweep catches older ones). */
const RECENT_WINDOW_MS = 2 * 86_400_000;
const IDLE_SWEEP_MS = 5 * 60_000;

interface Device {
  ledger: Ledger;
  training: boolean;
  adapter: FiscalAdapter;
  config?: FiscalDeviceConfig;
  defaultItem: FiscalDefaultItem;
  lastInvoiceNo: number;
  /** Sales created from then on are fiscal. */
  since: string;
}

export interface FiscalService {
  status(): FiscalStatus;
  /** Throws FISCAL_UNSIGNED_LIMIT when a new sale must wait for the device to sign what waits. */
  assertCanSell(): void;
  receipt(eventKey: string): FiscalReceiptView;
  /** Stores a configuration the device accepted (fiscal.configure checked it); the next signing uses it. */
  saveConfig(config: FiscalDeviceConfig): void;
  /** Resend what waits and sign what has no receipt yet (start-up, the timer, tests). */
  catchUp(): Promise<void>;
  /** Start-up: catch up now, then keep going on the timer. */
  start(): void;
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function receiptViewOf(eventKey: string, record: FiscalReceiptRecord | undefined): FiscalReceiptView {
  if (!record) return { eventKey, status: 'none' };
  const view: FiscalReceiptView = { eventKey, status: record.status, label: record.label, invoiceNo: record.invoiceNo };
  try {
    const event = eventOf(record);
    if (event.kind !== 'sale') view.originalInvoiceNo = event.originalInvoiceNo;
  } catch {
    // An unreadable event row: the view says what the row itself says.
  }
  for (const key of ['sdcId', 'receiptNo', 'totalReceiptNo', 'internalData', 'signature', 'sdcDateTime', 'mrcNo', 'errorCode', 'error'] as const) {
    if (record[key] !== undefined) (view as unknown as Record<string, unknown>)[key] = record[key];
  }
  return view;
}

export function createFiscalService(host: FiscalHost, options: FiscalServiceOptions = {}): FiscalService {
  const limits = options.limits ?? DEFAULT_UNSIGNED_LIMITS;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retryFirstMs = options.retryFirstMs ?? 15_000;
  const retryMaxMs = options.retryMaxMs ?? 5 * 60_000;

  let simulator: Promise<TrainingDevice> | undefined;
  let trainingInfo: Promise<{ sdcId: string; mrcNo: string | null } | undefined> | undefined;
  let device: Device | undefined;
  let deviceConfigText: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let retryMs = retryFirstMs;
  let closed = false;
  // Closing the app cuts a request still on its way: its row stays pending and goes again at the next start.
  const closing = new AbortController();
  const fetchUntilClosed: typeof fetch = (input, init) =>
    fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, closing.signal]) : closing.signal });
  /** The last time the device was away or refused, until it signs again. */
  let problem: FiscalStatus['problem'];

  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const noteOutcome = (outcome: SignOutcome | FiscalFailure | { kind: 'registered' }) => {
    if (outcome.kind === 'unreachable' || outcome.kind === 'rejected') problem = { at: now().toISOString(), code: outcome.code || 'UNREACHABLE', message: outcome.message, ...(outcome.key ? { key: outcome.key, params: outcome.params ?? {} } : {}) };
    else if (outcome.kind === 'signed' || outcome.kind === 'duplicate') problem = undefined;
  };
  /** The adapter, with each answer noted for the status. */
  const watched = (adapter: FiscalAdapter): FiscalAdapter => ({
    country: adapter.country,
    initialise: (identity) => adapter.initialise(identity),
    registerItem: async (item) => {
      const outcome = await adapter.registerItem(item);
      noteOutcome(outcome);
      return outcome;
    },
    sign: async (event) => {
      const outcome = await adapter.sign(event);
      noteOutcome(outcome);
      return outcome;
    },
  });

  async function trainingDevice(ledger: Ledger): Promise<Device | undefined> {
    if (!options.startTrainingDevice) return undefined;
    simulator ??= options.startTrainingDevice();
    const sim = await simulator;
    const adapter = createRwandaVsdcClient({ baseUrl: sim.url, identity: TRAINING_IDENTITY, timeoutMs, fetch: fetchUntilClosed });
    // The simulator lives as long as the app: initialised once, its item registered once.
    trainingInfo ??= (async () => {
      const outcome = await adapter.initialise(TRAINING_IDENTITY);
      if (outcome.kind !== 'initialised') {
        host.log(`fiscal: the training device did not initialise (${outcome.kind})`);
        return undefined;
      }
      await adapter.registerItem(itemOf(TRAINING_ITEM));
      return outcome.info;
    })();
    await trainingInfo;
    return { ledger, training: true, adapter: watched(adapter), defaultItem: TRAINING_ITEM, lastInvoiceNo: 0, since: '' };
  }

  /** The device for the current ledger: rebuilt when the ledger (training/live) or the stored configuration changes. */
  async function currentDevice(): Promise<Device | undefined> {
    const ledger = host.ledger;
    const training = host.mode === 'training';
    const stored = ledger.getSetting<unknown>(FISCAL_DEVICE_SETTING);
    const storedText = JSON.stringify(stored ?? null);
    if (device && device.ledger === ledger && device.training === training && deviceConfigText === storedText) return device;
    const config = readFiscalConfig(stored);
    deviceConfigText = storedText;
    if (training) {
      device = await trainingDevice(ledger);
      if (device && config) device.config = config;
      return device;
    }
    if (!config) {
      device = undefined;
      return undefined;
    }
    const adapter = createRwandaVsdcClient({ baseUrl: config.vsdcUrl, identity: config, timeoutMs, fetch: fetchUntilClosed });
    device = { ledger, training: false, adapter: watched(adapter), config, defaultItem: config.defaultItem, lastInvoiceNo: config.lastInvoiceNo, since: config.configuredAt };
    return device;
  }

  /** Fiscal at all on this ledger: training always; live once set up. Synchronous (for the sale guard and the status). */
  const active = (): { training: boolean; config?: FiscalDeviceConfig } | undefined => {
    const config = readFiscalConfig(host.ledger.getSetting<unknown>(FISCAL_DEVICE_SETTING));
    if (host.mode === 'training') return options.startTrainingDevice ? (config ? { training: true, config } : { training: true }) : undefined;
    return config ? { training: false, config } : undefined;
  };

  const cashierOf = (name: string | undefined) => ({ id: (name || 'till').slice(0, 20), name: (name || 'Till').slice(0, 60) });

  function saleEvent(d: Device, saleId: string): UnnumberedFiscalEvent | undefined {
    const sale = d.ledger.getSale(saleId);
    if (!sale || (sale.status !== 'paid' && sale.status !== 'paid_twice')) return undefined;
    const cash = sale.method === 'cash' || sale.paidCashAt !== undefined;
    const paidAt = cash
      ? (sale.paidCashAt ?? sale.createdAt)
      : (d.ledger.paymentsForSale(saleId).find((payment) => payment.status === 'successful')?.updatedAt ?? sale.createdAt);
    return {
      kind: 'sale',
      mode: d.training ? 'training' : 'normal',
      payment: cash ? 'cash' : 'mobile-money',
      confirmedAt: new Date(paidAt),
      cashier: cashierOf(sale.paidCashBy ?? sale.cashier),
      lines: [defaultItemLine(d.defaultItem, sale.amountMinor, sale.note)],
      remark: sale.receiptNumber,
    };
  }

  function refundEvent(d: Device, refundId: string): UnnumberedFiscalEvent | undefined {
    const refund = d.ledger.getRefund(refundId);
    if (!refund || refund.status !== 'successful') return undefined;
    // A refund's receipt names the sale's: a sale that never had one (sold before set-up) gets no fiscal refund either.
    const original = d.ledger.getFiscalReceipt(`sale:${refund.saleId}`);
    if (!original) return undefined;
    const sale = d.ledger.getSale(refund.saleId);
    return {
      kind: 'refund',
      mode: d.training ? 'training' : 'normal',
      originalInvoiceNo: original.invoiceNo,
      // RRA's refund reasons: 06 "refund" is the customer's money given back.
      reasonCode: '06',
      payment: refund.method === 'cash' ? 'cash' : 'mobile-money',
      confirmedAt: new Date(refund.updatedAt),
      cashier: cashierOf(refund.by),
      lines: [defaultItemLine(d.defaultItem, refund.amountMinor, sale?.note)],
      remark: sale?.receiptNumber ?? refund.id,
    };
  }

  const emitFinished = (record: FiscalReceiptRecord) => {
    if (record.status === 'pending') return;
    const [kind, id] = record.eventKey.split(/:(.*)/s) as [string, string];
    const event: PosEvent = { type: 'fiscal.updated', ...(kind === 'refund' ? { refundId: id } : { saleId: id }), receipt: receiptViewOf(record.eventKey, record) };
    host.events.emit(event);
  };

  /**
   * Right after the device missed a request, a new event is only claimed (numbered, journaled, pending) and left to
   * the resend: a device that never answers costs one time-out per retry period, not one per sale.
   */
  const claimOnly = (adapter: FiscalAdapter): FiscalAdapter => ({
    ...adapter,
    sign: async () => ourFailure('unreachable', '', 'error.fiscal.device.away'),
  });

  async function sign(d: Device, eventKey: string, event: UnnumberedFiscalEvent): Promise<FiscalReceiptRecord> {
    const before = d.ledger.getFiscalReceipt(eventKey);
    if (before && before.status !== 'pending') return before;
    // A new sale probes the device again once the last miss is older than the first retry's wait.
    const away = problem?.code === 'UNREACHABLE' && now().getTime() - Date.parse(problem.at) < retryFirstMs;
    const record = await signFiscalEvent(d.ledger, away ? claimOnly(d.adapter) : d.adapter, eventKey, event, { lastInvoiceNo: d.lastInvoiceNo });
    emitFinished(record);
    return record;
  }

  async function signSale(saleId: string): Promise<void> {
    const d = await currentDevice();
    if (!d) return;
    const sale = d.ledger.getSale(saleId);
    if (!sale || sale.createdAt < d.since) return;
    const event = saleEvent(d, saleId);
    if (event) await sign(d, `sale:${saleId}`, event);
  }

  async function sweep(windowMs: number): Promise<void> {
    const d = await currentDevice();
    if (!d) return;
    const floor = new Date(now().getTime() - windowMs).toISOString();
    const since = d.since > floor ? d.since : floor;
    const { saleIds } = d.ledger.unsignedFiscalEvents(since);
    for (const saleId of saleIds) {
      const event = saleEvent(d, saleId);
      if (event) await sign(d, `sale:${saleId}`, event);
    }
    // Refunds after the sales: a refund's receipt carries its sale's invoice number.
    for (const refundId of d.ledger.unsignedFiscalEvents(since).refundIds) {
      const event = refundEvent(d, refundId);
      if (event) await sign(d, `refund:${refundId}`, event);
    }
  }

  async function resend(): Promise<void> {
    const d = await currentDevice();
    if (!d) return;
    for (const record of await resendPendingFiscal(d.ledger, d.adapter, { lastInvoiceNo: d.lastInvoiceNo })) emitFinished(record);
  }

  const guarded = (what: string, work: () => Promise<void>) =>
    serially(work).catch((error: unknown) => host.log(`fiscal ${what} failed: ${error instanceof Error ? error.message : String(error)}`));

  /** When the timer fires next (the machine's clock: only compared with itself, in this run). */
  let nextTickAt = Number.POSITIVE_INFINITY;

  function schedule(delayMs: number): void {
    if (closed) return;
    if (timer) clearTimeout(timer);
    nextTickAt = Date.now() + delayMs;
    timer = setTimeout(() => void tick(), delayMs);
    timer.unref();
  }

  async function tick(): Promise<void> {
    await guarded('catch-up', async () => {
      await resend();
      await sweep(SWEEP_WINDOW_MS);
    });
    const waiting = active() ? host.ledger.pendingFiscalReceipts().length : 0;
    if (waiting > 0) {
      schedule(retryMs);
      retryMs = Math.min(retryMaxMs, retryMs * 2);
    } else {
      retryMs = retryFirstMs;
      schedule(IDLE_SWEEP_MS);
    }
  }

  /**
   * After a signing: the device is back while others wait → send them now; the device missed it → the resend
   * comes on the retry schedule, not at the next idle sweep (minutes away).
   */
  const afterSigning = () => {
    if (closed || !active() || host.ledger.pendingFiscalReceipts().length === 0) return;
    if (problem === undefined) {
      retryMs = retryFirstMs;
      schedule(0);
    } else if (nextTickAt - Date.now() > retryMs) {
      schedule(retryMs);
    }
  };

  const unsubscribe = host.events.subscribe((event) => {
    if (closed) return;
    if (event.type === 'payment.updated' && (event.sale.status === 'paid' || event.sale.status === 'paid_twice')) {
      const saleId = event.sale.id;
      void guarded(`sale ${saleId}`, () => signSale(saleId)).then(afterSigning);
    } else if (event.type === 'shift.updated') {
      // A cash sale, cash for a MoMo sale, a refund: whatever has no receipt yet among the recent ones.
      void guarded('recent', () => sweep(RECENT_WINDOW_MS)).then(afterSigning);
    } else if (event.type === 'settings.changed') {
      // Training ↔ live: the other ledger's waiting receipts go out now.
      schedule(0);
    }
  });

  function todayRange(): { from: string; to: string } {
    const hour = host.settings().dayStartsAtHour;
    const day = businessDayOf(now(), hour);
    const from = new Date(`${day}T00:00:00`);
    from.setHours(hour);
    const to = new Date(from);
    to.setDate(to.getDate() + 1);
    return { from: from.toISOString(), to: to.toISOString() };
  }

  return {
    status(): FiscalStatus {
      const on = active();
      const ledger = host.ledger;
      const pending = on ? ledger.pendingFiscalReceipts() : [];
      const verdict = checkUnsignedLimits(pending, now(), limits);
      const counts = new Map(FISCAL_LABELS.map((label) => [label, { label, signed: 0, pending: 0, rejected: 0 }]));
      for (const row of ledger.fiscalCounts(todayRange())) {
        const entry = counts.get(row.label)!;
        if (row.status === 'pending') entry.pending += row.count;
        else if (row.status === 'rejected') entry.rejected += row.count;
        else entry.signed += row.count;
      }
      const config = on?.config;
      const status: FiscalStatus = {
        training: host.mode === 'training',
        configured: on !== undefined,
        pending: pending.length,
        limits: { maxCount: limits.maxCount, maxAgeMs: limits.maxAgeMs },
        verdict: verdict.ok ? { ok: true } : { ok: false, reason: verdict.reason },
        today: [...counts.values()].filter((entry) => entry.signed + entry.pending + entry.rejected > 0),
      };
      if (on) status.country = 'RW';
      if (config) {
        Object.assign(status, { tin: config.tin, branchId: config.branchId, deviceSerial: config.deviceSerial, vsdcUrl: config.vsdcUrl, sdcId: config.sdcId, mrcNo: config.mrcNo, defaultItem: { ...config.defaultItem } });
      }
      if (pending.length > 0) {
        const oldest = pending.reduce((a, b) => (a.createdAt <= b.createdAt ? a : b)).createdAt;
        status.oldestPendingAt = oldest;
        status.oldestPendingAgeMs = Math.max(0, now().getTime() - Date.parse(oldest));
      }
      if (problem && pending.length > 0) status.problem = { ...problem };
      return status;
    },

    assertCanSell(): void {
      if (!active()) return;
      const verdict = checkUnsignedLimits(host.ledger.pendingFiscalReceipts(), now(), limits);
      if (verdict.ok) return;
      throw verdict.reason === 'count'
        ? new PosError('FISCAL_UNSIGNED_LIMIT', 'error.fiscal.unsignedCount', { count: verdict.pending }, 'count')
        : new PosError('FISCAL_UNSIGNED_LIMIT', 'error.fiscal.unsignedAge', { hours: Math.round(limits.maxAgeMs / 3_600_000) }, 'age');
    },

    receipt(eventKey: string): FiscalReceiptView {
      return receiptViewOf(eventKey, host.ledger.getFiscalReceipt(eventKey));
    },

    saveConfig(config: FiscalDeviceConfig): void {
      host.ledger.setSetting(FISCAL_DEVICE_SETTING, config);
      problem = undefined;
      schedule(0);
    },

    catchUp: () =>
      serially(async () => {
        await resend();
        await sweep(SWEEP_WINDOW_MS);
      }),

    start(): void {
      schedule(0);
    },

    idle: () => queue.then(() => undefined),

    async close(): Promise<void> {
      closed = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      closing.abort();
      await queue.catch(() => undefined);
      if (simulator) await (await simulator).close();
    },
  };
}

/** The item as registered with the device at set-up (saveItems). */
export function itemOf(item: FiscalDefaultItem, registeredBy = { id: 'manager', name: 'Manager' }): FiscalItem {
  const units = unitsOfItemCode(item.code);
  return {
    itemCode: item.code,
    itemClassCode: item.classCode,
    itemType: units.type,
    name: item.name,
    originCountry: units.origin,
    packagingUnit: units.packagingUnit,
    quantityUnit: units.quantityUnit,
    taxType: item.taxType,
    defaultPriceMinor: 0,
    registeredBy,
  };
}

/** What the receipt's SDC block is printed from (the receipts room's `FiscalBlock`, by shape: receipts sit above fiscal). */
export interface FiscalPrintBlock {
  label: FiscalReceiptRecord['label'];
  invoiceNo: number;
  originalInvoiceNo?: number;
  signed?: { sdcId: string; receiptNo: number; totalReceiptNo: number; internalData: string; signature: string; sdcDateTime: string; mrcNo: string | null };
}

/** The SDC block a receipt prints for an event: pending (NOT YET THE OFFICIAL RECEIPT) or signed; none when not fiscal. */
export function fiscalBlockOf(ledger: Pick<Ledger, 'getFiscalReceipt'>, eventKey: string): FiscalPrintBlock | undefined {
  const record = ledger.getFiscalReceipt(eventKey);
  // A rejected signing prints like one not yet signed: the receipt never claims what the device did not give.
  if (!record) return undefined;
  const view = receiptViewOf(eventKey, record);
  const block: FiscalPrintBlock = { label: record.label, invoiceNo: record.invoiceNo };
  if (view.originalInvoiceNo !== undefined) block.originalInvoiceNo = view.originalInvoiceNo;
  if (record.status === 'signed' && record.sdcId && record.receiptNo && record.totalReceiptNo && record.internalData && record.signature && record.sdcDateTime) {
    block.signed = {
      sdcId: record.sdcId,
      receiptNo: record.receiptNo,
      totalReceiptNo: record.totalReceiptNo,
      internalData: record.internalData,
      signature: record.signature,
      sdcDateTime: record.sdcDateTime,
      mrcNo: record.mrcNo ?? null,
    };
  }
  return block;
}
