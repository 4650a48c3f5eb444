/**
 * Kenya's eTIMS OSCU behind the same adapter, partially: initialisation and
 * the sale request (tax groups A–E, 11-character PIN, trdInvcNo and
 * receipt.rcptPbctDt). Sending a sale is not built yet; it answers
 * 'rejected' with code 'NOT_BUILT' so no caller mistakes it for a signature.
 * Its existence shows the callers need no change for a second country.
 */
import type { FiscalAdapter, FiscalDeviceIdentity, FiscalEvent, InitialiseOutcome, RegisterItemOutcome, SignOutcome } from './types';
import { labelOf, ourFailure } from './types';
import { vsdcDateTime } from './rwanda-vsdc';
import { receiptTotals, type RateBp } from './vat';

/** Kenya's tax groups: A exempt, B 16 %, C 0 %, D non-VAT, E 8 %. */
export const KENYA_RATES: Readonly<Record<string, RateBp>> = { A: 0, B: 1600, C: 0, D: 0, E: 800 };

const PIN = /^[A-Z]\d{9}[A-Z]$/;

export function checkKenyaIdentity(identity: FiscalDeviceIdentity): void {
  if (!PIN.test(identity.tin)) throw new Error('The KRA PIN must be a letter, 9 digits and a letter.');
  if (!/^\d{2}$/.test(identity.branchId)) throw new Error('The branch id must be 2 digits.');
}

/** KES amounts travel in shillings with 2 decimals; ours are cents. */
const shillings = (minor: number): number => minor / 100;

export function buildKenyaSaleRequest(identity: FiscalDeviceIdentity, event: FiscalEvent): Record<string, unknown> {
  checkKenyaIdentity(identity);
  const label = labelOf(event);
  const totals = receiptTotals(event.lines, KENYA_RATES);
  const refund = event.kind === 'refund' || (event.kind === 'copy' && event.of === 'refund');
  const cfmDt = vsdcDateTime(event.confirmedAt);
  const body: Record<string, unknown> = {
    trdInvcNo: String(event.invoiceNo),
    invcNo: event.invoiceNo,
    orgInvcNo: refund ? event.originalInvoiceNo : 0,
    salesTyCd: label[0],
    rcptTyCd: label[1],
    pmtTyCd: event.payment === 'cash' ? '01' : '06',
    salesSttsCd: refund ? '05' : '02',
    cfmDt,
    salesDt: cfmDt.slice(0, 8),
    totItemCnt: event.lines.length,
    totTaxblAmt: shillings(totals.totalTaxableMinor),
    totTaxAmt: shillings(totals.totalTaxMinor),
    totAmt: shillings(totals.totalMinor),
    receipt: { rcptPbctDt: cfmDt, prchrAcptcYn: 'N' },
    itemList: event.lines.map((line, index) => ({
      itemSeq: index + 1,
      itemCd: line.itemCode,
      itemClsCd: line.itemClassCode,
      itemNm: line.name,
      taxTyCd: line.taxType,
      taxblAmt: shillings(totals.lines[index]!.taxableMinor),
      taxAmt: shillings(totals.lines[index]!.taxMinor),
      totAmt: shillings(totals.lines[index]!.totalMinor),
    })),
  };
  for (const letter of Object.keys(KENYA_RATES)) {
    body[`taxblAmt${letter}`] = shillings(totals.groups[letter]!.taxableMinor);
    body[`taxAmt${letter}`] = shillings(totals.groups[letter]!.taxMinor);
    body[`taxRt${letter}`] = KENYA_RATES[letter]! / 100;
  }
  return body;
}

export function createKenyaOscuClient(options: { baseUrl: string; identity: FiscalDeviceIdentity; fetch?: typeof fetch }): FiscalAdapter {
  checkKenyaIdentity(options.identity);
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/$/, '');
  return {
    country: 'KE',
    async initialise(identity): Promise<InitialiseOutcome> {
      checkKenyaIdentity(identity);
      let answer: { resultCd?: unknown; resultMsg?: unknown; data?: { info?: Record<string, unknown> } };
      try {
        const response = await doFetch(`${base}/selectInitOsdcInfo`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', tin: identity.tin, bhfId: identity.branchId },
          body: JSON.stringify({ tin: identity.tin, bhfId: identity.branchId, dvcSrlNo: identity.deviceSerial }),
          signal: AbortSignal.timeout(30_000),
        });
        answer = (await response.json()) as typeof answer;
      } catch {
        return ourFailure('unreachable', '', 'error.fiscal.device.oscuNotReached');
      }
      const code = typeof answer.resultCd === 'string' ? answer.resultCd : '';
      const message = typeof answer.resultMsg === 'string' ? answer.resultMsg : '';
      if (code === '902') return { kind: 'already-installed', message };
      const sdcId = answer.data?.info?.sdcId;
      if (code !== '000' || typeof sdcId !== 'string') return { kind: 'rejected', code, message };
      const last = answer.data?.info?.lastSaleInvcNo;
      return {
        kind: 'initialised',
        info: { sdcId, mrcNo: null, lastInvoiceNo: typeof last === 'number' && Number.isSafeInteger(last) ? last : 0, taxpayerName: null },
      };
    },
    async sign(event): Promise<SignOutcome> {
      buildKenyaSaleRequest(options.identity, event);
      return ourFailure('rejected', 'NOT_BUILT', 'error.fiscal.device.oscuSaleNotBuilt');
    },
    async registerItem(): Promise<RegisterItemOutcome> {
      return ourFailure('rejected', 'NOT_BUILT', 'error.fiscal.device.oscuItemNotBuilt');
    },
  };
}
