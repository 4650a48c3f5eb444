/**
 * Rwanda's EBM 2.1 VSDC client: JSON over HTTP POST to the shop's VSDC, the
 * answer envelope {resultCd, resultMsg, resultDt, data}. Every answer is
 * checked for sense before it is believed (docs/fiscal.md).
 */
import type {
  FiscalAdapter,
  FiscalDeviceIdentity,
  FiscalEvent,
  FiscalFailure,
  FiscalItem,
  FiscalLabel,
  InitialiseOutcome,
  RegisterItemOutcome,
  SignOutcome,
} from './types';
import { labelOf, ourFailure } from './types';
import { receiptTotals, type RateBp } from './vat';

/** Rwanda's tax groups: A exempt, B 18 %, C and D 0 %. */
export const RWANDA_RATES: Readonly<Record<string, RateBp>> = { A: 0, B: 1800, C: 0, D: 0 };

export const VSDC_PATHS = {
  init: '/initializer/selectInitInfo',
  saveSales: '/trnsSales/saveSales',
  saveItems: '/items/saveItems',
} as const;

export interface VsdcEnvelope {
  resultCd: string;
  resultMsg: string;
  resultDt: string;
  data: unknown;
}

export interface RwandaVsdcOptions {
  /** The VSDC's base URL, path kept (e.g. http://127.0.0.1:8080/rraVsdc/). */
  baseUrl: string;
  identity: FiscalDeviceIdentity;
  fetch?: typeof fetch;
  /** Per-request time limit (default 30 s). */
  timeoutMs?: number;
  /** Decimal places of the currency's minor unit (RWF: 0). */
  minorDecimals?: number;
}

const TIN = /^\d{9}$/;
const BRANCH = /^\d{2}$/;

export function checkRwandaIdentity(identity: FiscalDeviceIdentity): void {
  if (!TIN.test(identity.tin)) throw new Error('The TIN must be 9 digits.');
  if (!BRANCH.test(identity.branchId)) throw new Error('The branch id must be 2 digits.');
  if (identity.deviceSerial.length === 0 || identity.deviceSerial.length > 100 || /[^\x21-\x7e]/.test(identity.deviceSerial)) {
    throw new Error('The device serial must be 1–100 visible characters.');
  }
}

/** 2026-12-04T14:05:09 (local time of the shop) → 20261204140509. */
export function vsdcDateTime(date: Date): string {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(date.getFullYear(), 4)}${pad(date.getMonth() + 1)}${pad(date.getDate())}${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/** The saveSales body for an event. Pure: the same event gives the same body (so a resend is byte-identical). */
export function buildRwandaSaleRequest(identity: FiscalDeviceIdentity, event: FiscalEvent, minorDecimals = 0): Record<string, unknown> {
  const label = labelOf(event);
  const totals = receiptTotals(event.lines, RWANDA_RATES);
  const scale = 10 ** minorDecimals;
  const money = (minor: number): number => minor / scale;
  const refund = event.kind === 'refund' || (event.kind === 'copy' && event.of === 'refund');
  // A sale copy carries 0 (the real number is refused on CS); a refund and its copy carry the original.
  const orgInvcNo = refund ? event.originalInvoiceNo : 0;
  if (!Number.isSafeInteger(event.invoiceNo) || event.invoiceNo < 1) throw new Error('The invoice number must be a positive integer.');
  const cfmDt = vsdcDateTime(event.confirmedAt);
  const group = (letter: string) => totals.groups[letter] ?? { taxableMinor: 0, taxMinor: 0 };
  return {
    tin: identity.tin,
    bhfId: identity.branchId,
    invcNo: event.invoiceNo,
    orgInvcNo,
    custTin: event.customerTin ?? null,
    custNm: event.customerName ?? null,
    salesTyCd: label[0],
    rcptTyCd: label[1],
    pmtTyCd: event.payment === 'cash' ? '01' : '06',
    salesSttsCd: refund ? '05' : '02',
    cfmDt,
    salesDt: cfmDt.slice(0, 8),
    stockRlsDt: null,
    cnclReqDt: null,
    cnclDt: null,
    rfdDt: refund ? cfmDt : null,
    rfdRsnCd: event.kind === 'refund' ? event.reasonCode : null,
    totItemCnt: event.lines.length,
    taxblAmtA: money(group('A').taxableMinor),
    taxblAmtB: money(group('B').taxableMinor),
    taxblAmtC: money(group('C').taxableMinor),
    taxblAmtD: money(group('D').taxableMinor),
    taxRtA: 0,
    taxRtB: 18,
    taxRtC: 0,
    taxRtD: 0,
    taxAmtA: money(group('A').taxMinor),
    taxAmtB: money(group('B').taxMinor),
    taxAmtC: money(group('C').taxMinor),
    taxAmtD: money(group('D').taxMinor),
    totTaxblAmt: money(totals.totalTaxableMinor),
    totTaxAmt: money(totals.totalTaxMinor),
    totAmt: money(totals.totalMinor),
    prchrAcptcYn: 'N',
    remark: event.remark ?? null,
    regrId: event.cashier.id,
    regrNm: event.cashier.name,
    modrId: event.cashier.id,
    modrNm: event.cashier.name,
    receipt: {
      custTin: event.customerTin ?? null,
      custMblNo: null,
      rptNo: event.invoiceNo,
      trdeNm: null,
      adrs: null,
      topMsg: null,
      btmMsg: null,
      prchrAcptcYn: 'N',
    },
    itemList: event.lines.map((line, index) => {
      const amounts = totals.lines[index]!;
      return {
        itemSeq: index + 1,
        itemCd: line.itemCode,
        itemClsCd: line.itemClassCode,
        itemNm: line.name,
        bcd: null,
        pkgUnitCd: line.packagingUnit,
        pkg: line.qtyMilli / 1000,
        qtyUnitCd: line.quantityUnit,
        qty: line.qtyMilli / 1000,
        prc: money(line.priceMinor),
        splyAmt: money(amounts.supplyMinor),
        dcRt: 0,
        dcAmt: money(amounts.discountMinor),
        isrccCd: null,
        isrccNm: null,
        isrcRt: null,
        isrcAmt: null,
        taxTyCd: line.taxType,
        taxblAmt: money(amounts.taxableMinor),
        taxAmt: money(amounts.taxMinor),
        totAmt: money(amounts.totalMinor),
      };
    }),
  };
}

/** The saveItems body for an item (the shop's default item, at set-up). */
export function buildRwandaItemRequest(identity: FiscalDeviceIdentity, item: FiscalItem, minorDecimals = 0): Record<string, unknown> {
  return {
    tin: identity.tin,
    bhfId: identity.branchId,
    itemCd: item.itemCode,
    itemClsCd: item.itemClassCode,
    itemTyCd: item.itemType,
    itemNm: item.name,
    itemStdNm: null,
    orgnNatCd: item.originCountry,
    pkgUnitCd: item.packagingUnit,
    qtyUnitCd: item.quantityUnit,
    taxTyCd: item.taxType,
    btchNo: null,
    bcd: null,
    dftPrc: item.defaultPriceMinor / 10 ** minorDecimals,
    grpPrcL1: null,
    grpPrcL2: null,
    grpPrcL3: null,
    grpPrcL4: null,
    grpPrcL5: null,
    addInfo: null,
    sftyQty: null,
    isrcAplcbYn: 'N',
    useYn: 'Y',
    regrId: item.registeredBy.id,
    regrNm: item.registeredBy.name,
    modrId: item.registeredBy.id,
    modrNm: item.registeredBy.name,
  };
}

/** The field a 910 names, e.g. "... <cfmDt> ..." → "cfmDt". */
export function fieldOf910(message: string): string | undefined {
  return /<([A-Za-z][A-Za-z0-9]{0,40})>/.exec(message)?.[1];
}

export function isInvoiceNumberTaken(message: string): boolean {
  return /invoice\s+number\s+already\s+exists/i.test(message);
}

function parseEnvelope(value: unknown): VsdcEnvelope | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.resultCd !== 'string' || !/^\d{3}$/.test(v.resultCd)) return null;
  return {
    resultCd: v.resultCd,
    resultMsg: typeof v.resultMsg === 'string' ? v.resultMsg.slice(0, 400) : '',
    resultDt: typeof v.resultDt === 'string' ? v.resultDt : '',
    data: v.data ?? null,
  };
}

function failure(envelope: VsdcEnvelope): FiscalFailure {
  const field = envelope.resultCd === '910' ? fieldOf910(envelope.resultMsg) : undefined;
  return { kind: 'rejected', code: envelope.resultCd, message: envelope.resultMsg, ...(field ? { field } : {}) };
}

const str = (value: unknown, pattern: RegExp): string | null =>
  typeof value === 'string' && pattern.test(value) ? value : null;
const posInt = (value: unknown): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;

export function createRwandaVsdcClient(options: RwandaVsdcOptions): FiscalAdapter & {
  post(path: string, body: unknown): Promise<VsdcEnvelope | FiscalFailure>;
} {
  checkRwandaIdentity(options.identity);
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.endsWith('/') ? options.baseUrl.slice(0, -1) : options.baseUrl;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function post(path: string, body: unknown): Promise<VsdcEnvelope | FiscalFailure> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return ourFailure('unreachable', '', timedOut ? 'error.fiscal.device.timedOut' : 'error.fiscal.device.notReached');
    }
    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch {
      // The request may have been processed: treated as unanswered, resolved by resending the same invcNo.
      return ourFailure('unreachable', '', 'error.fiscal.device.unreadable', { status: response.status });
    }
    const envelope = parseEnvelope(parsed);
    if (!envelope) return ourFailure('unreachable', '', 'error.fiscal.device.noResultCode', { status: response.status });
    return envelope;
  }

  return {
    country: 'RW',
    post,
    async initialise(identity: FiscalDeviceIdentity): Promise<InitialiseOutcome> {
      checkRwandaIdentity(identity);
      const answer = await post(VSDC_PATHS.init, { tin: identity.tin, bhfId: identity.branchId, dvcSrlNo: identity.deviceSerial });
      if (!('resultCd' in answer)) return answer;
      if (answer.resultCd === '902') return { kind: 'already-installed', message: answer.resultMsg };
      if (answer.resultCd !== '000') return failure(answer);
      const info = (answer.data as { info?: Record<string, unknown> } | null)?.info;
      // PV's table spells it sdicId; the examples and SDKs say sdcId.
      const sdcId = str(info?.sdcId ?? info?.sdicId, /^[A-Z0-9]{4,20}$/);
      const mrcNo = str(info?.mrcNo, /^[A-Z0-9]{4,20}$/);
      if (!info || !sdcId || !mrcNo || info.tin !== identity.tin) {
        return ourFailure('rejected', answer.resultCd, 'error.fiscal.device.initIncomplete');
      }
      const last = typeof info.lastSaleInvcNo === 'number' && Number.isSafeInteger(info.lastSaleInvcNo) && info.lastSaleInvcNo >= 0
        ? info.lastSaleInvcNo
        : 0;
      return {
        kind: 'initialised',
        info: { sdcId, mrcNo, lastInvoiceNo: last, taxpayerName: typeof info.taxprNm === 'string' ? info.taxprNm.slice(0, 100) : null },
      };
    },
    async sign(event: FiscalEvent): Promise<SignOutcome> {
      const label: FiscalLabel = labelOf(event);
      const body = buildRwandaSaleRequest(options.identity, event, options.minorDecimals ?? 0);
      const answer = await post(VSDC_PATHS.saveSales, body);
      if (!('resultCd' in answer)) return answer;
      if (answer.resultCd === '994') return { kind: 'duplicate', message: answer.resultMsg };
      if (isInvoiceNumberTaken(answer.resultMsg)) return { kind: 'invoice-number-taken', message: answer.resultMsg };
      if (answer.resultCd !== '000') return failure(answer);
      const data = answer.data as Record<string, unknown> | null;
      const receiptNo = posInt(data?.rcptNo);
      const totalReceiptNo = posInt(data?.totRcptNo);
      const internalData = str(data?.intrlData, /^[A-Z2-7]{26}$/);
      const signature = str(data?.rcptSign, /^[A-Z2-7]{16}$/);
      const sdcDateTime = str(data?.vsdcRcptPbctDate, /^\d{14}$/);
      const sdcId = str(data?.sdcId, /^[A-Z0-9]{4,20}$/);
      const mrcNo = str(data?.mrcNo, /^[A-Z0-9]{4,20}$/);
      if (receiptNo === null || totalReceiptNo === null || !internalData || !signature || !sdcDateTime || !sdcId || !mrcNo || receiptNo > totalReceiptNo) {
        return ourFailure('rejected', answer.resultCd, 'error.fiscal.device.signatureIncomplete');
      }
      return {
        kind: 'signed',
        signature: { label, invoiceNo: event.invoiceNo, receiptNo, totalReceiptNo, internalData, signature, sdcDateTime, sdcId, mrcNo },
      };
    },
    async registerItem(item: FiscalItem): Promise<RegisterItemOutcome> {
      const answer = await post(VSDC_PATHS.saveItems, buildRwandaItemRequest(options.identity, item, options.minorDecimals ?? 0));
      if (!('resultCd' in answer)) return answer;
      if (answer.resultCd !== '000') return failure(answer);
      return { kind: 'registered' };
    },
  };
}
