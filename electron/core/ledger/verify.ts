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
import { chainGenesis, CLOCK_SKEW_MS, describeEntry, entryHash, type JournalRow } from './journal';
import type { CashMovementRow, PaymentRow, RefundRow, SaleRow, ShiftRow } from './rows';
import { quickCheck } from './health';
import { GUARD_TRIGGERS } from './schema';
import { reportHashOf, type ZReportRow } from './zreports';
import type { BrokenEntry, VerifyResult } from './types';

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
  const add: Add = (seq, kind, where, what) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ tier, problem: { seq, kind, where, what, reason: where ? `${where}: ${what}` : what } });
  };

  // Reads see one snapshot even while another connection writes.
  const run = db.transaction(() => {
    if (options.integrityCheck) {
      const damage = quickCheck(db, true);
      if (damage !== undefined) {
        add(null, 'sqlite', '', `the file is damaged (integrity_check: ${damage})`);
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

/** where: the journal entry at fault, described for people ('' when none); what: what is wrong. */
type Add = (seq: number | null, kind: string, where: string, what: string) => void;

function parseBody(text: string): Body | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : undefined;
  } catch {
    return undefined;
  }
}

function walkChain(db: Database.Database, add: Add): { entries: number; lastReceiptSeq: Map<string, number>; clockBack: { seq: number; kind: string; label: string; what: string }[] } {
  let expectedSeq = 1;
  let prevHash = chainGenesis(db);
  let previous: { seq: number; kind: string; body: Body | undefined; at: number } | undefined;
  let entries = 0;
  const clockBack: { seq: number; kind: string; label: string; what: string }[] = [];
  const lastReceiptSeq = new Map<string, number>();

  for (const row of db.prepare('SELECT * FROM journal ORDER BY seq').iterate() as IterableIterator<JournalRow>) {
    entries++;
    const body = parseBody(row.body);
    const label = describeEntry(row, body);
    const gap = row.seq !== expectedSeq;
    if (gap) {
      const missing = row.seq - 1 > expectedSeq ? `missing, and so are #${expectedSeq + 1}–#${row.seq - 1}` : 'missing';
      add(expectedSeq, 'missing', `journal #${expectedSeq}`, `${missing}: the entries jump from #${expectedSeq - 1} to #${row.seq}`);
    }
    let ownHashHolds = false;
    if (!body) {
      add(row.seq, row.kind, label, `its body is not a JSON object`);
    } else {
      let computed: string | undefined;
      try {
        computed = entryHash(row.prev_hash, { seq: row.seq, at: row.at, kind: row.kind, subjectId: row.subject_id, body });
      } catch (error) {
        add(row.seq, row.kind, label, `its body cannot be hashed (${(error as Error).message})`);
      }
      ownHashHolds = computed === row.hash;
      if (computed !== undefined && !ownHashHolds) add(row.seq, row.kind, label, `its contents do not match its hash: the entry was changed`);
      else if (computed !== undefined && canonicalJson(body) !== row.body) add(row.seq, row.kind, label, `its body is not in canonical form: it was rewritten`);
    }
    if (!gap && row.prev_hash !== prevHash) {
      if (ownHashHolds && previous) {
        // This entry is intact and remembers a different predecessor: the one before it was rewritten.
        add(previous.seq, previous.kind, describeEntry(previous, previous.body), `it was rewritten: #${row.seq} recorded a different hash for it`);
      } else {
        add(row.seq, row.kind, label, `its link to the previous entry is broken`);
      }
    }
    if (row.kind === 'sale.created' && body && typeof body.deviceId === 'string' && typeof body.receiptSeq === 'number') {
      const last = lastReceiptSeq.get(body.deviceId) ?? 0;
      if (body.receiptSeq !== last + 1) {
        add(row.seq, row.kind, label, `receipt numbers of device ${body.deviceId} jump from ${last} to ${body.receiptSeq}`);
      }
      lastReceiptSeq.set(body.deviceId, Math.max(last, body.receiptSeq));
    }
    const at = Date.parse(row.at);
    if (previous && Number.isFinite(at) && Number.isFinite(previous.at) && at < previous.at - CLOCK_SKEW_MS) {
      clockBack.push({ seq: row.seq, kind: row.kind, label, what: `its time ${row.at} is ${minutesText(previous.at - at)} before #${previous.seq} (${new Date(previous.at).toISOString()}): the computer’s clock went back` });
    }
    prevHash = row.hash;
    expectedSeq = row.seq + 1;
    previous = { seq: row.seq, kind: row.kind, body, at: Number.isFinite(at) ? at : (previous?.at ?? NaN) };
  }
  return { entries, lastReceiptSeq, clockBack };
}

function minutesText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes >= 2 * 24 * 60 ? `${Math.round(minutes / (24 * 60))} days` : minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minutes`;
}

const show = (value: unknown) => (value === null || value === undefined ? 'none' : typeof value === 'string' ? value : String(value));

/** Names the first field where a row and its journal entry disagree. */
function compare(add: Add, seq: number, kind: string, label: string, table: string, pairs: [field: string, row: unknown, journaled: unknown][]): void {
  for (const [field, rowValue, journaled] of pairs) {
    if ((rowValue ?? null) !== (journaled ?? null)) {
      add(seq, kind, label, `${table} row ${field} ${show(rowValue)} ≠ journaled ${show(journaled)}`);
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

function entryOf(row: Joined, which: 'c' | 'f'): { seq: number; kind: string; body: Body; label: string } | undefined {
  const seq = row[`${which}_seq`];
  const kind = row[`${which}_kind`];
  const text = row[`${which}_body`];
  if (seq === null || kind === null || text === null) return undefined;
  const body = parseBody(text) ?? {};
  return { seq, kind, body, label: describeEntry({ seq, kind }, body) };
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
  const homes: [kind: string, table: string, noun: string][] = [
    ['sale.created', 'sales', 'the sale'],
    ['sale.paid_cash', 'sales', 'the sale'],
    ['payment.created', 'payments', 'the payment'],
    ['payment.final', 'payments', 'the payment'],
    ['shift.opened', 'shifts', 'the shift'],
    ['shift.closed', 'shifts', 'the shift'],
    ['cash.movement', 'cash_movements', 'the cash movement'],
    ['refund.created', 'refunds', 'the refund'],
    ['refund.final', 'refunds', 'the refund'],
    ['till.z_report', 'z_reports', 'the Z report'],
  ];
  for (const [kind, table, noun] of homes) {
    const gone = db
      .prepare(`SELECT j.seq, j.kind, j.body FROM journal j WHERE j.kind = ? AND NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.id = j.subject_id)`)
      .all(kind) as Pick<JournalRow, 'seq' | 'kind' | 'body'>[];
    for (const entry of gone) add(entry.seq, entry.kind, describeEntry(entry, parseBody(entry.body)), `${noun} is missing from the ${table} table`);
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
      add(null, 'receipt_counters', '', `device ${counter.device_id} has issued ${counter.last_seq} receipt numbers but the journal holds ${journaled}`);
    }
  }
  for (const [device, last] of lastReceiptSeq) {
    if (!counted.has(device)) add(null, 'receipt_counters', '', `device ${device} has ${last} journaled receipts but no receipt counter`);
  }

  for (const trail of TRAILS) checkStatusTrail(db, add, trail);

  const triggers = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string }[]).map((t) => t.name));
  for (const name of GUARD_TRIGGERS) {
    if (!triggers.has(name)) add(null, 'schema', '', `the guard trigger ${name} is missing: it was dropped outside the app`);
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
      add(null, 'sale.created', '', `sales row for receipt ${row.receipt_number} (id ${row.id}) has no journal entry: it was added outside the app`);
      continue;
    }
    const b = created.body;
    compare(add, created.seq, created.kind, created.label, 'sales', [
      ['receipt number', row.receipt_number, b.receiptNumber],
      ['amount', row.amount_minor, b.amountMinor],
      ['currency', row.currency, b.currency],
      ['device', row.device_id, b.deviceId],
      ['receipt seq', row.receipt_seq, b.receiptSeq],
      ['created at', row.created_at, b.createdAt],
      ['business day', row.business_day, b.businessDay],
      ['payer phone', row.msisdn, b.msisdn],
      ['shift', row.shift_id, b.shiftId],
      ['method', row.method, cash ? 'cash' : b.method],
    ]);
    if (cash) {
      compare(add, cash.seq, cash.kind, cash.label, 'sales', [
        ['cash paid at', row.paid_cash_at, cash.body.at],
        ['cash tendered', row.tendered_minor, cash.body.tenderedMinor],
        ['cash drawer shift', row.paid_cash_shift_id, cash.body.shiftId],
        ['amount', row.amount_minor, cash.body.amountMinor],
      ]);
    } else if (row.paid_cash_at !== null) {
      add(created.seq, created.kind, created.label, `sales row says paid in cash at ${row.paid_cash_at} but the journal has no cash payment for it`);
    }
    const paidBy = (cash ? 1 : 0) + (row.momo_successes > 0 ? 1 : 0);
    const allowed = paidBy === 2 ? ['paid_twice'] : paidBy === 1 ? ['paid'] : ['awaiting_payment', 'not_paid'];
    if (!allowed.includes(row.status)) {
      const journaled = paidBy === 2 ? 'paid twice' : paidBy === 1 ? 'paid' : 'no payment';
      add(created.seq, created.kind, created.label, `sales row status ${row.status} ≠ journaled ${journaled}`);
    }
  }
}

function checkPayments(db: Database.Database, add: Add): void {
  for (const row of db.prepare(join('payments', 'payment.created', 'payment.final')).iterate() as IterableIterator<PaymentRow & Joined>) {
    const created = entryOf(row, 'c');
    const final = entryOf(row, 'f');
    if (!created) {
      add(null, 'payment.created', '', `payments row for reference ${row.reference_id} (id ${row.id}) has no journal entry: it was added outside the app`);
      continue;
    }
    const b = created.body;
    compare(add, created.seq, created.kind, created.label, 'payments', [
      ['reference', row.reference_id, b.referenceId],
      ['sale', row.sale_id, b.saleId],
      ['amount', row.amount_minor, b.amountMinor],
      ['currency', row.currency, b.currency],
      ['payer phone', row.msisdn, b.msisdn],
      ['attempt', row.attempt, b.attempt],
      ['external id', row.external_id, b.externalId],
      ['created at', row.created_at, b.createdAt],
      ['kind', row.kind, b.kind ?? 'prompt'],
      ['valid until', row.valid_until, b.validUntil ?? null],
    ]);
    const rowIsFinal = isPaymentStatus(row.status) && isFinal(row.status);
    if (final) {
      compare(add, final.seq, final.kind, final.label, 'payments', [
        ['status', row.status, final.body.status],
        ['financial transaction id', row.financial_transaction_id, final.body.financialTransactionId],
        ['amount', row.amount_minor, final.body.amountMinor],
      ]);
    } else if (rowIsFinal) {
      add(null, 'payment.final', '', `payments row for reference ${row.reference_id} says ${row.status} but the journal holds no final outcome for it`);
    }
  }
}

function checkShifts(db: Database.Database, add: Add): void {
  for (const row of db.prepare(join('shifts', 'shift.opened', 'shift.closed')).iterate() as IterableIterator<ShiftRow & Joined>) {
    const opened = entryOf(row, 'c');
    const closed = entryOf(row, 'f');
    if (!opened) {
      add(null, 'shift.opened', '', `shifts row ${row.id} (opened ${row.opened_at} by ${row.opened_by}) has no journal entry: it was added outside the app`);
      continue;
    }
    compare(add, opened.seq, opened.kind, opened.label, 'shifts', [
      ['opening float', row.opening_float_minor, opened.body.openingFloatMinor],
      ['currency', row.currency, opened.body.currency],
      ['device', row.device_id, opened.body.deviceId],
      ['opened at', row.opened_at, opened.body.openedAt],
      ['opened by', row.opened_by, opened.body.openedBy],
    ]);
    if (closed) {
      compare(add, closed.seq, closed.kind, closed.label, 'shifts', [
        ['closed at', row.closed_at, closed.body.closedAt],
        ['closed by', row.closed_by, closed.body.closedBy],
        ['counted cash', row.counted_cash_minor, closed.body.countedCashMinor],
      ]);
    } else if (row.closed_at !== null) {
      add(opened.seq, opened.kind, opened.label, `shifts row says closed at ${row.closed_at} but the journal never closed it`);
    }
  }
}

function checkCashMovements(db: Database.Database, add: Add): void {
  for (const row of db.prepare(join('cash_movements', 'cash.movement')).iterate() as IterableIterator<CashMovementRow & Joined>) {
    const entry = entryOf(row, 'c');
    if (!entry) {
      add(null, 'cash.movement', '', `cash_movements row ${row.id} (${row.kind} ${row.amount_minor} ${row.currency}) has no journal entry: it was added outside the app`);
      continue;
    }
    compare(add, entry.seq, entry.kind, entry.label, 'cash_movements', [
      ['amount', row.amount_minor, entry.body.amountMinor],
      ['kind', row.kind, entry.body.kind],
      ['currency', row.currency, entry.body.currency],
      ['shift', row.shift_id, entry.body.shiftId],
      ['reason', row.reason, entry.body.reason],
      ['by', row.by_whom, entry.body.by],
      ['at', row.at, entry.body.at],
    ]);
  }
}

function checkRefunds(db: Database.Database, add: Add): void {
  for (const row of db.prepare(join('refunds', 'refund.created', 'refund.final')).iterate() as IterableIterator<RefundRow & Joined>) {
    const created = entryOf(row, 'c');
    const final = entryOf(row, 'f');
    if (!created) {
      add(null, 'refund.created', '', `refunds row ${row.id} (${row.amount_minor} ${row.currency}) has no journal entry: it was added outside the app`);
      continue;
    }
    const b = created.body;
    compare(add, created.seq, created.kind, created.label, 'refunds', [
      ['amount', row.amount_minor, b.amountMinor],
      ['currency', row.currency, b.currency],
      ['sale', row.sale_id, b.saleId],
      ['method', row.method, b.method],
      ['via', row.via, b.via],
      ['reference', row.reference_id, b.referenceId],
      ['phone', row.msisdn, b.msisdn],
      ['reason', row.reason, b.reason],
      ['by', row.by_whom, b.by],
      ['shift', row.shift_id, b.shiftId],
      ['created at', row.created_at, b.createdAt],
    ]);
    if (final) {
      compare(add, final.seq, final.kind, final.label, 'refunds', [
        ['status', row.status, final.body.status],
        ['financial transaction id', row.financial_transaction_id, final.body.financialTransactionId],
      ]);
    } else if (isPaymentStatus(row.status) && isFinal(row.status)) {
      add(null, 'refund.final', '', `refunds row ${row.id} says ${row.status} but the journal holds no final outcome for it`);
    }
  }
}

/** One status trail: payments and payment_events, refunds and refund_events (same state machine, same trail). */
interface Trail {
  /** The word for one, in problems: 'payment', 'refund'. */
  what: string;
  owners: string;
  events: string;
  /** SQL selecting id, name (how problems name one), status, and its events' seq, from_status, to_status, in order. */
  sql: string;
}

const TRAILS: readonly Trail[] = [
  {
    what: 'payment',
    owners: 'payments',
    events: 'payment_events',
    sql: `
    SELECT p.id, p.reference_id AS name, p.status, e.seq, e.from_status, e.to_status
    FROM payments p LEFT JOIN payment_events e ON e.payment_id = p.id
    ORDER BY p.id, e.seq`,
  },
  {
    what: 'refund',
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
      add(null, trail.events, '', `${trail.what} ${current.name} is ${current.status} in the ${trail.owners} table, but its events end at ${show(current.last)}: it was changed without an event`);
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
      add(null, trail.events, '', `${trail.what} ${current.name}: event ${step.seq} goes from ${show(step.from_status)} but the trail was at ${show(current.last)}: an event is missing or was changed`);
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
      add(null, 'till.z_report', '', `z_reports row No. ${row.number} (id ${row.id}) has no journal entry: it was added outside the app`);
      continue;
    }
    const b = entry.body;
    compare(add, entry.seq, entry.kind, entry.label, 'z_reports', [
      ['number', row.number, b.number],
      ['device', row.device_id, b.deviceId],
      ['shift', row.shift_id, b.shiftId],
      ['business day', row.business_day, b.businessDay],
      ['closed at', row.closed_at, b.closedAt],
      ['currency', row.currency, b.currency],
      ['from seq', row.from_seq, b.fromSeq],
      ['to seq', row.to_seq, b.toSeq],
      ['last hash', row.last_hash, b.lastHash],
      ['sales', row.sales_minor, b.salesMinor],
      ['refunds', row.refunds_minor, b.refundsMinor],
      ['grand total of sales', row.grand_sales_minor, b.grandSalesMinor],
      ['grand total of refunds', row.grand_refunds_minor, b.grandRefundsMinor],
      ['report hash', row.report_hash, b.reportHash],
    ]);
    if (reportHashOf(row.report) !== row.report_hash) add(entry.seq, entry.kind, entry.label, `the frozen report of Z No. ${row.number} does not match its hash: it was changed`);
    if (row.covered_hash !== row.last_hash) {
      add(entry.seq, entry.kind, entry.label, `Z No. ${row.number} ends on journal #${row.to_seq} with hash ${row.last_hash}, but that entry's hash is now ${show(row.covered_hash)}`);
    }
    const expected = (prev?.number ?? 0) + 1;
    if (row.number !== expected) {
      add(entry.seq, entry.kind, entry.label, `Z report numbers of device ${row.device_id} jump from ${prev?.number ?? 0} to ${row.number}: a Z report is missing`);
      continue;
    }
    if (row.from_seq !== (prev?.to_seq ?? 0)) {
      add(entry.seq, entry.kind, entry.label, `Z No. ${row.number} starts after journal #${row.from_seq}, but the Z before it ended at #${prev?.to_seq ?? 0}`);
    }
    const carried = prev && prev.currency === row.currency ? prev : undefined;
    const grandSales = (carried?.grand_sales_minor ?? 0) + row.sales_minor;
    const grandRefunds = (carried?.grand_refunds_minor ?? 0) + row.refunds_minor;
    if (row.grand_sales_minor !== grandSales || row.grand_refunds_minor !== grandRefunds) {
      add(entry.seq, entry.kind, entry.label, `the grand totals of Z No. ${row.number} (${row.grand_sales_minor} / ${row.grand_refunds_minor}) do not carry on from the Z before it (expected ${grandSales} / ${grandRefunds})`);
    }
  }
}
