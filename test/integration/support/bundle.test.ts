/**
 * The support bundle, opened: from the manager's button (till.supportBundle
 * through the router, manager PIN first) and from `npm run pos -- support`,
 * over a real training day (a payment MTN failed, one the customer declined,
 * one paid), head office's acknowledgement and a log that was written with
 * secrets in it. Each part is named and in the zip; no key, token, password
 * or full phone number is.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPos, type Pos } from '../../../electron/core/app';
import { runPos } from '../../../electron/core/cli/pos';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/ledger';
import { fileLog, logFileName, logsDir } from '../../../electron/core/support';
import type { PosResult } from '../../../shared/contract';

let app: Pos;
let dataDir: string;
const call = (method: string, input: unknown = {}) => app.router.call(method, input) as Promise<PosResult<any>>;
async function ok(method: string, input: unknown = {}) {
  const result = await call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.code} ${result.message}`);
  return result.data;
}

const PIN = '482916';
const today = new Date().toISOString().slice(0, 10);
// What a careless log line could carry: a payer's number, a bearer token, a JWT, a key, a password in a URL, a PIN.
const LEAKS = {
  phone: '250788123456',
  localPhone: '0788654321',
  bearer: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ',
  subscriptionKey: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
  hqPassword: 'S3cr3t-till-password',
  apiKey: '5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b',
};
const leakyLog = [
  `${today}T08:00:00.000Z charge to ${LEAKS.phone} failed; retrying with Authorization: ${LEAKS.bearer}`,
  `${today}T08:00:01.000Z customer called from ${LEAKS.localPhone}`,
  `${today}T08:00:02.000Z Ocp-Apim-Subscription-Key: ${LEAKS.subscriptionKey}`,
  `${today}T08:00:03.000Z head office push to postgres://till_1:${LEAKS.hqPassword}@hq.example:5432/pos refused`,
  `${today}T08:00:04.000Z provisioning answered {"apiKey":"${LEAKS.apiKey}"} with pin=${PIN}`,
  '',
].join('\n');

function open(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  const names = Object.keys(files);
  const root = names[0]!.split('/')[0]!;
  expect(names.every((name) => name.startsWith(`${root}/`))).toBe(true);
  return Object.fromEntries(names.map((name) => [name.slice(root.length + 1), strFromU8(files[name]!)]));
}

function expectNothingSecret(files: Record<string, string>, payers: string[]): void {
  const all = Object.values(files).join('\n');
  for (const [what, value] of Object.entries(LEAKS)) expect(all, what).not.toContain(value.replace(/^Bearer /, ''));
  for (const payer of payers) expect(all, payer).not.toContain(payer);
  expect(all).not.toContain(PIN);
  // No phone number left whole anywhere: 9 to 15 digits standing alone.
  expect(all.match(/(?<![\w.:-])\+?\d{9,15}(?![\w.:-])/g) ?? []).toEqual([]);
  expect(all).not.toMatch(/Bearer (?!<jwt-redacted>)/);
  expect(all).not.toMatch(/eyJ[\w-]{6,}\./);
}

function expectEachPart(files: Record<string, string>, receipts: { failed: string; rejected: string; paid: string }, ack: { seq: number; hash: string }): void {
  const names = Object.keys(files);
  for (const part of ['README.txt', 'about.txt', 'verify.txt', 'head-office.txt', `logs/${logFileName(today)}`]) expect(names).toContain(part);
  expect(names).toContain(`transcripts/${receipts.failed}-1-failed.txt`);
  expect(names).toContain(`transcripts/${receipts.rejected}-1-rejected.txt`);
  expect(names.some((name) => name.includes(receipts.paid))).toBe(false);
  expect(files['about.txt']).toContain(`Ledger schema: ${LATEST_SCHEMA_VERSION}`);
  expect(files['about.txt']).toContain(`OS: ${os.type()} ${os.release()}`);
  expect(files['verify.txt']).toMatch(/^Ledger OK: \d+ entries/m);
  expect(files['head-office.txt']).toContain(`seq ${ack.seq}, hash ${ack.hash}`);
  expect(files[`transcripts/${receipts.failed}-1-failed.txt`]).toContain('Failure Reason: INTERNAL_PROCESSING_ERROR');
  expect(files[`transcripts/${receipts.failed}-1-failed.txt`]).toContain('SUMMARY FOR MTN');
  expect(files[`logs/${logFileName(today)}`]).toContain('head office push to postgres://till_1:<redacted>@hq.example:5432/pos refused');
  expect(files['README.txt']).toContain('TRAINING: nothing in it went to MTN');
}

let receipts: { failed: string; rejected: string; paid: string };
let ack: { seq: number; hash: string };

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-support-'));
  // A log written before redaction existed (or by hand): the bundle must still redact it.
  mkdirSync(logsDir(dataDir), { recursive: true });
  writeFileSync(path.join(logsDir(dataDir), logFileName(today)), leakyLog);
  app = await startPos({ dataDir, dataDirKind: 'custom', version: '9.8.7-test', transport: 'http', env: { MOMO_POS_SIM_APPROVAL_MS: '100' }, log: () => {} });
  await ok('till.setManagerPin', { pin: PIN });
  const sales = await Promise.all(['46733123450', '46733123451', '0788 123 456'].map((phone) => ok('sale.charge', { phone, amount: '1500' })));
  for (const sale of sales) {
    for (let i = 0; i < 100 && (await ok('sale.get', { saleId: sale.sale.id })).status === 'awaiting_payment'; i++) await new Promise((r) => setTimeout(r, 50));
  }
  receipts = { failed: sales[0].receiptNumber, rejected: sales[1].receiptNumber, paid: sales[2].receiptNumber };
  const head = app.ledger.journalHead()!;
  expect(app.ledger.recordHeadOfficeAck({ seq: head.seq, hash: head.hash, receivedAt: new Date().toISOString() })).toBe(true);
  ack = head;
});
afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the support bundle', () => {
  it('from the manager’s button: refused without the manager PIN, then one zip with each part named and nothing secret', async () => {
    expect(await call('till.supportBundle', { pin: '000000' })).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
    expect(await call('till.supportBundle', {})).toMatchObject({ ok: false, code: 'VALIDATION', field: 'pin' });
    const bundle = await ok('till.supportBundle', { pin: PIN });
    expect(bundle.fileName).toMatch(/^momo-pos-support-[A-Z0-9]+-\d{8}-\d{4}\.zip$/);
    const bytes = Buffer.from(bundle.base64, 'base64');
    expect(bytes.length).toBe(bundle.bytes);
    const files = open(bytes);
    expect(Object.keys(files)).toEqual(bundle.parts);
    expect(files['about.txt']).toContain('MoMo POS 9.8.7-test');
    expectEachPart(files, receipts, ack);
    expectNothingSecret(files, ['46733123450', '46733123451', '250788123456']);
  });

  it('from the command line: `pos support --out FILE` writes the same parts, reading the ledger the running app holds', async () => {
    const out = path.join(dataDir, 'bundle.zip');
    const said: string[] = [];
    const code = await runPos(['support', '--out', out, '--data-dir', dataDir, '--training'], { out: (l) => said.push(l), err: (l) => said.push(l), env: {} });
    expect(code, said.join('\n')).toBe(0);
    expect(said[0]).toContain(`Wrote the support bundle to ${out}`);
    const files = open(readFileSync(out));
    expectEachPart(files, receipts, ack);
    expectNothingSecret(files, ['46733123450', '46733123451', '250788123456']);
  });

  it('the app’s own log lands in the data folder redacted, line by line', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-log-'));
    try {
      const echoed: string[] = [];
      const log = fileLog(folder, (line) => echoed.push(line), { secrets: () => [LEAKS.subscriptionKey], now: () => new Date(`${today}T09:00:00.000Z`) });
      log(`refund to ${LEAKS.phone} refused; key ${LEAKS.subscriptionKey}; ${LEAKS.bearer}`);
      const written = readFileSync(path.join(logsDir(folder), logFileName(today)), 'utf8');
      expect(written).toBe(`${today}T09:00:00.000Z refund to 2507******56 refused; key <redacted>; Bearer <jwt-redacted>\n`);
      expect(echoed).toHaveLength(1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
