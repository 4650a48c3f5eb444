/**
 * The support transcript: what a merchant sends MTN when a payment fails
 * (laid out as MTN's production exchange, docs/momo.md). Built from the exchanges the client recorded, which
 * are redacted at the source; the payer's number is masked here as well.
 *
 * Bounded whatever the wait: the summary first; the first request and the
 * last three exchanges whole; in between, identical consecutive exchanges
 * (same call, same answer) fold into one line with their count and first and
 * last time, and every exchange that differs keeps a line of its own.
 */
import { maskMsisdn } from '../../../shared/phone';
import { toDecimalString, type Currency } from '../../../shared/money';
import { translate } from '../../../shared/i18n';
import type { Language } from '../../../shared/i18n/languages';
import { PosError } from '../../../shared/errors';
import type { Ledger, Payment, Sale } from '../ledger';
import type { MomoExchange } from '../momo';

// MTN's production exchange (docs/momo.md)'s rules, 60 wide instead of 80: the same layout, fewer characters, and less wrapping on a phone.
const RULE = '='.repeat(60);

const STEP_TITLES: Record<string, string> = {
  token: 'GET ACCESS TOKEN',
  requestToPay: 'REQUEST TO PAY',
  getRequestToPayStatus: 'CHECK PAYMENT STATUS',
  createInvoice: 'CREATE INVOICE',
  getInvoiceStatus: 'CHECK INVOICE STATUS',
};

const STATUS_CHECKS = new Set(['getRequestToPayStatus', 'getInvoiceStatus']);

/** Headers about our own socket, not MTN's answer: left out of whole steps. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding']);

/** The last exchanges are shown whole (with the first request); the ones between fold. */
export const TRANSCRIPT_FULL_STEPS = 3;

/** The most a transcript may be, in characters, however long the payment waited. */
export const TRANSCRIPT_MAX_CHARS = 4096;

function section(title: string): string {
  return `${RULE}\n${title}\n${RULE}\n`;
}

function headers(all: Record<string, string>): string {
  const lines = Object.entries(all).map(([name, value]) => `  ${name}: ${value}`);
  return lines.length ? lines.join('\n') : '  (none)';
}

function prettyBody(body: string | undefined, emptyNote: string): string {
  if (body === undefined || body === '') return emptyNote;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

const titleOf = (exchange: MomoExchange) => STEP_TITLES[exchange.operation] ?? exchange.operation.replace(/([A-Z])/g, ' $1').toUpperCase();

/** HH:MM:SS of an exchange's ISO time (UTC, as recorded). */
const clock = (iso: string) => /T(\d{2}:\d{2}:\d{2})/.exec(iso)?.[1] ?? iso;

/** MoMo's answer in a few words: "200 PENDING", "200 FAILED INTERNAL_PROCESSING_ERROR", "404", "no answer (TIMEOUT)". */
export function answerOf(exchange: MomoExchange): string {
  if (!exchange.response) return `no answer (${exchange.error?.code ?? 'NETWORK'})`;
  const { status, body } = exchange.response;
  let words = '';
  try {
    const parsed = JSON.parse(body) as { status?: unknown; reason?: unknown };
    if (typeof parsed?.status === 'string') words += ` ${parsed.status}`;
    const reason = typeof parsed?.reason === 'string' ? parsed.reason : (parsed?.reason as { code?: unknown } | undefined)?.code;
    if (typeof reason === 'string') words += ` ${reason}`;
  } catch {
    // Not JSON (an empty 202, a proxy's page): the status code says it.
  }
  return `${status}${words}`;
}

/** Two exchanges are the same step when the same call got the same answer; only their times differ. */
const sameStep = (a: MomoExchange, b: MomoExchange) =>
  a.operation === b.operation && a.request.method === b.request.method && a.request.url === b.request.url && answerOf(a) === answerOf(b);

export interface TranscriptInput {
  payment: Payment;
  sale: Sale;
  exchanges: MomoExchange[];
  merchantName: string;
  /** Extra secret values to scrub, belt and braces (the client already redacts). */
  secrets?: string[];
  generatedAt: string;
  /** Training: the simulator answered, so there is nothing for MTN to look at. */
  training?: boolean;
  /** The merchant's language for the words around MTN's texts (default English). */
  language?: Language;
}

type Piece = { kind: 'whole'; index: number } | { kind: 'line'; from: number; to: number };

/** Which exchanges are shown whole, and how the others fold. */
function plan(exchanges: MomoExchange[]): Piece[] {
  const whole = new Set<number>();
  const firstRequest = exchanges.findIndex((exchange) => exchange.operation !== 'token');
  if (firstRequest >= 0) whole.add(firstRequest);
  for (let i = Math.max(0, exchanges.length - TRANSCRIPT_FULL_STEPS); i < exchanges.length; i++) whole.add(i);
  const pieces: Piece[] = [];
  for (let i = 0; i < exchanges.length; i++) {
    if (whole.has(i)) {
      pieces.push({ kind: 'whole', index: i });
      continue;
    }
    let to = i;
    while (to + 1 < exchanges.length && !whole.has(to + 1) && sameStep(exchanges[i]!, exchanges[to + 1]!)) to++;
    pieces.push({ kind: 'line', from: i, to });
    i = to;
  }
  return pieces;
}

export function renderTranscript({ payment, sale, exchanges, merchantName, secrets = [], generatedAt, training = false, language = 'en' }: TranscriptInput): string {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const head: string[] = [];
  head.push(`${RULE}\nMTN MoMo API - Complete Request/Response Capture\n${RULE}\n`);
  if (training) head.push(`${t('transcript.trainingNote')}\n`);
  head.push(`Timestamp: ${generatedAt}`);
  head.push(`Merchant: ${merchantName}`);
  head.push(`Receipt: ${sale.receiptNumber}\n`);

  // The summary first: what support reads before anything else.
  head.push(section('SUMMARY FOR MTN'));
  head.push(`Reference ID: ${payment.referenceId}`);
  head.push(`External ID: ${payment.externalId}`);
  head.push(`Phone Number: ${maskMsisdn(payment.msisdn)}`);
  head.push(`Amount: ${toDecimalString(payment.amountMinor, payment.currency as Currency)} ${payment.currency}\n`);
  head.push(`Payment Status: ${payment.status.toUpperCase()}`);
  if (payment.reasonCode) head.push(`Failure Reason: ${payment.reasonCode}`);
  if (payment.financialTransactionId) head.push(`Financial Transaction ID: ${payment.financialTransactionId}`);
  if (exchanges.length > 0) head.push(`${t('transcript.exchangeCount', { count: exchanges.length, first: clock(exchanges[0]!.at), last: clock(exchanges.at(-1)!.at) })}`);
  head.push(`\n${t('transcript.askPrompt')}\n`);

  // A line names the path only, the reference as {ref}: the whole steps show the host and the summary the reference.
  const shortUrl = (url: string) => {
    let shown = url;
    try {
      shown = new URL(url).pathname;
    } catch {
      // Not a URL as recorded: shown as it is.
    }
    return shown.split(payment.referenceId).join('{ref}');
  };
  const stepLine = (from: number, to: number): string => {
    const first = exchanges[from]!;
    if (from === to) return `STEP ${from + 1}: ${titleOf(first)} - ${first.request.method} ${shortUrl(first.request.url)} -> ${answerOf(first)} (${clock(first.at)}, ${first.durationMs} ms)`;
    const count = to - from + 1;
    const params = { count, title: titleOf(first), answer: answerOf(first), first: clock(first.at), last: clock(exchanges[to]!.at) };
    const words = STATUS_CHECKS.has(first.operation) ? t('transcript.foldStatus', params) : t('transcript.foldOther', params);
    return `STEPS ${from + 1}–${to + 1}: ${words}`;
  };

  // A whole step repeats nothing the previous whole step already showed: an identical block says where it stands.
  let previousWhole: { step: number; url: string; requestHeaders: string; responseHeaders: string; body: string } | undefined;
  const wholeStep = (index: number): string[] => {
    const exchange = exchanges[index]!;
    const out: string[] = [];
    out.push(section(`STEP ${index + 1}: ${titleOf(exchange)}`));
    out.push('REQUEST:');
    out.push(`Method: ${exchange.request.method}`);
    out.push(`URL: ${previousWhole?.url === exchange.request.url ? t('transcript.sameAs', { step: previousWhole.step }) : exchange.request.url}`);
    const requestHeaders = headers(exchange.request.headers);
    out.push(previousWhole?.requestHeaders === requestHeaders ? `Headers: ${t('transcript.sameAs', { step: previousWhole.step })}` : `Headers:\n${requestHeaders}`);
    if (exchange.request.body) out.push(`Body:\n${prettyBody(exchange.request.body, '')}`);
    out.push('');
    let body = '';
    let responseHeaders = '';
    if (exchange.response) {
      out.push('RESPONSE:');
      out.push(`Status Code: ${exchange.response.status}`);
      const shown = Object.entries(exchange.response.headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase()));
      // The Date header always differs: an otherwise identical block names the step and gives the date.
      responseHeaders = headers(Object.fromEntries(shown.filter(([name]) => name.toLowerCase() !== 'date')));
      const date = shown.find(([name]) => name.toLowerCase() === 'date');
      out.push(
        previousWhole?.responseHeaders === responseHeaders
          ? `Headers: ${t('transcript.sameAs', { step: previousWhole.step })}${date ? `\n  ${date[0]}: ${date[1]}` : ''}`
          : `Headers:\n${headers(Object.fromEntries(shown))}`,
      );
      const empty = exchange.response.status === 202 ? '(Empty - 202 Accepted)' : '(Empty)';
      body = exchange.response.body ? `\n${prettyBody(exchange.response.body, empty)}` : empty;
      out.push(`Body: ${exchange.response.body && previousWhole?.body === body ? t('transcript.sameAs', { step: previousWhole.step }) : body}`);
    } else {
      out.push('RESPONSE: none');
      out.push(`Error: ${exchange.error?.code ?? 'NETWORK'} — ${exchange.error?.message ?? 'no answer'}`);
    }
    out.push(`(${exchange.at}, ${exchange.durationMs} ms)\n`);
    const url = exchange.request.url;
    if (!previousWhole || previousWhole.url !== url || previousWhole.requestHeaders !== requestHeaders || previousWhole.responseHeaders !== responseHeaders || previousWhole.body !== body) {
      previousWhole = { step: index + 1, url, requestHeaders, responseHeaders, body };
    }
    return out;
  };

  const pieces = plan(exchanges);
  const lines = pieces.filter((piece): piece is Extract<Piece, { kind: 'line' }> => piece.kind === 'line');
  const tail = section(training ? t('transcript.trainingEnd') : 'SHARE THIS ENTIRE OUTPUT WITH MTN');

  const render = (keptLines: ReadonlySet<Piece>): string => {
    previousWhole = undefined;
    const out = [...head];
    let skipped: { from: number; to: number } | undefined;
    const flushSkipped = () => {
      if (skipped) out.push(`STEPS ${skipped.from + 1}–${skipped.to + 1}: ${t('transcript.foldMany', { count: skipped.to - skipped.from + 1, first: clock(exchanges[skipped.from]!.at), last: clock(exchanges[skipped.to]!.at) })}`);
      skipped = undefined;
    };
    let inLines = false;
    for (const piece of pieces) {
      if (piece.kind === 'whole') {
        flushSkipped();
        if (inLines) out.push('');
        inLines = false;
        out.push(...wholeStep(piece.index));
      } else if (keptLines.has(piece)) {
        flushSkipped();
        out.push(stepLine(piece.from, piece.to));
        inLines = true;
      } else {
        skipped = { from: skipped?.from ?? piece.from, to: piece.to };
        inLines = true;
      }
    }
    flushSkipped();
    if (inLines) out.push('');
    if (exchanges.length === 0) out.push(`${t('transcript.noExchange')}\n`);
    out.push(tail);
    let text = out.join('\n');
    // The payer's number appears in request and response bodies: mask every occurrence.
    text = text.split(payment.msisdn).join(maskMsisdn(payment.msisdn));
    for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('<redacted>');
    return text;
  };

  // Exchanges that keep differing (a flaky line: errors between PENDINGs) could still add up:
  // then the lines nearest the middle give way to one count, the earliest and latest staying.
  const middle = (lines.length - 1) / 2;
  const byNearnessToMiddle = lines.map((line, i) => ({ line, distance: Math.abs(i - middle) })).sort((a, b) => a.distance - b.distance);
  const withoutNearest = (dropped: number) => render(new Set(byNearnessToMiddle.slice(dropped).map(({ line }) => line)));
  let text = withoutNearest(0);
  if (text.length > TRANSCRIPT_MAX_CHARS) {
    // The fewest lines to drop (a binary search: each render is one pass over the exchanges).
    let low = 1;
    let high = lines.length;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (withoutNearest(mid).length <= TRANSCRIPT_MAX_CHARS) high = mid;
      else low = mid + 1;
    }
    text = withoutNearest(low);
  }
  return text;
}

/** One payment's transcript from the ledger: the app's "support transcript" and the support bundle both ask here. */
export function paymentTranscript(
  ledger: Pick<Ledger, 'getPayment' | 'getSale' | 'exchanges'>,
  paymentId: string,
  options: Omit<TranscriptInput, 'payment' | 'sale' | 'exchanges'>,
): string {
  const payment = ledger.getPayment(paymentId);
  if (!payment) throw new PosError('NOT_FOUND', 'error.common.noSuchPayment');
  const sale = ledger.getSale(payment.saleId);
  if (!sale) throw new PosError('NOT_FOUND', 'error.common.noSuchSale');
  return renderTranscript({ ...options, payment, sale, exchanges: ledger.exchanges(paymentId) as MomoExchange[] });
}
