/**
 * The support transcript's length after ten minutes on the never-answering
 * number with a restart and a resend (test/helpers/transcript-scenario.ts,
 * the same run the integration test checks), folded as today, beside the
 * layout the app had before issue 26 (every earlier exchange on a line of
 * its own, the last three whole), which is kept here only for that comparison.
 */
import { maskMsisdn } from '../shared/phone';
import { TRANSCRIPT_MAX_CHARS } from '../electron/core/payments';
import type { Payment } from '../electron/core/ledger';
import type { MomoExchange } from '../electron/core/momo';
import { longWaitTranscript } from '../test/helpers/transcript-scenario';

export interface TranscriptResult {
  exchanges: number;
  minutes: number;
  /** Characters, per language. */
  folded: { en: number; fr: number; rw: number };
  before: number;
  limit: number;
}

const RULE = '='.repeat(80);
const section = (title: string) => `${RULE}\n${title}\n${RULE}\n`;

/** The length of the layout before issue 26 for the same exchanges: the same summary, one line per earlier step. */
function lengthBefore(payment: Payment, exchanges: MomoExchange[], summaryChars: number): number {
  const whole = 3;
  const folded = Math.max(0, exchanges.length - whole);
  const out: string[] = [];
  if (folded > 0) out.push(section(`EARLIER STEPS 1-${folded} (one line each)`));
  exchanges.slice(0, folded).forEach((exchange, index) => {
    const answer = exchange.response ? String(exchange.response.status) : `no answer (${exchange.error?.code ?? 'NETWORK'})`;
    out.push(`STEP ${index + 1}: ${exchange.operation} - ${exchange.request.method} ${exchange.request.url} -> ${answer} (${exchange.at}, ${exchange.durationMs} ms)`);
  });
  exchanges.slice(folded).forEach((exchange, index) => {
    out.push(section(`STEP ${folded + index + 1}: ${exchange.operation}`), 'REQUEST:', `Method: ${exchange.request.method}`, `URL: ${exchange.request.url}`);
    out.push(`Headers:\n${Object.entries(exchange.request.headers).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);
    if (exchange.request.body) out.push(`Body:\n${JSON.stringify(JSON.parse(exchange.request.body), null, 2)}`);
    if (exchange.response) {
      out.push('RESPONSE:', `Status Code: ${exchange.response.status}`, `Headers:\n${Object.entries(exchange.response.headers).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);
      out.push(`Body: ${exchange.response.body ? `\n${JSON.stringify(JSON.parse(exchange.response.body), null, 2)}` : '(Empty)'}`);
    } else out.push('RESPONSE: none', `Error: ${exchange.error?.code} — ${exchange.error?.message}`);
    out.push(`(${exchange.at}, ${exchange.durationMs} ms)\n`);
  });
  out.push(section('TRAINING - NOTHING TO SEND: MTN DID NOT SEE THIS PAYMENT'));
  return summaryChars + out.join('\n').split(payment.msisdn).join(maskMsisdn(payment.msisdn)).length;
}

export async function runTranscriptBench(): Promise<TranscriptResult> {
  const run = await longWaitTranscript();
  const { exchanges, texts, payment } = run;
  // The header and summary are the same in both layouts but for the rule's width.
  const summary = texts.en.slice(0, texts.en.search(/^STEP/m)).replace(/=+/g, RULE);
  return {
    exchanges: exchanges.length,
    minutes: (Date.parse(exchanges.at(-1)!.at) - Date.parse(exchanges[0]!.at)) / 60_000,
    folded: { en: texts.en.length, fr: texts.fr.length, rw: texts.rw.length },
    before: lengthBefore(payment, exchanges, summary.length),
    limit: TRANSCRIPT_MAX_CHARS,
  };
}
