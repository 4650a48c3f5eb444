// Over 500 lines on purpose: one walk of the journal and one check per table against it; the checks share the walk's state.
/**
 * verifyLedger: is the ledger still what the app wrote?
 *
 * 1. Walks the journal: seq continuity, each prev_hash link, each hash.
 * 2. Holds the money tables against it: every sale, payment, shift, cash
 *    movement and refund row must match its journal entries, every journaled
 *    fact must still have its row, and a row with no entry was slipped in.
 * 3. Receipt counters, payment_events trails and the guard triggers.
 *
 * A hash chain with no outside anchor shows casual editing, deletion and
 * insertion; someone who rewrites the whole chain from the first changed
 * entry onwards with this code in hand is beyond what it can show.
 */
import type Database from 'better-sqlite3';
import { isFinal, isPaymentStatus } from '../../../shared/payment-states';
import { canonicalJson } from './canonical-json';
import { chainGenesis, CLOCK_SKEW_MS, entryHash, type JournalRow } from './journal';
import type { CashMovementRow, PaymentRow, RefundRow, SaleRow, ShiftRow } from './rows';
import { quickCheck } from './health';
import { GUARD_TRIGGERS } from './schema';
import { reportHashOf, type ZReportRow } from './zreports';
import type { BrokenEntry, VerifyResult } from './types';
import { durationText, entryText, say, sayIn, shown, type FieldKey, type VerifyKey, type VerifyText } from './verify-text';
import { translate } from '../../../shared/i18n';

type Body = Record<string, unknown>;
const MAX_PROBLEMS = 1000;

export interface VerifyOptions {
  /** Run PRAGMA integrity_check first (slow on big files; the CLI does it). */
  integrityCheck?: boolean;
}

export function verifyLedger(db: Database.Database, options: VerifyOptions = {}): VerifyResult {
  // The chain is the evidence the table checks lean on: its breaks come first.
  let tier = 0;
  const problems: { tier: number; problem: BrokenEntry }[] = [];
  const add: Add = (seq, kind, whereText, whatText) => {
    if (problems.length >= MAX_PROBLEMS) return;
    // The English fields, as the open-time check, restore and the support bundle read them; the texts say it in any language.
    const where = whereText ? sayIn('en', whereText) : '';
    const what = sayIn('en', whatText);
    problems.push({ tier, problem: { seq, kind, where, what, reason: where ? translate('en', 'verify.reason', { where, what }) : what, whereText, whatText } });
  };

  // Reads see one snapshot even while another connection writes.
  const run = db.transaction(() => {
    if (options.integrityCheck) {
      const damage = quickCheck(db, true);
      if (damage !== undefined) {
        add(null, 'sqlite', null, say('verify.problem.damaged', { detail: damage }));
        return 0;
      }
    }
    tier = 1;
    const walked = walkChain(db, add);
    tier = 2;
    crossCheck(db, add, walked.lastReceiptSeq);
    // The chain holds, but time ran backwards in it: a closed day may have changed after it was closed.
    for (const back of walked.clockBack) add(back.seq, back.kind, back.label, back.what);
    return walked.entries;
  });
  const entries = run.deferred();
  if (problems.length === 0) return { ok: true, entries };
  // Damage, then chain breaks, then rows that disagree with it; each in journal order, faults with no entry last.
  const sorted = problems
    .map((entry, index) => ({ ...entry, index }))
    .sort((a, b) => a.tier - b.tier || (a.problem.seq ?? Infinity) - (b.problem.seq ?? Infinity) || a.index - b.index)
    .map(({ problem }) => problem);
  return { ok: false, entries, firstBroken: sorted[0]!, problems: sorted };
}

/** where: the journal entry at fault (null when none); what: what is wrong. */
type Add = (seq: number | null, kind: string, where: VerifyText | null, what: VerifyText) => void;

function parseBody(text: string): Body | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : undefined;
  } catch {
    return undefined;
  }
}

function walkChain(db: Database.Database, add: Add): { entries: number; lastReceiptSeq: Map<string, number>; clockBack: { seq: number; kind: string; label: VerifyText; what: VerifyText }[] } {
  let expectedSeq = 1;
  let prevHash = chainGenesis(db);
  let previous: { seq: number; kind: string; body: Body | undefined; at: number } | undefined;
  let entries = 0;
  const clockBack: { seq: number; kind: string; label: VerifyText; what: VerifyText }[] = [];
  const lastReceiptSeq = new Map<string, number>();

  for (const row of db.prepare('SELECT * FROM journal ORDER BY seq').iterate() as IterableIterator<JournalRow>) {
    entries++;
    const body = parseBody(row.body);
    const label = entryText(row, body);
    const gap = row.seq !== expectedSeq;
    if (gap) {
      const jump = { before: expectedSeq - 1, after: row.seq };
      const what = row.seq - 1 > expectedSeq ? say('verify.problem.missingMany', { first: expectedSeq + 1, last: row.seq - 1, ...jump }) : say('verify.problem.missing', jump);
      add(expectedSeq, 'missing', say('verify.entry.seq', { seq: expectedSeq }), what);
    }
    let ownHashHolds = false;
    if (!body) {
      add(row.seq, row.kind, label, say('verify.problem.notJson', {}));
    } else {
      let computed: string | undefined;
      try {
        computed = entryHash(row.prev_hash, { seq: row.seq, at: row.at, kind: row.kind, subjectId: row.subject_id, body });
      } catch (error) {
        add(row.seq, row.kind, label, say('verify.problem.cannotHash', { detail: (error as Error).message }));
      }
      ownHashHolds = computed === row.hash;
      if (computed !== undefined && !ownHashHolds) add(row.seq, row.kind, label, say('verify.problem.hashMismatch', {}));
      else if (computed !== undefined && canonicalJson(body) !== row.body) add(row.seq, row.kind, label, say('verify.problem.notCanonical', {}));
    }
    if (!gap && row.prev_hash !== prevHash) {
      if (ownHashHolds && previous) {
        // This entry is intact and remembers a different predecessor: the one before it was rewritten.
        add(previous.seq, previous.kind, entryText(previous, previous.body), say('verify.problem.rewritten', { next: row.seq }));
      } else {
        add(row.seq, row.kind, label, say('verify.problem.linkBroken', {}));
      }
    }
    if (row.kind === 'sale.created' && body && typeof body.deviceId === 'string' && typeof body.receiptSeq === 'number') {
      const last = lastReceiptSeq.get(body.deviceId) ?? 0;
      if (body.receiptSeq !== last + 1) {
        add(row.seq, row.kind, label, say('verify.problem.receiptGap', { device: body.deviceId, from: last, to: body.receiptSeq }));
      }
      lastReceiptSeq.set(body.deviceId, Math.max(last, body.receiptSeq));
    }
    const at = Date.parse(row.at);
    if (previous && Number.isFinite(at) && Number.isFinite(previous.at) && at < previous.at - CLOCK_SKEW_MS) {
      const what = say('verify.problem.clockBack', { at: row.at, duration: durationText(previous.at - at), previous: previous.seq, previousAt: new Date(previous.at).toISOString() });
      clockBack.push({ seq: row.seq, kind: row.kind, label, what });
    }
    prevHash = row.hash;
    expectedSeq = row.seq + 1;
    previous = { seq: row.seq, kind: row.kind, body, at: Number.isFinite(at) ? at : (previous?.at ?? NaN) };
  }
  return { entries, lastReceiptSeq, clockBack };
}

/** Names the first field where a row and its journal entry disagree. */
function compare(add: Add, seq: number, kind: string, label: VerifyText, table: string, pairs: [field: FieldKey, row: unknown, journaled: unknown][]): void {
  for (const [field, rowValue, journaled] of pairs) {
    if ((rowValue ?? null) !== (journaled ?? null)) {
      add(seq, kind, label, say('verify.problem.rowDiffers', { table, field: say(field, {}), row: shown(rowValue), journaled: shown(journaled) }));
      return;
    }
  }
}

interface Joined {
  c_seq: number | null;
  c_kind: string | null;
  c_body: string | null;
  f_seq: number | null;
  f_kind: string | null;
  f_body: string | null;
}

function entryOf(row: Joined, which: 'c' | 'f'): { seq: number; kind: string; body: Body; label: VerifyText } | undefined {
  const seq = row[`${which}_seq`];
  const kind = row[`${which}_kind`];
  const text = row[`${which}_body`];
  if (seq === null || kind === null || text === null) return undefined;
  const body = parseBody(text) ?? {};
  return { seq, kind, body, label: entryText({ seq, kind }, body) };
}

/** Each row of a money table beside its creating entry (c_) and, when the kind has one, its closing entry (f_). */
const join = (table: string, created: string, final?: string) => `
  SELECT t.*, c.seq AS c_seq, c.kind AS c_kind, c.body AS c_body,
    ${final ? 'f.seq AS f_seq, f.kind AS f_kind, f.body AS f_body' : 'NULL AS f_seq, NULL AS f_kind, NULL AS f_body'}
  FROM ${table} t
  LEFT JOIN journal c ON c.kind = '${created}' AND c.subject_id = t.id
  ${final ? `LEFT JOIN journal f ON f.kind = '${final}' AND f.subject_id = t.id` : ''}
  ORDER BY t.rowid`;

function crossCheck(db: Database.Database, add: Add, lastReceiptSeq: Map<string, number>): void {
  // Journaled facts whose row is gone.
  const homes: [kind: string, table: string, gone: Extract<VerifyKey, `verify.problem.${string}Gone`>][] = [
    ['sale.created', 'sales', 'verify.problem.saleGone'],
    ['sale.paid_cash', 'sales', 'verify.problem.saleGone'],
    ['payment.created', 'payments', 'verify.problem.paymentGone'],
    ['payment.final', 'payments', 'verify.problem.paymentGone'],
    ['shift.opened', 'shifts', 'verify.problem.shiftGone'],
    ['shift.closed', 'shifts', 'verify.problem.shiftGone'],
    ['cash.movement', 'cash_movements', 'verify.problem.movementGone'],
    ['refund.created', 'refunds', 'verify.problem.refundGone'],
    ['refund.final', 'refunds', 'verify.problem.refundGone'],
    ['till.z_report', 'z_reports', 'verify.problem.zReportGone'],
  ];
  for (const [kind, table, gone] of homes) {
    const missing = db
      .prepare(`SELECT j.seq, j.kind, j.body FROM journal j WHERE j.kind = ? AND NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.id = j.subject_id)`)
      .all(kind) as Pick<JournalRow, 'seq' | 'kind' | 'body'>[];
    for (const entry of missing) add(entry.seq, entry.kind, entryText(entry, parseBody(entry.body)), say(gone, { table }));
  }

  checkSales(db, add);
  checkPayments(db, add);
  checkShifts(db, add);
  checkCashMovements(db, add);
  checkRefunds(db, add);
  checkZReports(db, add);

  const counters = db.prepare('SELECT device_id, last_seq FROM receipt_counters').all() as { device_id: string; last_seq: number }[];
  const counted = new Set<string>();
  for (const counter of counters) {
    counted.add(counter.device_id);
    const journaled = lastReceiptSeq.get(counter.device_id) ?? 0;
    if (counter.last_seq !== journaled) {
      add(null, 'receipt_counters', null, say('verify.problem.counterDiffers', { device: counter.device_id, issued: counter.last_seq, journaled }));
    }
  }
  for (const [device, last] of lastReceiptSeq) {
    if (!counted.has(device)) add(null, 'receipt_counters', null, say('verify.problem.noCounter', { device, journaled: last }));
  }

  for (const trail of TRAILS) checkStatusTrail(db, add, trail);

  const triggers = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string }[]).map((t) => t.name));
  for (const name of GUARD_TRIGGERS) {
    if (!triggers.has(name)) add(null, 'schema', null, say('verify.problem.triggerMissing', { trigger: name }));
  }
}

function checkSales(db: Database.Database, add: Add): void {
  const sql = `
    SELECT t.*, c.seq AS c_seq, c.kind AS c_kind, c.body AS c_body, f.seq AS f_seq, f.kind AS f_kind, f.body AS f_body,
      -- CROSS JOIN keeps payments (by sale) as the outer loop: driving from journal by kind is quadratic.
      (SELECT COUNT(*) FROM payments p CROSS JOIN journal pf ON pf.kind = 'payment.final' AND pf.subject_id = p.id
        WHERE p.sale_id = t.id AND json_extract(pf.body, '$.status') = 'successful') AS momo_successes
    FROM sales t
    LEFT JOIN journal c ON c.kind = 'sale.created' AND c.subject_id = t.id
    LEFT JOIN journal f ON f.kind = 'sale.paid_cash' AND f.subject_id = t.id
    ORDER BY t.rowid`;
  for (const row of db.prepare(sql).iterate() as IterableIterator<SaleRow & Joined & { momo_successes: number }>) {
    const created = entryOf(row, 'c');
    const cash = entryOf(row, 'f');
    if (!created) {
      add(null, 'sale.created', null, say('verify.problem.saleNotJournaled', { receipt: row.receipt_number, id: row.id }));
      continue;
    }
    const b = created.body;
    compare(add, created.seq, created.kind, created.label, 'sales', [
      ['verify.field.receiptNumber', row.receipt_number, b.receiptNumber],
      ['verify.field.amount', row.amount_minor, b.amountMinor],
      ['verify.field.currency', row.currency, b.currency],
      ['verify.field.device', row.device_id, b.deviceId],
      ['verify.field.receiptSeq', row.receipt_seq, b.receiptSeq],
      ['verify.field.createdAt', row.created_at, b.createdAt],
      ['verify.field.businessDay', row.business_day, b.businessDay],
      ['verify.field.payerPhone', row.msisdn, b.msisdn],
      ['verify.field.shift', row.shift_id, b.shiftId],
      ['verify.field.method', row.method, cash ? 'cash' : b.method],
    ]);
    if (cash) {
      compare(add, cash.seq, cash.kind, cash.label, 'sales', [
        ['verify.field.cashPaidAt', row.paid_cash_at, cash.body.at],
        ['verify.field.cashTendered', row.tendered_minor, cash.body.tenderedMinor],
        ['verify.field.cashDrawerShift', row.paid_cash_shift_id, cash.body.shiftId],
        ['verify.field.amount', row.amount_minor, cash.body.amountMinor],
      ]);
    } else if (row.paid_cash_at !== null) {
      add(created.seq, created.kind, created.label, say('verify.problem.cashNotJournaled', { at: row.paid_cash_at }));
    }
    const paidBy = (cash ? 1 : 0) + (row.momo_successes > 0 ? 1 : 0);
    const allowed = paidBy === 2 ? ['paid_twice'] : paidBy === 1 ? ['paid'] : ['awaiting_payment', 'not_paid'];
    if (!allowed.includes(row.status)) {
      const journaled = say(paidBy === 2 ? 'verify.journaled.paidTwice' : paidBy === 1 ? 'verify.journaled.paid' : 'verify.journaled.noPayment', {});
      add(created.seq, created.kind, created.label, say('verify.problem.saleStatus', { status: row.status, journaled }));
    }
  }
}

function checkPayments(db: Database.Database, add: Add): void {
  for (const row of db.prepare(join('payments', 'payment.created', 'payment.final')).iterate() as IterableIterator<PaymentRow & Joined>) {
    const created = entryOf(row, 'c');
    const final = entryOf(row, 'f');
    if (!created) {
      add(null, 'payment.created', null, say('verify.problem.paymentNotJournaled', { reference: row.reference_id, id: row.id }));
      continue;
    }
    const b = created.body;
    compare(add, created.seq, created.kind, created.label, 'payments', [
      ['verify.field.reference', row.reference_id, b.referenceId],
      ['verify.field.sale', row.sale_id, b.saleId],
      ['verify.field.amount', row.amount_minor, b.amountMinor],
      ['verify.field.currency', row.currency, b.currency],
      ['verify.field.payerPhone', row.msisdn, b.msisdn],
      ['verify.field.attempt', row.attempt, b.attempt],
      ['verify.field.externalId', row.external_id, b.externalId],
      ['verify.field.createdAt', row.created_at, b.createdAt],
      ['verify.field.kind', row.kind, b.kind ?? 'prompt'],
      ['verify.field.validUntil', row.valid_until, b.validUntil ?? null],
    ]);
    const rowIsFinal = isPaymentStatus(row.status) && isFinal(row.status);
    if (final) {
      compare(add, final.seq, final.kind, final.label, 'payments', [
        ['verify.field.status', row.status, final.body.status],
        ['verify.field.financialTransactionId', row.financial_transaction_id, final.body.financialTransactionId],
        ['verify.field.amount', row.amount_minor, final.body.amountMinor],
      ]);
    } else if (rowIsFinal) {
      add(null, 'payment.final', null, say('verify.problem.paymentFinalNotJournaled', { reference: row.reference_id, status: row.status }));
    }
  }
}

function checkShifts(db: Database.Database, add: Add): void {
  for (const row of db.prepare(join('shifts', 'shift.opened', 'shift.closed')).iterate() as IterableIterator<ShiftRow & Joined>) {
    const opened = entryOf(row, 'c');
    const closed = entryOf(row, 'f');
    if (!opened) {
      add(null, 'shift.opened', null, say('verify.problem.shiftNotJournaled', { id: row.id, at: row.opened_at, by: row.opened_by }));
      continue;
    }
    compare(add, opened.seq, opened.kind, opened.label, 'shifts', [
      ['verify.field.openingFloat', row.opening_float_minor, opened.body.openingFloatMinor],
      ['verify.field.currency', row.currency, opened.body.currency],
      ['verify.field.device', row.device_id, opened.body.deviceId],
      ['verify.field.openedAt', row.opened_at, opened.body.openedAt],
      ['verify.field.openedBy', row.opened_by, opened.body.openedBy],
    ]);
    if (closed) {
      compare(add, closed.seq, closed.kind, closed.label, 'shifts', [
        ['verify.field.closedAt', row.closed_at, closed.body.closedAt],
        ['verify.field.closedBy', row.closed_by, closed.body.closedBy],
        ['verify.field.countedCash', row.counted_cash_minor, closed.body.countedCashMinor],
      ]);
    } else if (row.closed_at !== null) {
      add(opened.seq, opened.kind, opened.label, say('verify.problem.shiftCloseNotJournaled', { at: row.closed_at }));
    }
  }
}

function checkCashMovements(db: Database.Database, add: Add): void {
  for (const row of db.prepare(join('cash_movements', 'cash.movement')).iterate() as IterableIterator<CashMovementRow & Joined>) {
    const entry = entryOf(row, 'c');
    if (!entry) {
      add(null, 'cash.movement', null, say('verify.problem.movementNotJournaled', { id: row.id, kind: row.kind, amount: row.amount_minor, currency: row.currency }));
      continue;
    }
    compare(add, entry.seq, entry.kind, entry.label, 'cash_movements', [
      ['verify.field.amount', row.amount_minor, entry.body.amountMinor],
      ['verify.field.kind', row.kind, entry.body.kind],
      ['verify.field.currency', row.currency, entry.body.currency],
      ['verify.field.shift', row.shift_id, entry.body.shiftId],
      ['verify.field.reason', row.reason, entry.body.reason],
      ['verify.field.by', row.by_whom, entry.body.by],
      ['verify.field.at', row.at, entry.body.at],
    ]);
  }
}

function checkRefunds(db: Database.Database, add: Add): void {
  for (const row of db.prepare(join('refunds', 'refund.created', 'refund.final')).iterate() as IterableIterator<RefundRow & Joined>) {
    const created = entryOf(row, 'c');
    const final = entryOf(row, 'f');
    if (!created) {
      add(null, 'refund.created', null, say('verify.problem.refundNotJournaled', { id: row.id, amount: row.amount_minor, currency: row.currency }));
      continue;
    }
    const b = created.body;
    compare(add, created.seq, created.kind, created.label, 'refunds', [
      ['verify.field.amount', row.amount_minor, b.amountMinor],
      ['verify.field.currency', row.currency, b.currency],
      ['verify.field.sale', row.sale_id, b.saleId],
      ['verify.field.method', row.method, b.method],
      ['verify.field.via', row.via, b.via],
      ['verify.field.reference', row.reference_id, b.referenceId],
      ['verify.field.phone', row.msisdn, b.msisdn],
      ['verify.field.reason', row.reason, b.reason],
      ['verify.field.by', row.by_whom, b.by],
      ['verify.field.shift', row.shift_id, b.shiftId],
      ['verify.field.createdAt', row.created_at, b.createdAt],
    ]);
    if (final) {
      compare(add, final.seq, final.kind, final.label, 'refunds', [
        ['verify.field.status', row.status, final.body.status],
        ['verify.field.financialTransactionId', row.financial_transaction_id, final.body.financialTransactionId],
      ]);
    } else if (isPaymentStatus(row.status) && isFinal(row.status)) {
      add(null, 'refund.final', null, say('verify.problem.refundFinalNotJournaled', { id: row.id, status: row.status }));
    }
  }
}

/** One status trail: payments and payment_events, refunds and refund_events (same state machine, same trail). */
interface Trail {
  /** What is said when its status is not where its trail ends, and when the trail itself is broken. */
  endsElsewhere: 'verify.problem.paymentTrailEnd' | 'verify.problem.refundTrailEnd';
  broken: 'verify.problem.paymentTrailBroken' | 'verify.problem.refundTrailBroken';
  owners: string;
  events: string;
  /** SQL selecting id, name (how problems name one), status, and its events' seq, from_status, to_status, in order. */
  sql: string;
}

const TRAILS: readonly Trail[] = [
  {
    endsElsewhere: 'verify.problem.paymentTrailEnd',
    broken: 'verify.problem.paymentTrailBroken',
    owners: 'payments',
    events: 'payment_events',
    sql: `
    SELECT p.id, p.reference_id AS name, p.status, e.seq, e.from_status, e.to_status
    FROM payments p LEFT JOIN payment_events e ON e.payment_id = p.id
    ORDER BY p.id, e.seq`,
  },
  {
    endsElsewhere: 'verify.problem.refundTrailEnd',
    broken: 'verify.problem.refundTrailBroken',
    owners: 'refunds',
    events: 'refund_events',
    sql: `
    SELECT r.id, r.id AS name, r.status, e.seq, e.from_status, e.to_status
    FROM refunds r LEFT JOIN refund_events e ON e.refund_id = r.id
    ORDER BY r.id, e.seq`,
  },
];

/** Invariant 4: a payment's (a refund's) status is the end of its unbroken trail of events. */
function checkStatusTrail(db: Database.Database, add: Add, trail: Trail): void {
  let current: { id: string; name: string; status: string; last: string | null; broken: boolean } | undefined;
  const finish = () => {
    if (current && !current.broken && current.last !== current.status) {
      add(null, trail.events, null, say(trail.endsElsewhere, { name: current.name, status: current.status, table: trail.owners, last: shown(current.last) }));
    }
  };
  type Step = { id: string; name: string; status: string; seq: number | null; from_status: string | null; to_status: string | null };
  for (const step of db.prepare(trail.sql).iterate() as IterableIterator<Step>) {
    if (current?.id !== step.id) {
      finish();
      current = { id: step.id, name: step.name, status: step.status, last: null, broken: false };
    }
    if (step.seq === null || current.broken) continue;
    if (step.from_status !== current.last) {
      add(null, trail.events, null, say(trail.broken, { name: current.name, event: step.seq, from: shown(step.from_status), last: shown(current.last) }));
      current.broken = true;
      continue;
    }
    current.last = step.to_status;
  }
  finish();
}

/**
 * Z reports: each row against its journal entry, its frozen report against
 * its hash, the journal entry it ends on against the hash it printed, and
 * the chain from Z to Z (numbers 1, 2, 3…, each starting where the last
 * ended, grand totals carried on): a missing or altered day shows.
 */
function checkZReports(db: Database.Database, add: Add): void {
  const sql = `
    SELECT t.*, c.seq AS c_seq, c.kind AS c_kind, c.body AS c_body, NULL AS f_seq, NULL AS f_kind, NULL AS f_body,
      (SELECT hash FROM journal WHERE seq = t.to_seq) AS covered_hash
    FROM z_reports t
    LEFT JOIN journal c ON c.kind = 'till.z_report' AND c.subject_id = t.id
    ORDER BY t.device_id, t.number`;
  let previous: ZReportRow | undefined;
  for (const row of db.prepare(sql).iterate() as IterableIterator<ZReportRow & Joined & { covered_hash: string | null }>) {
    const prev = previous?.device_id === row.device_id ? previous : undefined;
    previous = row;
    const entry = entryOf(row, 'c');
    if (!entry) {
      add(null, 'till.z_report', null, say('verify.problem.zNotJournaled', { number: row.number, id: row.id }));
      continue;
    }
    const b = entry.body;
    compare(add, entry.seq, entry.kind, entry.label, 'z_reports', [
      ['verify.field.number', row.number, b.number],
      ['verify.field.device', row.device_id, b.deviceId],
      ['verify.field.shift', row.shift_id, b.shiftId],
      ['verify.field.businessDay', row.business_day, b.businessDay],
      ['verify.field.closedAt', row.closed_at, b.closedAt],
      ['verify.field.currency', row.currency, b.currency],
      ['verify.field.fromSeq', row.from_seq, b.fromSeq],
      ['verify.field.toSeq', row.to_seq, b.toSeq],
      ['verify.field.lastHash', row.last_hash, b.lastHash],
      ['verify.field.sales', row.sales_minor, b.salesMinor],
      ['verify.field.refunds', row.refunds_minor, b.refundsMinor],
      ['verify.field.grandSales', row.grand_sales_minor, b.grandSalesMinor],
      ['verify.field.grandRefunds', row.grand_refunds_minor, b.grandRefundsMinor],
      ['verify.field.reportHash', row.report_hash, b.reportHash],
    ]);
    if (reportHashOf(row.report) !== row.report_hash) add(entry.seq, entry.kind, entry.label, say('verify.problem.zReportHash', { number: row.number }));
    if (row.covered_hash !== row.last_hash) {
      add(entry.seq, entry.kind, entry.label, say('verify.problem.zCoveredHash', { number: row.number, to: row.to_seq, hash: row.last_hash, now: shown(row.covered_hash) }));
    }
    const expected = (prev?.number ?? 0) + 1;
    if (row.number !== expected) {
      add(entry.seq, entry.kind, entry.label, say('verify.problem.zNumberGap', { device: row.device_id, from: prev?.number ?? 0, to: row.number }));
      continue;
    }
    if (row.from_seq !== (prev?.to_seq ?? 0)) {
      add(entry.seq, entry.kind, entry.label, say('verify.problem.zStart', { number: row.number, from: row.from_seq, previous: prev?.to_seq ?? 0 }));
    }
    const carried = prev && prev.currency === row.currency ? prev : undefined;
    const grandSales = (carried?.grand_sales_minor ?? 0) + row.sales_minor;
    const grandRefunds = (carried?.grand_refunds_minor ?? 0) + row.refunds_minor;
    if (row.grand_sales_minor !== grandSales || row.grand_refunds_minor !== grandRefunds) {
      const totals = { number: row.number, sales: row.grand_sales_minor, refunds: row.grand_refunds_minor, expectedSales: grandSales, expectedRefunds: grandRefunds };
      add(entry.seq, entry.kind, entry.label, say('verify.problem.zGrandTotals', totals));
    }
  }
}
