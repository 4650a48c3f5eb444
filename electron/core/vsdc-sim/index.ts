/**
 * A VSDC simulator: an HTTP server on 127.0.0.1 answering the calls the
 * fiscal client makes the way Rwanda's VSDC does (envelope, result codes,
 * receipt counters per label, a stand-in signature), with fault injection
 * for tests. Training mode signs against it.
 */
import { createHash, randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { vsdcDateTime } from '../fiscal';
import { internalData, receiptSignature } from './signing';

export const LOOPBACK = '127.0.0.1';

/**
 * One injected fault, hitting the next `times` (default 1) requests to `path` (absent: any).
 *  - unreachable: the socket is destroyed unread (the VSDC never saw the request).
 *  - lost-answer: the request is processed (signed, counted), then the socket is destroyed unanswered.
 *  - slow: processed, answered after delayMs (default 2000).
 *  - param-error: answered 910 naming `field` (default cfmDt), nothing processed.
 *  - duplicate: answered 994, nothing processed.
 */
export interface VsdcFaultRule {
  path?: string;
  kind: 'unreachable' | 'lost-answer' | 'slow' | 'param-error' | 'duplicate';
  times?: number;
  delayMs?: number;
  field?: string;
}

export interface VsdcSimulatorOptions {
  port?: number;
  host?: string;
  faults?: VsdcFaultRule[];
  /** The clock (default Date.now), for resultDt and signing dates. */
  now?: () => Date;
}

export interface SimReceipt {
  invcNo: number;
  label: string;
  rcptNo: number;
  totRcptNo: number;
  rcptSign: string;
  intrlData: string;
  bodyHash: string;
}

interface SimDevice {
  tin: string;
  bhfId: string;
  dvcSrlNo: string;
  sdcId: string;
  mrcNo: string;
  signKey: Buffer;
  intrlKey: Buffer;
  installedAt: Date;
  counters: Map<string, number>;
  total: number;
  salesTotal: number;
  refundTotal: number;
  receipts: Map<number, SimReceipt>;
}

export interface VsdcSimulator {
  url: string;
  inject(rule: VsdcFaultRule): void;
  /** Drops every fault not yet used. */
  clearFaults(): void;
  /** Receipts signed for a branch, in invcNo order. */
  receipts(tin: string, bhfId: string): SimReceipt[];
  /** Receipts per label for a branch. */
  counters(tin: string, bhfId: string): Record<string, number>;
  requests(): number;
  close(): Promise<void>;
}

const REQUIRED_SALE_FIELDS = [
  'tin', 'bhfId', 'invcNo', 'orgInvcNo', 'salesTyCd', 'rcptTyCd', 'salesSttsCd', 'cfmDt', 'salesDt', 'totItemCnt',
  'taxblAmtA', 'taxblAmtB', 'taxblAmtC', 'taxblAmtD', 'taxAmtA', 'taxAmtB', 'taxAmtC', 'taxAmtD',
  'taxRtA', 'taxRtB', 'taxRtC', 'taxRtD', 'totTaxblAmt', 'totTaxAmt', 'totAmt', 'prchrAcptcYn', 'regrId', 'regrNm', 'modrId', 'modrNm',
] as const;
const REQUIRED_ITEM_FIELDS = ['itemSeq', 'itemCd', 'itemNm', 'pkgUnitCd', 'pkg', 'qtyUnitCd', 'qty', 'prc', 'splyAmt', 'dcRt', 'dcAmt', 'taxTyCd', 'taxblAmt', 'taxAmt', 'totAmt'] as const;
const LABELS = new Set(['NS', 'NR', 'CS', 'CR', 'TS', 'TR', 'PS']);

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const stamp = vsdcDateTime;

export async function startVsdcSimulator(options: VsdcSimulatorOptions = {}): Promise<VsdcSimulator> {
  if (options.host !== undefined && options.host !== LOOPBACK) {
    throw new Error(`The VSDC simulator listens on ${LOOPBACK} only, not on ${options.host}.`);
  }
  const now = options.now ?? (() => new Date());
  const faults: VsdcFaultRule[] = [...(options.faults ?? [])];
  const devices = new Map<string, SimDevice>();
  const sockets = new Set<Socket>();
  let requestCount = 0;
  let serial = 0;

  const envelope = (resultCd: string, resultMsg: string, data: unknown = null) => ({ resultCd, resultMsg, resultDt: stamp(now()), data });

  function takeFault(path: string): VsdcFaultRule | undefined {
    const index = faults.findIndex((rule) => rule.path === undefined || rule.path === path);
    if (index < 0) return undefined;
    const rule = faults[index]!;
    const left = (rule.times ?? 1) - 1;
    if (left <= 0) faults.splice(index, 1);
    else faults[index] = { ...rule, times: left };
    return rule;
  }

  function init(body: Record<string, unknown>) {
    const { tin, bhfId, dvcSrlNo } = body;
    if (typeof tin !== 'string' || !/^\d{9}$/.test(tin)) return envelope('910', 'Request parameter error: <tin>');
    if (typeof bhfId !== 'string' || !/^\d{2}$/.test(bhfId)) return envelope('910', 'Request parameter error: <bhfId>');
    if (typeof dvcSrlNo !== 'string' || dvcSrlNo.length === 0 || dvcSrlNo.length > 100) return envelope('910', 'Request parameter error: <dvcSrlNo>');
    const key = `${tin}/${bhfId}`;
    if (devices.has(key)) return envelope('902', 'This device is installed');
    serial += 1;
    const device: SimDevice = {
      tin, bhfId, dvcSrlNo,
      sdcId: `SDC01${pad(serial, 7)}`,
      mrcNo: `WIS01${pad(serial, 6)}`,
      signKey: randomBytes(20),
      intrlKey: randomBytes(32),
      installedAt: now(),
      counters: new Map(),
      total: 0,
      salesTotal: 0,
      refundTotal: 0,
      receipts: new Map(),
    };
    devices.set(key, device);
    return envelope('000', 'It is succeeded', {
      info: {
        tin, taxprNm: 'SIMULATED SHOP LTD', bsnsActv: null, bhfId, bhfNm: bhfId === '00' ? 'Headquarter' : `Branch ${bhfId}`,
        bhfOpenDt: stamp(device.installedAt).slice(0, 8), prvncNm: 'KIGALI CITY', dstrtNm: 'GASABO', sctrNm: 'REMERA', locDesc: null,
        hqYn: bhfId === '00' ? 'Y' : 'N', mgrNm: null, mgrTelNo: null, mgrEmail: null, dvcId: dvcSrlNo,
        sdcId: device.sdcId, mrcNo: device.mrcNo, cmcKey: randomBytes(16).toString('hex'),
        lastSaleInvcNo: 0, lastPchsInvcNo: 0, lastSaleRcptNo: 0, lastInvcNo: 0, lastTrainInvcNo: 0, lastProfrmInvcNo: 0, lastCopyInvcNo: 0,
      },
    });
  }

  function saveSales(body: Record<string, unknown>, raw: string) {
    for (const field of REQUIRED_SALE_FIELDS) {
      if (body[field] === undefined || body[field] === null || body[field] === '') return envelope('910', `Request parameter error: <${field}>`);
    }
    const device = devices.get(`${String(body.tin)}/${String(body.bhfId)}`);
    if (!device) return envelope('901', 'It is not valid device');
    const invcNo = body.invcNo;
    if (typeof invcNo !== 'number' || !Number.isSafeInteger(invcNo) || invcNo < 1) return envelope('910', 'Request parameter error: <invcNo>');
    const label = `${String(body.salesTyCd)}${String(body.rcptTyCd)}`;
    if (!LABELS.has(label)) return envelope('910', 'Request parameter error: <salesTyCd>');
    if (typeof body.cfmDt !== 'string' || !/^\d{14}$/.test(body.cfmDt)) return envelope('910', 'Request parameter error: <cfmDt>');
    if (typeof body.salesDt !== 'string' || !/^\d{8}$/.test(body.salesDt)) return envelope('910', 'Request parameter error: <salesDt>');
    const refund = body.rcptTyCd === 'R';
    if (refund && (typeof body.rfdDt !== 'string' || !/^\d{14}$/.test(body.rfdDt))) return envelope('910', 'Request parameter error: <rfdDt>');
    if (refund && !(typeof body.orgInvcNo === 'number' && body.orgInvcNo > 0)) return envelope('910', 'Request parameter error: <orgInvcNo>');
    if (label === 'CS' && body.orgInvcNo !== 0) return envelope('910', 'Request parameter error: <orgInvcNo>');
    const items = body.itemList;
    if (!Array.isArray(items) || items.length === 0) return envelope('910', 'Request parameter error: <itemList>');
    if (body.totItemCnt !== items.length) return envelope('910', 'Request parameter error: <totItemCnt>');
    let taxB = 0;
    let total = 0;
    for (const item of items as Array<Record<string, unknown>>) {
      for (const field of REQUIRED_ITEM_FIELDS) {
        if (item?.[field] === undefined || item[field] === null || item[field] === '') return envelope('910', `Request parameter error: <${field}>`);
      }
      if (item.taxTyCd === 'B') taxB += Number(item.taxAmt);
      total += Number(item.totAmt);
    }
    if (Math.abs(taxB - Number(body.taxAmtB)) > 0.005) return envelope('910', 'Request parameter error: <taxAmtB>');
    if (Math.abs(total - Number(body.totAmt)) > 0.005) return envelope('910', 'Request parameter error: <totAmt>');

    const bodyHash = createHash('sha256').update(raw).digest('hex');
    const existing = device.receipts.get(invcNo);
    if (existing) {
      // The same request again is a duplicate (done); another sale under the same number is refused.
      return existing.bodyHash === bodyHash
        ? envelope('994', 'Duplicated data')
        : envelope('924', 'Invoice number already exists.');
    }
    const rcptNo = (device.counters.get(label) ?? 0) + 1;
    device.counters.set(label, rcptNo);
    device.total += 1;
    if (label === 'NS') device.salesTotal += Number(body.totAmt);
    if (label === 'NR') device.refundTotal += Number(body.totAmt);
    const signedAt = now();
    const dateTime = stamp(signedAt);
    const dayCount = Math.max(0, Math.floor((signedAt.getTime() - device.installedAt.getTime()) / 86_400_000));
    const rcptSign = receiptSignature(device.signKey, {
      dateTime,
      taxable: [body.taxblAmtA, body.taxblAmtB, body.taxblAmtC, body.taxblAmtD].map(Number),
      label,
      sdcId: device.sdcId,
      receiptNo: rcptNo,
      totalReceiptNo: device.total,
      tin: device.tin,
      custTin: typeof body.custTin === 'string' ? body.custTin : '',
      mrcNo: device.mrcNo,
      invcNo,
    });
    const intrl = internalData(device.intrlKey, device.salesTotal, device.total, device.refundTotal, dayCount);
    device.receipts.set(invcNo, { invcNo, label, rcptNo, totRcptNo: device.total, rcptSign, intrlData: intrl, bodyHash });
    return envelope('000', 'It is succeeded', {
      rcptNo, totRcptNo: device.total, intrlData: intrl, rcptSign, vsdcRcptPbctDate: dateTime, sdcId: device.sdcId, mrcNo: device.mrcNo,
    });
  }

  function handle(path: string, body: Record<string, unknown>, raw: string) {
    switch (path) {
      case '/initializer/selectInitInfo':
        return init(body);
      case '/trnsSales/saveSales':
        return saveSales(body, raw);
      case '/items/saveItems':
        if (!devices.has(`${String(body.tin)}/${String(body.bhfId)}`)) return envelope('901', 'It is not valid device');
        for (const field of ['itemCd', 'itemClsCd', 'itemTyCd', 'itemNm', 'pkgUnitCd', 'qtyUnitCd', 'taxTyCd']) {
          if (typeof body[field] !== 'string' || body[field] === '') return envelope('910', `Request parameter error: <${field}>`);
        }
        return envelope('000', 'It is succeeded');
      default:
        return null;
    }
  }

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    requestCount += 1;
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const fault = takeFault(path);
    if (fault?.kind === 'unreachable') {
      request.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > 1_000_000) {
        request.socket.destroy();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const send = (status: number, value: unknown): void => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (request.method !== 'POST') return send(200, envelope('912', 'Request method is not valid'));
    if (fault?.kind === 'param-error') return send(200, envelope('910', `Request parameter error: <${fault.field ?? 'cfmDt'}>`));
    if (fault?.kind === 'duplicate') return send(200, envelope('994', 'Duplicated data'));
    const raw = Buffer.concat(chunks).toString('utf8');
    if (raw.length === 0) return send(200, envelope('911', 'Request body is empty'));
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return send(200, envelope('910', 'Request parameter error: <body>'));
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return send(200, envelope('910', 'Request parameter error: <body>'));
    const answer = handle(path, body as Record<string, unknown>, raw);
    if (answer === null) return send(404, envelope('999', 'Unknown path'));
    if (fault?.kind === 'lost-answer') {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 2000));
    if (!response.destroyed) send(200, answer);
  }

  const server = http.createServer((request, response) => {
    serve(request, response).catch(() => request.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: LOOPBACK, exclusive: true }, () => resolve());
  });
  const address = server.address() as AddressInfo;

  return {
    url: `http://${LOOPBACK}:${address.port}`,
    inject(rule) {
      faults.push(rule);
    },
    clearFaults() {
      faults.length = 0;
    },
    receipts(tin, bhfId) {
      return [...(devices.get(`${tin}/${bhfId}`)?.receipts.values() ?? [])].sort((a, b) => a.invcNo - b.invcNo);
    },
    counters(tin, bhfId) {
      return Object.fromEntries(devices.get(`${tin}/${bhfId}`)?.counters ?? []);
    },
    requests: () => requestCount,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
