/**
 * A till killed with SIGKILL in the middle of ringing up sales, again and
 * again, on the same file: each time the file is intact, the journal
 * verifies, and every sale whose write had returned is there.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, verifyLedger } from '../../../electron/core/ledger';
import { lines, removeTempDirs, startWriter, tempDataDir } from '../../helpers/ledger';

afterAll(removeTempDirs);

const ROUNDS = 30;

/** Runs one writer and kills it at a random moment: after some receipts, or blindly after a delay (maybe during start-up). */
async function killMidStream(dataDir: string, round: number): Promise<Map<string, string>> {
  const child = await startWriter({ dataDir, deviceId: 'CRASH' });
  const out = lines(child);
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  if (round === 0) {
    // Blind from the start: most likely while node starts or the file is first created and migrated.
    setTimeout(kill, Math.floor(Math.random() * 400));
  } else if (round % 3 === 0) {
    // Blind once writing: lands anywhere inside a transaction, not just after a print.
    out.onLine((line) => line === 'ready' && setTimeout(kill, Math.floor(Math.random() * 80)));
  } else {
    const after = 1 + Math.floor(Math.random() * 40);
    let receipts = 0;
    out.onLine((line) => {
      if (line.startsWith('R ') && ++receipts >= after) kill();
    });
    setTimeout(kill, 10_000); // never hang the suite
  }
  await closed;
  expect(child.signalCode, out.all.join('\n')).toBe('SIGKILL');
  const printed = new Map<string, string>();
  for (const line of out.all) {
    const [tag, receipt, saleId] = line.split(' ');
    if (tag === 'R') printed.set(receipt!, saleId!);
  }
  return printed;
}

describe('crash safety', () => {
  it(`SIGKILL mid-stream, ${ROUNDS} times: integrity_check ok, the journal verifies, every returned sale is present`, async () => {
    const dataDir = tempDataDir('crash');
    const file = path.join(dataDir, 'ledger.sqlite');
    const everPrinted = new Map<string, string>();
    let killedWhileWriting = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const printed = await killMidStream(dataDir, round);
      if (printed.size > 0) killedWhileWriting++;
      for (const [receipt, saleId] of printed) everPrinted.set(receipt, saleId);
      if (!existsSync(file)) {
        expect(everPrinted.size).toBe(0); // killed before it ever opened the file
        continue;
      }
      const db = new Database(file);
      try {
        expect(db.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
        if ((db.pragma('user_version', { simple: true }) as number) < LATEST_SCHEMA_VERSION) {
          // Killed between migrations (each rolls back whole): the next open finishes them; no sale is taken before that.
          expect(everPrinted.size, `round ${round}`).toBe(0);
          continue;
        }
        const verdict = verifyLedger(db);
        expect(verdict, `round ${round}: ${JSON.stringify(verdict)}`).toMatchObject({ ok: true });
        const present = new Map((db.prepare('SELECT receipt_number, id FROM sales').all() as { receipt_number: string; id: string }[]).map((r) => [r.receipt_number, r.id]));
        for (const [receipt, saleId] of everPrinted) expect(present.get(receipt), `round ${round}: ${receipt}`).toBe(saleId);
        const seqs = (db.prepare(`SELECT receipt_seq FROM sales WHERE device_id = 'CRASH' ORDER BY receipt_seq`).all() as { receipt_seq: number }[]).map((r) => r.receipt_seq);
        expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // still gap-free
      } finally {
        db.close();
      }
    }
    expect(killedWhileWriting).toBeGreaterThanOrEqual(ROUNDS / 2); // most kills landed mid-stream, not before the first sale
    expect(everPrinted.size).toBeGreaterThan(ROUNDS);
  }, 120_000);
});
