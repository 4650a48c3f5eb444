/**
 * The support transcript after ten minutes' wait on the simulator's
 * never-answering number, a restart in the middle and a resend, with real
 * parts (ledger file, MoMo client over loopback to the simulator) and a
 * controlled clock: at most TRANSCRIPT_MAX_CHARS characters in every language,
 * each differing exchange on its own line, nothing secret, no full number.
 */
import { describe, expect, it } from 'vitest';
import { TRANSCRIPT_MAX_CHARS } from '../../../electron/core/payments';
import { SECRETS } from '../../helpers/payments';
import { longWaitTranscript, NEVER_ANSWERS } from '../../helpers/transcript-scenario';

describe('the support transcript after a 10-minute wait, a restart and a resend', () => {
  it('stays bounded, folds the PENDING checks and keeps the lost request, the 404, the resend and the new token apart', async () => {
    const { payment, exchanges, texts } = await longWaitTranscript();
    expect(payment.status).toBe('timed_out');
    // Ten minutes of the shop's schedule: about a hundred calls on a quiet machine (fewer when a busy one delays
    // the sped-up timers), which unfolded ran past 14,000 characters.
    expect(exchanges.length).toBeGreaterThan(50);
    expect(Date.parse(exchanges.at(-1)!.at) - Date.parse(exchanges[0]!.at)).toBeGreaterThanOrEqual(9 * 60_000);
    const text = texts.en;
    for (const [language, each] of Object.entries(texts)) {
      expect(each.length, language).toBeLessThanOrEqual(TRANSCRIPT_MAX_CHARS);
      expect(each, language).not.toContain(NEVER_ANSWERS);
      for (const secret of Object.values(SECRETS)) expect(each, language).not.toContain(secret);
      // Nothing left out to keep it short: every differing exchange kept its line.
      expect(each, language).not.toMatch(/changing answers|réponses changeantes|bihinduka/);
    }
    // The first request whole, lost on the way.
    expect(text).toMatch(/STEP 2: REQUEST TO PAY\n=+\n\nREQUEST:\nMethod: POST\n[\s\S]*?RESPONSE: none\nError: NETWORK/);
    expect(text).toMatch(/^STEP \d+: CHECK PAYMENT STATUS - GET \/collection\/v1_0\/requesttopay\/\{ref\} -> 404 /m);
    expect(text).toMatch(/^STEP \d+: REQUEST TO PAY - POST \/collection\/v1_0\/requesttopay -> 202 /m);
    // The restart's new token splits the PENDING checks in two folds.
    expect((text.match(/^STEP \d+: GET ACCESS TOKEN - POST \/collection\/token\/ -> 200 /gm) ?? []).length).toBeGreaterThanOrEqual(2);
    expect((text.match(/^STEPS \d+–\d+: \d+ status checks, all 200 PENDING, \d\d:\d\d:\d\d → \d\d:\d\d:\d\d$/gm) ?? []).length).toBe(2);
    // The last three whole, the last step the last exchange.
    const n = exchanges.length;
    for (const step of [n - 2, n - 1, n]) expect(text).toContain(`STEP ${step}: CHECK PAYMENT STATUS\n`);
    expect(text).toContain('TRAINING - NOTHING TO SEND: MTN DID NOT SEE THIS PAYMENT');
    expect(texts.fr).toContain('Rien ici ne part chez MTN');
    // Every step is on the page once, as a whole step, a line or inside a fold.
    const covered = new Set<number>();
    for (const match of text.matchAll(/^STEPS? (\d+)(?:–(\d+))?: /gm)) {
      for (let step = Number(match[1]); step <= Number(match[2] ?? match[1]); step++) {
        expect(covered.has(step)).toBe(false);
        covered.add(step);
      }
    }
    expect([...covered].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  }, 30_000);
});
