/**
 * The support transcript: what a merchant sends MTN when a payment fails
 * (laid out as MTN's production exchange, docs/momo.md). Built from the exchanges the client recorded, which
 * are redacted at the source; the payer's number is masked here as well.
 */
import { maskMsisdn } from '../../../shared/phone';
import { toDecimalString, type Currency } from '../../../shared/money';
import type { Payment, Sale } from '../ledger';
import type { MomoExchange } from '../momo';

const RULE = '='.repeat(80);

const STEP_TITLES: Record<string, string> = {
  token: 'GET ACCESS TOKEN',
  requestToPay: 'REQUEST TO PAY',
  getRequestToPayStatus: 'CHECK PAYMENT STATUS',
};

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
}

/** The last exchanges are shown whole; earlier ones (mostly repeated status checks) one line each. */
export const TRANSCRIPT_FULL_STEPS = 3;

export function renderTranscript({ payment, sale, exchanges, merchantName, secrets = [], generatedAt, training = false }: TranscriptInput): string {
  const out: string[] = [];
  out.push(`${RULE}\nMTN MoMo API - Complete Request/Response Capture\n${RULE}\n`);
  if (training) out.push('TRAINING - these answers came from the built-in simulator, not from MTN.\n');
  out.push(`Timestamp: ${generatedAt}`);
  out.push(`Merchant: ${merchantName}`);
  out.push(`Receipt: ${sale.receiptNumber}\n`);

  // The summary first: what support reads before anything else.
  out.push(section('SUMMARY FOR MTN'));
  out.push(`Reference ID: ${payment.referenceId}`);
  out.push(`External ID: ${payment.externalId}`);
  out.push(`Phone Number: ${maskMsisdn(payment.msisdn)}`);
  out.push(`Amount: ${toDecimalString(payment.amountMinor, payment.currency as Currency)} ${payment.currency}\n`);
  out.push(`Payment Status: ${payment.status.toUpperCase()}`);
  if (payment.reasonCode) out.push(`Failure Reason: ${payment.reasonCode}`);
  if (payment.financialTransactionId) out.push(`Financial Transaction ID: ${payment.financialTransactionId}`);
  out.push('\nDid the phone receive the prompt? (ask the customer: YES / NO)\n');

  const titleOf = (exchange: MomoExchange) => STEP_TITLES[exchange.operation] ?? exchange.operation.replace(/([A-Z])/g, ' $1').toUpperCase();
  const folded = Math.max(0, exchanges.length - TRANSCRIPT_FULL_STEPS);
  if (folded > 0) {
    out.push(section(`EARLIER STEPS 1-${folded} (one line each)`));
    exchanges.slice(0, folded).forEach((exchange, index) => {
      const answer = exchange.response ? String(exchange.response.status) : `no answer (${exchange.error?.code ?? 'NETWORK'})`;
      out.push(`STEP ${index + 1}: ${titleOf(exchange)} - ${exchange.request.method} ${exchange.request.url} -> ${answer} (${exchange.at}, ${exchange.durationMs} ms)`);
    });
    out.push('');
  }
  exchanges.slice(folded).forEach((exchange, index) => {
    out.push(section(`STEP ${folded + index + 1}: ${titleOf(exchange)}`));
    out.push('REQUEST:');
    out.push(`Method: ${exchange.request.method}`);
    out.push(`URL: ${exchange.request.url}`);
    out.push(`Headers:\n${headers(exchange.request.headers)}`);
    if (exchange.request.body) out.push(`Body:\n${prettyBody(exchange.request.body, '')}`);
    out.push('');
    if (exchange.response) {
      out.push('RESPONSE:');
      out.push(`Status Code: ${exchange.response.status}`);
      out.push(`Headers:\n${headers(exchange.response.headers)}`);
      const empty = exchange.response.status === 202 ? '(Empty - 202 Accepted)' : '(Empty)';
      out.push(`Body: ${exchange.response.body ? `\n${prettyBody(exchange.response.body, empty)}` : empty}`);
    } else {
      out.push('RESPONSE: none');
      out.push(`Error: ${exchange.error?.code ?? 'NETWORK'} — ${exchange.error?.message ?? 'no answer'}`);
    }
    out.push(`(${exchange.at}, ${exchange.durationMs} ms)\n`);
  });
  if (exchanges.length === 0) out.push('No exchange with MoMo was recorded for this payment.\n');

  out.push(section(training ? 'TRAINING - NOTHING TO SEND: MTN DID NOT SEE THIS PAYMENT' : 'SHARE THIS ENTIRE OUTPUT WITH MTN'));

  let text = out.join('\n');
  // The payer's number appears in request and response bodies: mask every occurrence.
  text = text.split(payment.msisdn).join(maskMsisdn(payment.msisdn));
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('<redacted>');
  return text;
}
