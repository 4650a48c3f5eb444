/**
 * The PosApi router under random and hostile payloads (fast-check): every
 * method name (and names that are not methods), random JSON, wrong types,
 * huge strings, prototype-pollution keys, deep nesting, NaN and Infinity,
 * negative, fractional and huge amounts, control characters, emoji.
 *
 * Each answer must be a typed failure {ok:false, code, message[, field]} or
 * a valid success; never INTERNAL; the process stays up; a failed call
 * leaves the ledger exactly as it was (row counts, journal head, settings);
 * the journal verifies at the end; Object.prototype is never polluted.
 *
 * The router is the real one from startPos (training mode, its simulator).
 * Polling is switched off (engine.stop()) so the ledger only changes when a
 * call changes it: the "unchanged by a failed call" check is then exact.
 * Payloads travel as the transports deliver them: JSON (browser mode) or a
 * structured clone (Electron IPC).
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPos, type Pos } from '../../../electron/core/app';
import { inputSchemas } from '../../../shared/contract';
import { METHOD_LIST } from '../../../shared/pos-api';
import { isErrorKey } from '../../../shared/errors';

export interface FuzzReport {
  payloads: number;
  okAnswers: number;
  byCode: Record<string, number>;
  problems: string[];
  unexpectedErrors: string[];
  seconds: number;
}

// ---- hostile values -----------------------------------------------------------

const HOSTILE_TEXT = [
  '',
  ' ',
  '\u0000',
  '\u0000\u0001\u0002\u001b[31m',
  '\r\n\t',
  '\u202e0788123456',
  '\ufeff1000',
  '😀',
  '👨‍👩‍👧‍👦💸',
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '-0',
  '0',
  '0.0',
  '0.001',
  '1e3',
  '1E400',
  '0x10',
  '1_000',
  '1,000.50',
  '１０００',
  '١٠٠٠',
  '१०००',
  '9007199254740993',
  '99999999999999999999999999999999',
  '1000.',
  '.5',
  '+1000',
  '1000 RWF',
  '<script>alert(1)</script>',
  "'; DROP TABLE sales; --",
  '../../etc/passwd',
  '%00',
  '__proto__',
  'constructor',
  'prototype',
  '0788123456',
  '+250 788 123 456',
  '250788123456',
  '46733123453',
  '46733123450',
  '+46733123451',
  '2025-02-30',
  '0000-00-00',
  '9999-12-31',
  'mtnghana',
  'sandbox',
  'EUR',
  'XYZ',
  'none',
  'spooler',
  'A4',
];

const hugeText = fc.constantFrom('9'.repeat(33), '9'.repeat(10_000), 'x'.repeat(1_000_000), '😀'.repeat(50_000), '\u0000'.repeat(4_096));

const hostileNumber = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, -1, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, Number.MIN_VALUE, 2 ** 31, 32, 42, 48, 65536),
  fc.double(),
  fc.integer(),
);

/** A value of the wrong kind, or the right kind with nasty content. */
function hostileValue(known: () => string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: hugeText },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.constantFrom(true, false, null, [], {}, [1, 2], { valueOf: 1 }) },
    { weight: 1, arbitrary: fc.bigInt() },
    {
      weight: 3,
      arbitrary: fc.nat().map((n) => {
        const ids = known();
        return ids.length ? ids[n % ids.length]! : 'missing';
      }),
    },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty', 'toString', 'valueOf'];

/** Field names of a method's input schema (none for refined or empty ones). */
function fieldsOf(method: string): string[] {
  const schema = (inputSchemas as Record<string, unknown>)[method] as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> }; schema?: { shape?: Record<string, unknown> } } } | undefined;
  const shape = schema?.shape ?? schema?.def?.in?.shape ?? schema?.def?.schema?.shape;
  return shape ? Object.keys(shape) : [];
}

/** Payloads shaped like the method's input, with hostile values, missing and extra keys. */
function shapedInput(method: string, known: () => string[]): fc.Arbitrary<unknown> {
  const fields = fieldsOf(method);
  const key = fc.oneof({ weight: 6, arbitrary: fields.length ? fc.constantFrom(...fields) : fc.constant('x') }, { weight: 1, arbitrary: fc.constantFrom(...POLLUTION_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
  return fc.array(fc.tuple(key, hostileValue(known)), { maxLength: Math.max(1, fields.length + 2) }).map((entries) => {
    const input: Record<string, unknown> = {};
    for (const [k, v] of entries) Object.defineProperty(input, k, { value: v, enumerable: true, writable: true, configurable: true });
    return input;
  });
}

/** Valid-looking inputs with hostile content where it matters (amounts, phones, ids, text). */
function plausibleInput(method: string, known: () => string[]): fc.Arbitrary<unknown> {
  const id = hostileValue(known).filter((v) => typeof v === 'string' && v.length <= 64) as fc.Arbitrary<string>;
  const text = fc.oneof(fc.constantFrom(...HOSTILE_TEXT), fc.string({ unit: 'grapheme', maxLength: 30 }));
  const amount = fc.oneof(fc.constantFrom(...HOSTILE_TEXT.filter((t) => t.length <= 32)), fc.integer({ min: -1e6, max: 1e12 }).map(String), fc.double({ noNaN: false }).map(String).filter((t) => t.length <= 32));
  const phone = fc.oneof(fc.constantFrom(...HOSTILE_TEXT.filter((t) => t.length <= 40)), fc.stringMatching(/^[+0-9 ()-]{0,20}$/));
  const day = fc.oneof(fc.constantFrom('2025-02-30', '0000-00-00', '9999-12-31', '2026-11-25', '1970-01-01', '2026-13-01'), fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
  switch (method) {
    case 'sale.charge':
      return fc.record({ phone, amount, note: text, cashier: text, payerName: text }, { requiredKeys: ['phone', 'amount'] });
    case 'sale.lookupPayer':
      return fc.record({ phone });
    case 'sale.payCash':
      return fc.oneof(fc.record({ amount, tendered: amount, note: text, cashier: text }, { requiredKeys: ['amount'] }), fc.record({ saleId: id, tendered: amount }, { requiredKeys: ['saleId'] }));
    case 'sale.list':
      return fc.record({ day, search: text, limit: fc.oneof(fc.integer({ min: -5, max: 600 }), fc.constant(1)) }, { requiredKeys: [] });
    case 'sale.get':
    case 'payment.retry':
      return fc.record({ saleId: id });
    case 'payment.recheck':
    case 'payment.cancelWaiting':
    case 'payment.transcript':
      return fc.record({ paymentId: id });
    case 'receipt.render':
    case 'receipt.savePdf':
      return fc.record({ saleId: id, width: fc.constantFrom('58mm', '80mm', 'A4', 'B5'), copy: fc.boolean() }, { requiredKeys: ['saleId', 'width'] });
    case 'receipt.print':
      return fc.record({ saleId: id, copy: fc.boolean() }, { requiredKeys: ['saleId'] });
    case 'till.openShift':
      return fc.record({ openingFloat: amount, cashier: text });
    case 'till.cashMovement':
      return fc.record({ kind: fc.constantFrom('in', 'out', 'sideways'), amount, reason: text, pin: fc.stringMatching(/^\d{0,9}$/) }, { requiredKeys: ['kind', 'amount', 'reason'] });
    case 'till.closeShift':
      return fc.record({ countedCash: amount, pin: fc.stringMatching(/^\d{0,9}$/) });
    case 'till.zReport':
      return fc.record({ number: fc.integer({ min: -1, max: 1e9 }), pin: fc.stringMatching(/^\d{0,9}$/) }, { requiredKeys: [] });
    case 'till.exportCsv':
      return fc.record({ from: day, to: day });
    case 'refund.create':
      return fc.record({ saleId: id, amount, reason: text, pin: fc.stringMatching(/^\d{0,9}$/), method: fc.constantFrom('momo', 'cash', 'card') });
    case 'refund.get':
      return fc.record({ refundId: id });
    case 'settings.update':
      // Never a real printer: a fuzzed host or queue would make the fuzz print for real.
      return fc.record(
        {
          merchantName: text,
          receiptHeader: text,
          receiptFooter: text,
          language: fc.constantFrom('en', 'fr', 'rw', 'de'),
          targetEnvironment: fc.constantFrom('sandbox', 'mtnrwanda', 'mtnghana', 'mtnuganda', 'mars'),
          currency: fc.constantFrom('RWF', 'EUR', 'GHS', 'XYZ', 'rwf', 'R'),
          quickAmounts: fc.array(amount, { maxLength: 10 }),
          dayStartsAtHour: fc.integer({ min: -2, max: 30 }),
          receiptWidth: fc.constantFrom('58mm', '80mm', 'A4', '1m'),
          printerKind: fc.constant('none'),
          printerColumns: fc.constantFrom(32, 42, 48, 40),
          baseUrl: fc.constantFrom('https://sandbox.momodeveloper.mtn.com', 'http://127.0.0.1:1', 'javascript:alert(1)', 'not a url', 'file:///etc/passwd'),
        },
        { requiredKeys: [] },
      );
    case 'credentials.set':
      return fc.record({ collectionSubscriptionKey: text, apiUser: text, apiKey: text }, { requiredKeys: [] });
    case 'credentials.provisionSandbox':
      return fc.record({ providerCallbackHost: text }, { requiredKeys: [] });
    default:
      return fc.constant({});
  }
}

/** Nested 2,000 deep: built in a loop, not by recursion. */
function deeplyNested(depth: number, array: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = array ? [value] : { phone: value };
  return value;
}


function payloadArbitrary(known: () => string[]) {
  const method = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...METHOD_LIST) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', 'sale', 'sale.', '.charge', 'SALE.CHARGE', 'sale.charge ', 'sale.charge\u0000', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'sale.__proto__', 'api/call/sale.charge', '../sale.charge') },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.constant(['sale.charge']), fc.constant({ toString: 'sale.charge' })) },
  );
  return method.chain((m) => {
    const name = typeof m === 'string' ? m : 'sale.charge';
    const input = fc.oneof(
      { weight: 5, arbitrary: plausibleInput(name, known) },
      { weight: 3, arbitrary: shapedInput(name, known) },
      { weight: 2, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }) },
      { weight: 2, arbitrary: fc.json({ maxDepth: 4 }).map((text) => JSON.parse(text) as unknown) },
      { weight: 1, arbitrary: fc.constantFrom(
        '{"__proto__":{"polluted":"yes"},"phone":"0788123456","amount":"1000"}',
        '{"constructor":{"prototype":{"polluted":"yes"}},"paymentId":"x"}',
        '{"phone":"0788123456","amount":"1000","__proto__":null}',
      ).map((text) => JSON.parse(text) as unknown) },
      { weight: 1, arbitrary: fc.boolean().map((array) => deeplyNested(2_000, array)) },
      { weight: 1, arbitrary: hostileValue(known) },
    );
    return fc.record({ method: fc.constant(m), input, transport: fc.constantFrom('json', 'ipc') });
  });
}

// ---- the ledger's fingerprint --------------------------------------------------------

function fingerprint(pos: Pos): string {
  const db = pos.ledger.db;
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((row) => row.name);
  const counts = tables.map((name) => `${name}=${(db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n}`);
  const head = pos.ledger.journalHead();
  const settings = (db.prepare(`SELECT group_concat(key || ':' || value, '|') AS s FROM (SELECT key, value FROM settings ORDER BY key)`).get() as { s: string | null }).s;
  const statuses = (db.prepare(`SELECT group_concat(status, '') AS s FROM (SELECT status FROM payments ORDER BY rowid)`).get() as { s: string | null }).s;
  return `${counts.join(',')};journal=${head?.seq ?? 0}:${head?.hash ?? ''};settings=${settings ?? ''};payments=${statuses ?? ''}`;
}

/** What the transport would deliver: JSON (browser mode) or a structured clone (IPC). undefined: the transport refuses it before the router. */
function delivered(value: unknown, transport: 'json' | 'ipc'): { value: unknown } | undefined {
  try {
    if (transport === 'ipc') return { value: structuredClone(value) };
    const text = JSON.stringify(value);
    return { value: text === undefined ? undefined : (JSON.parse(text) as unknown) };
  } catch {
    return undefined;
  }
}

function checkAnswer(answer: unknown): string | undefined {
  if (!answer || typeof answer !== 'object') return `answer is not an object: ${String(answer)}`;
  const a = answer as Record<string, unknown>;
  if (a.ok === true) {
    if (!('data' in a)) return 'ok answer without data';
    try {
      JSON.stringify(a.data);
    } catch (error) {
      return `ok answer cannot be sent over HTTP: ${String(error)}`;
    }
    return undefined;
  }
  if (a.ok !== false) return `answer without ok: ${JSON.stringify(a).slice(0, 200)}`;
  if (typeof a.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(a.code)) return `bad code ${String(a.code)}`;
  if (a.code === 'INTERNAL') return `INTERNAL: ${String(a.message)}`;
  if (typeof a.message !== 'string' || a.message.trim() === '') return `failure without a message (${a.code})`;
  if (/\n\s+at /.test(a.message)) return `a stack trace reached the caller (${a.code})`;
  if (a.field !== undefined && typeof a.field !== 'string') return `field is not text (${a.code})`;
  if (a.key !== undefined && !isErrorKey(a.key)) return `a key the catalogue does not know: ${String(a.key)} (${a.code})`;
  if (a.key !== undefined && (typeof a.params !== 'object' || a.params === null)) return `a key without its parameters (${a.code})`;
  const extra = Object.keys(a).filter((k) => !['ok', 'code', 'message', 'key', 'params', 'field', 'reason'].includes(k));
  if (extra.length) return `unexpected keys in a failure: ${extra.join(', ')}`;
  return undefined;
}

const describe = (value: unknown) => {
  try {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'string' && v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : v));
    return (text ?? String(value)).slice(0, 300);
  } catch {
    return String(value).slice(0, 300);
  }
};

export async function runRouterFuzz(options: { payloads: number; seed: number; log?: (line: string) => void }): Promise<FuzzReport> {
  const started = performance.now();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-fuzz-'));
  const unexpectedErrors: string[] = [];
  const pos = await startPos({
    dataDir,
    dataDirKind: 'custom',
    version: 'fuzz',
    transport: 'ipc',
    env: { MOMO_POS_SIM_APPROVAL_MS: '20' },
    log: (line) => {
      if (/ failed: /.test(line) && !line.startsWith('event listener')) unexpectedErrors.push(line.split('\n').slice(0, 3).join(' | '));
    },
  });
  const report: FuzzReport = { payloads: 0, okAnswers: 0, byCode: {}, problems: [], unexpectedErrors, seconds: 0 };
  try {
    pos.engine.stop();
    // Some real sales to aim at: paid, declined, still waiting, cash.
    const ids: string[] = [];
    const known = () => ids;
    for (const phone of ['0788123456', '46733123451', '46733123453', '0788123457']) {
      const answer = await pos.router.call('sale.charge', { phone, amount: '1500' });
      if (!answer.ok) throw new Error(`seeding failed: ${answer.code}`);
      const data = answer.data as { sale: { id: string }; payment: { id: string; referenceId: string } };
      ids.push(data.sale.id, data.payment.id, data.payment.referenceId);
    }
    await pos.engine.idle();
    await new Promise((resolve) => setTimeout(resolve, 60));
    for (let i = 0; i < ids.length; i += 3) await pos.router.call('payment.recheck', { paymentId: ids[i + 1] });
    const cash = await pos.router.call('sale.payCash', { amount: '700' });
    if (cash.ok) ids.push((cash.data as { id: string }).id);
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort().join();

    await fc.assert(
      fc.asyncProperty(payloadArbitrary(known), async ({ method, input, transport }) => {
        report.payloads += 1;
        const sent = delivered(input, transport);
        if (!sent) return; // the transport itself refuses it (e.g. a BigInt over JSON): nothing reaches the router
        const before = fingerprint(pos);
        const answer = await pos.router.call(method, sent.value);
        pos.engine.stop(); // a mode switch would have built a new engine
        await pos.engine.idle();
        const problem = checkAnswer(answer);
        const where = `${describe(method)} ${describe(sent.value)}`;
        if (problem) report.problems.push(`${problem} — ${where}`);
        const a = answer as { ok: boolean; code?: string; data?: unknown };
        if (a.ok) {
          report.okAnswers += 1;
          // Successful sales give the fuzz more real ids to aim at.
          const data = a.data as { sale?: { id?: unknown }; payment?: { id?: unknown } } | undefined;
          if (typeof data?.sale?.id === 'string' && ids.length < 200) ids.push(data.sale.id);
          if (typeof data?.payment?.id === 'string' && ids.length < 200) ids.push(data.payment.id);
        } else {
          report.byCode[a.code ?? '?'] = (report.byCode[a.code ?? '?'] ?? 0) + 1;
          const after = fingerprint(pos);
          if (after !== before) report.problems.push(`a failed call (${a.code}) changed the ledger — ${where}`);
        }
        if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== prototypeKeys || ({} as Record<string, unknown>).polluted !== undefined) {
          report.problems.push(`Object.prototype was polluted — ${where}`);
        }
        if (report.payloads % 1_000 === 0) options.log?.(`fuzz: ${report.payloads} payloads, ${report.okAnswers} ok, ${report.problems.length} problems`);
        return report.problems.length < 20; // keep going to collect a few, then stop
      }),
      { numRuns: options.payloads, seed: options.seed, endOnFailure: true },
    ).catch((error: unknown) => {
      report.problems.push(`fast-check stopped: ${String(error).split('\n').slice(0, 12).join(' | ')}`);
    });
    const verified = pos.ledger.verify();
    if (!verified.ok) report.problems.push(`the journal does not verify: ${verified.firstBroken?.reason}`);
  } finally {
    await pos.close();
    rmSync(dataDir, { recursive: true, force: true });
    report.seconds = (performance.now() - started) / 1000;
  }
  return report;
}

/** CI runs a bounded form; MOMO_POS_HARDENING_SCALE scales it (scripts/soak.ts runs the long form). */
export function hardeningScale(): number {
  const scale = Number(process.env.MOMO_POS_HARDENING_SCALE ?? 1);
  return Number.isFinite(scale) && scale > 0 ? scale : 1;
}
