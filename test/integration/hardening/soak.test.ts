/**
 * The soak in its CI size (300 payments with random faults; MOMO_POS_HARDENING_SCALE
 * scales it; `npx tsx scripts/soak.ts` runs 10,000): afterwards every payment is
 * final or re-checkable, the journal verifies, no reference was used twice, and
 * no credential is anywhere on disk.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECRETS } from '../../helpers/payments';
import { hardeningScale } from './router-fuzz';
import { runSoak, scanForSecrets, secretNeedles } from './soak';

const payments = Math.round(300 * hardeningScale());

describe('the secrets scan', () => {
  it('finds a credential planted in a file, plain or as Basic credentials', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-scan-'));
    try {
      writeFileSync(path.join(dir, 'clean.log'), 'nothing to see');
      writeFileSync(path.join(dir, 'leaky.log'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`key=${SECRETS.apiKey}`)]));
      writeFileSync(path.join(dir, 'header.txt'), `Authorization: Basic ${Buffer.from(`${SECRETS.apiUser}:${SECRETS.apiKey}`).toString('base64')}`);
      const scanned = scanForSecrets(dir, secretNeedles(['aaa.bbb.signature-of-a-token']));
      expect(scanned.files).toBe(3);
      expect(scanned.found).toEqual(expect.arrayContaining(['API key in leaky.log', 'Basic credentials in header.txt']));
      expect(scanned.found.some((f) => f.includes('clean.log'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the soak', () => {
  it(`${payments} payments with random faults: all settled, journal intact, references unique, no secret on disk`, async () => {
    const report = await runSoak({ payments, seed: Number(process.env.MOMO_POS_SOAK_SEED ?? 20261125), concurrency: 20 });
    expect(report.problems).toEqual([]);
    expect(report.sales).toBe(payments);
    expect(report.faultsApplied).toBeGreaterThan(0);
    // Every kind of ending happened, so the checks were not vacuous.
    expect(Object.keys(report.statuses)).toEqual(expect.arrayContaining(['successful', 'rejected', 'failed', 'timed_out']));
    expect(report.scanned.files).toBeGreaterThanOrEqual(4);
    expect(report.scanned.found).toEqual([]);
  }, Math.max(120_000, payments * 400));
});
