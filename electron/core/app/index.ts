/**
 * The engine's composition root: one call builds the ledger, the MoMo client
 * (or, in training mode, the simulator), the payment engine, the router and
 * the event bus, for both the desktop app and browser mode.
 */
import { randomUUID } from 'node:crypto';
import { createRouter, type HandlerGroup, type Router } from '../api';
import type { PosContext } from '../context';
import { createEventBus, type EventBus } from '../events';
import type { AppInfo, Mode } from '../../../shared/contract';
import { PosError } from '../../../shared/errors';
import { fromDecimalString, toDecimalString, type Currency } from '../../../shared/money';
import { saleLimitOf } from '../../../shared/limits';
import { phoneRulesFor } from '../../../shared/phone';
import { LedgerDamagedError, openLedger, type Ledger } from '../ledger';
import { describeLedgerFault, type Language } from '../../../shared/messages';
import { errorSentence } from '../../../shared/error-text';
import { createMomoClient, type MomoClient } from '../momo';
import { startMomoSimulator, type MomoSimulator } from '../momo-sim';
import { createPaymentEngine, createPaymentHandlers, createTextReceipts, INVOICE_SCHEDULE, paymentView, saleView, type PaymentEngine } from '../payments';
import { marketOf, readSettings, updateSettings, type Settings } from '../settings';
import { existsSync } from 'node:fs';
import { ledgerPath } from '../ledger';
import { createReceiptHandlers } from '../receipts';
import { createEnvironmentVault, type CredentialVault } from '../secrets';
import { createSettingsHandlers, createSetupHandlers, liveConfigFromEnv, liveConfigFromVault, type LiveConfig } from '../setup';
import { createManagerAuthority, createTillHandlers, feeFor, feeRuleOf } from '../till';
import { buildSupportBundle, fileLog } from '../support';
import { SUPPORT_TOOLS } from '../cli/support';
import { createHeadOfficeHandlers, headOfficeUrlFrom, startHeadOfficeSync, type HeadOfficeSync, type HeadOfficeUrlStore } from '../headoffice';
import { createCallbackRelay, HQ_CALLBACK_BASE_VARIABLE, startTillCallbacks } from '../headoffice';
import { createFiscalHandlers, withUnsignedLimit } from '../fiscal/handlers';
import { createFiscalService, type FiscalService } from '../fiscal/service';
import { startVsdcSimulator } from '../vsdc-sim';

export interface PosOptions {
  dataDir: string;
  dataDirKind: AppInfo['dataDirKind'];
  version: string;
  transport: AppInfo['transport'];
  env?: NodeJS.ProcessEnv;
  /** Live credentials; when absent they come from the vault, then MOMO_* variables; none means training mode. */
  live?: LiveConfig;
  /** The vault for a MoMo environment (service momo-pos/<environment> in the OS keychain). */
  vaultFor?: (environment: string) => CredentialVault;
  /** Where head office's connection string is kept (the OS keychain); MOMO_POS_HQ_URL when it holds none. Neither: no head office. */
  headOfficeStore?: HeadOfficeUrlStore;
  /** Shell-specific handlers (printing in Electron). */
  extraHandlers?: (context: PosContext) => HandlerGroup[];
  log?: (line: string) => void;
}

/** What handler groups outside this file get: the current runtime, never a stale one. */
export type { PosContext } from '../context';

export interface Pos {
  router: Router;
  events: EventBus;
  readonly mode: Mode;
  readonly ledger: Ledger;
  readonly engine: PaymentEngine;
  readonly simulator: MomoSimulator | undefined;
  /** The background push to head office (its state feeds the Settings card). */
  readonly headOffice: HeadOfficeSync;
  /** Fiscal receipts (EBM): status, signing in the background. */
  readonly fiscal: FiscalService;
  close(): Promise<void>;
}

/** Everything that depends on the mode: rebuilt when the merchant switches between training and live. */
interface Runtime {
  mode: Mode;
  live: LiveConfig | undefined;
  ledger: Ledger;
  momo: MomoClient;
  engine: PaymentEngine;
  simulator: MomoSimulator | undefined;
}

function envNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name]);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** The live market, when the merchant finished set-up (setting `liveEnabled` in the live ledger). */
function liveMarket(dataDir: string, log: (line: string) => void): { targetEnvironment: string; baseUrl: string; currency: Currency } | undefined {
  if (!existsSync(ledgerPath(dataDir, false))) return undefined;
  const ledger = openLedger({ dataDir, training: false, log });
  try {
    if (ledger.getSetting<boolean>('liveEnabled') !== true) return undefined;
    const current = readSettings(ledger);
    return { targetEnvironment: current.targetEnvironment, baseUrl: current.baseUrl, currency: current.currency };
  } finally {
    ledger.close();
  }
}

export async function startPos(options: PosOptions): Promise<Pos> {
  const env = options.env ?? process.env;
  // Every line also lands in the data folder's logs/ (redacted), for the support bundle.
  let keysToScrub = (): string[] => [];
  const log = fileLog(options.dataDir, options.log ?? ((line: string) => console.error(line)), { secrets: () => keysToScrub() });
  const events = createEventBus((error) => log(`event listener failed: ${String(error)}`));

  const settingsOf = (ledger: Ledger) => readSettings(ledger);

  async function buildRuntime(live: LiveConfig | undefined): Promise<Runtime> {
    const mode: Mode = live ? 'live' : 'training';
    const ledger = openLedger({ dataDir: options.dataDir, training: mode === 'training', log, backupOnOpen: true });
    try {
      if (live) {
        // The credentials name the market; settings follow them.
        const current = readSettings(ledger);
        const patch: Partial<Settings> = {};
        if (current.targetEnvironment !== live.targetEnvironment) patch.targetEnvironment = live.targetEnvironment;
        if (live.currency && current.currency !== live.currency) patch.currency = live.currency;
        if (live.baseUrl !== current.baseUrl) patch.baseUrl = live.baseUrl;
        if (Object.keys(patch).length) updateSettings(ledger, patch);
      }
      let simulator: MomoSimulator | undefined;
      let momo: MomoClient;
      if (live) {
        momo = createMomoClient({
          baseUrl: live.baseUrl,
          ...(live.keysEnteredFor ? { keysEnteredFor: live.keysEnteredFor } : {}),
          targetEnvironment: live.targetEnvironment,
          collection: live.collection,
          ...(live.disbursement ? { disbursement: live.disbursement } : {}),
        });
      } else {
        simulator = await startMomoSimulator({
          approvalDelayMs: envNumber(env, 'MOMO_POS_SIM_APPROVAL_MS', 4_000),
          // The simulator remembers the newest 20,000 transactions (about 1 KB each); the memory bench caps it to see the engine alone.
          maxTransactions: envNumber(env, 'MOMO_POS_SIM_MAX_TRANSACTIONS', 20_000),
          slowApprovalDelayMs: envNumber(env, 'MOMO_POS_SIM_SLOW_APPROVAL_MS', 20_000),
          // Training rehearses the field: the simulator refuses what production refuses.
          profile: env.MOMO_POS_SIM_PROFILE === 'sandbox' ? 'sandbox' : 'production',
          acceptAnyCredentials: true,
          invoicePaidAfterMs: envNumber(env, 'MOMO_POS_SIM_INVOICE_PAID_MS', 90_000),
          // The training wallet speaks the till's currency and keeps the market's fee, so a training Z balances.
          walletCurrency: () => settingsOf(ledger).currency,
          collectionFee: (amount, currency) => {
            const till = settingsOf(ledger).currency;
            return currency === till ? toDecimalString(feeFor(fromDecimalString(amount, till), feeRuleOf(settingsOf(ledger))), till) : '0';
          },
        });
        const training = { subscriptionKey: `training-${randomUUID()}`, apiUser: randomUUID(), apiKey: `training-${randomUUID()}` };
        // The simulator on loopback gets only the made-up training keys above, never a stored key: they were made for it.
        momo = createMomoClient({ baseUrl: simulator.url, keysEnteredFor: simulator.url, targetEnvironment: 'sandbox', collection: training, disbursement: training });
      }
      const textReceipts = createTextReceipts({
        ledger,
        collection: momo.collection,
        enabled: () => settingsOf(ledger).textReceipts !== false,
        shopName: () => settingsOf(ledger).merchantName,
        log,
      });
      const engine = createPaymentEngine({
        ledger,
        collection: momo.collection,
        textReceipts,
        get currency() {
          return settingsOf(ledger).currency;
        },
        get phoneRules() {
          return phoneRulesFor(settingsOf(ledger).targetEnvironment, mode === 'training');
        },
        get saleLimit() {
          return saleLimitOf(settingsOf(ledger));
        },
        shopName: () => settingsOf(ledger).merchantName,
        merchantMsisdn: () => settingsOf(ledger).merchantMomoNumber || undefined,
        // Live tills: MoMo's callbacks relayed by head office (a hint: the engine still asks MoMo).
        ...(live ? { callbacks: callbackRelay } : {}),
        // Training and e2e may ask invoices more often than every minute.
        ...(env.MOMO_POS_INVOICE_POLL_MS ? { invoiceSchedule: { ...INVOICE_SCHEDULE, firstDelayMs: envNumber(env, 'MOMO_POS_INVOICE_POLL_MS', 30_000), fastIntervalMs: envNumber(env, 'MOMO_POS_INVOICE_POLL_MS', 60_000) } } : {}),
        onChange: (payment, sale) => {
          const language = settingsOf(ledger).language;
          events.emit({ type: 'payment.updated', payment: paymentView(payment, sale, language), sale: saleView(sale, ledger.paymentsForSale(sale.id), language) });
        },
        log,
      });
      return { mode, live, ledger, momo, engine, simulator };
    } catch (error) {
      ledger.close();
      throw error;
    }
  }

  async function closeRuntime(runtime: Runtime): Promise<void> {
    runtime.engine.stop();
    await runtime.engine.idle();
    await runtime.simulator?.close();
    runtime.ledger.close();
  }

  const callbackRelay = createCallbackRelay();
  const environmentLive = options.live ? undefined : liveConfigFromEnv(env);
  let initialLive = options.live ?? environmentLive;
  const market = initialLive || !options.vaultFor ? undefined : liveMarket(options.dataDir, log);
  if (market && options.vaultFor) initialLive = await liveConfigFromVault(options.vaultFor(market.targetEnvironment), market, log);
  let rt = await buildRuntime(initialLive);
  const settings = () => settingsOf(rt.ledger);
  /** The live keys' values, scrubbed from anything support gets (the client already redacts: belt and braces). */
  const liveSecrets = (): string[] => {
    const live = rt.live;
    return live ? [live.collection.subscriptionKey, live.collection.apiKey, live.collection.apiUser, ...(live.disbursement ? [live.disbursement.subscriptionKey, live.disbursement.apiKey, live.disbursement.apiUser] : [])] : [];
  };
  keysToScrub = liveSecrets;

  const appInfo = (): AppInfo => {
    const current = settings();
    const market = marketOf(current);
    return {
      version: options.version,
      mode: rt.mode,
      targetEnvironment: current.targetEnvironment,
      country: market.country,
      currency: current.currency,
      merchantName: current.merchantName,
      language: current.language,
      quickAmounts: current.quickAmounts,
      dataDirKind: options.dataDirKind,
      transport: options.transport,
    };
  };

  // Manager grants per caller, in memory: a restart clears them.
  const authority = createManagerAuthority({ ledger: () => rt.ledger, log });

  const handlers: HandlerGroup = {
    'app.info': appInfo,
    'till.lock': (_input, caller) => {
      authority.lock(caller);
      return { locked: true };
    },
  };

  const context: PosContext = {
    get ledger() {
      return rt.ledger;
    },
    get mode() {
      return rt.mode;
    },
    get momo() {
      return rt.momo;
    },
    settings,
    events,
    ...(options.vaultFor ? { vaultFor: options.vaultFor } : {}),
    keysFromEnvironment() {
      const live = rt.live;
      if (!live || live !== environmentLive) return undefined;
      return {
        vault: createEnvironmentVault(env),
        target: { baseUrl: live.baseUrl, ...(live.keysEnteredFor ? { keysEnteredFor: live.keysEnteredFor } : {}), targetEnvironment: live.targetEnvironment, currency: live.currency ?? settings().currency },
      };
    },
    async activate(live) {
      const next = await buildRuntime(live);
      const previous = rt;
      rt = next;
      await closeRuntime(previous);
      await rt.engine.recover();
      events.emit({ type: 'settings.changed' });
    },
    appInfo,
    log,
  };
  // Head office: the journal goes there in the background, never on a sale's path; training ledgers never push.
  const headOffice = startHeadOfficeSync({ ledger: () => rt.ledger, url: async () => (await headOfficeUrlFrom(options.headOfficeStore, env))?.url, log });
  // Callbacks reach the payment engine here and the refund engine through the till handlers; listening follows the live configuration.
  callbackRelay.receive((referenceId) => rt.engine.hint(referenceId));
  const tillCallbacks = startTillCallbacks({
    relay: callbackRelay,
    config: async () => {
      const base = env[HQ_CALLBACK_BASE_VARIABLE];
      const hqUrl = rt.mode === 'live' && base ? (await headOfficeUrlFrom(options.headOfficeStore, env))?.url : undefined;
      return hqUrl && base ? { hqUrl, base, targetEnvironment: settingsOf(rt.ledger).targetEnvironment } : undefined;
    },
    log,
  });
  const stopNudging = events.subscribe((event) => {
    if (event.type === 'payment.updated' || event.type === 'shift.updated') headOffice.nudge();
    if (event.type === 'settings.changed') void tillCallbacks.refresh();
  });
  // Fiscal receipts: sales, cash and refunds signed after the ledger says so; new sales stop at the unsigned limits.
  const fiscal = createFiscalService(context, { startTrainingDevice: () => startVsdcSimulator() });
  const router = createRouter([handlers, withUnsignedLimit(createPaymentHandlers(context, { engine: () => rt.engine, secrets: liveSecrets }), fiscal), createSettingsHandlers(context), createHeadOfficeHandlers({ sync: headOffice, store: options.headOfficeStore, env, onChange: () => void tillCallbacks.refresh() }), createReceiptHandlers(context), createSetupHandlers(context, { dataDir: options.dataDir, ...(env[HQ_CALLBACK_BASE_VARIABLE] ? { callbackBase: env[HQ_CALLBACK_BASE_VARIABLE] } : {}) }), createTillHandlers(context, {
      callbacks: callbackRelay,
      supportBundle: () =>
        buildSupportBundle({ dataDir: options.dataDir, training: rt.mode === 'training', appVersion: options.version, secrets: liveSecrets(), language: settings().language, tools: SUPPORT_TOOLS }),
      beforeOpeningReading: () => rt.engine.checkUnfinished(),
    }), createFiscalHandlers(context, fiscal), ...(options.extraHandlers?.(context) ?? [])], {
    authority,
    onUnexpectedError: (method, error) => log(`${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });

  await rt.engine.recover();
  fiscal.start();

  return {
    headOffice,
    fiscal,
    router,
    events,
    get mode() {
      return rt.mode;
    },
    get ledger() {
      return rt.ledger;
    },
    get engine() {
      return rt.engine;
    },
    get simulator() {
      return rt.simulator;
    },
    close: async () => {
      stopNudging();
      await fiscal.close();
      await tillCallbacks.close();
      await headOffice.stop();
      await closeRuntime(rt);
    },
  };
}

/**
 * Why the app could not start, in the merchant's language: a damaged ledger
 * with the newest good backup and the command that restores it; any other
 * engine refusal by its key; anything else as it was thrown.
 */
export function startupFailureText(error: unknown, language: Language): string {
  if (error instanceof LedgerDamagedError) {
    const { file, detail, backup, restore } = error.facts;
    const text = describeLedgerFault({ cause: 'damaged', file, detail, ...(backup && restore ? { backup: backup.file, restore } : {}) }, language);
    return `${text.sentence} ${text.nextStep ?? ''}`.trim();
  }
  // Any other refusal of the engine (a full disk, a newer ledger…): its own keyed sentence in the merchant's language.
  if (error instanceof PosError) return errorSentence(language, error.key, error.params) ?? error.message;
  return error instanceof Error ? error.message : String(error);
}
