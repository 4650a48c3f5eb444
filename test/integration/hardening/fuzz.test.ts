/**
 * Hostile payloads against the PosApi router: a typed answer every time,
 * never INTERNAL, the ledger untouched by every refused call, the journal
 * intact. CI runs 2,000 payloads (MOMO_POS_HARDENING_SCALE scales it);
 * `npx tsx scripts/soak.ts` runs the full 10,000.
 */
import { describe, expect, it } from 'vitest';
import { hardeningScale, runRouterFuzz } from './router-fuzz';

const payloads = Math.round(2_000 * hardeningScale());

describe('the router under hostile payloads', () => {
  it(`answers ${payloads} random and hostile payloads with typed results and leaves the ledger as it was after each refusal`, async () => {
    const report = await runRouterFuzz({ payloads, seed: Number(process.env.MOMO_POS_FUZZ_SEED ?? 20261125) });
    expect(report.problems).toEqual([]);
    expect(report.unexpectedErrors).toEqual([]);
    expect(report.payloads).toBe(payloads);
    // The fuzz reached past validation: some calls succeeded and the handlers refused others.
    expect(report.okAnswers).toBeGreaterThan(0);
    expect(Object.keys(report.byCode)).toEqual(expect.arrayContaining(['VALIDATION', 'UNKNOWN_METHOD']));
  }, Math.max(90_000, payloads * 60));
});
