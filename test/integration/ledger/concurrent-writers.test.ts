/**
 * Two processes ringing up sales on the same file at the same time, as two
 * connections contending for the write lock: receipt numbers stay gap-free
 * and unique, and the journal verifies.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openLedger, verifyLedger } from '../../../electron/core/ledger';
import { exited, lines, removeTempDirs, startWriter, tempDataDir } from '../../helpers/ledger';

afterAll(removeTempDirs);

const PER_WRITER = 100;

describe('concurrent writers', () => {
  it('two processes on one device: every receipt number 1..N exactly once, interleaved, journal intact', async () => {
    const dataDir = tempDataDir('concurrent');
    openLedger({ dataDir, training: false, deviceId: 'TILL', log: () => {} }).close();
    const writers = await Promise.all([0, 1].map(() => startWriter({ dataDir, deviceId: 'TILL', count: PER_WRITER, waitForGo: true, pauseMs: 3 })));
    const outputs = writers.map(lines);
    await Promise.all(outputs.map((out) => new Promise<void>((resolve) => out.onLine((line) => line === 'ready' && resolve()))));
    for (const writer of writers) writer.stdin!.write('go\n');
    const ends = await Promise.all(writers.map(exited));
    expect(ends.map((end) => end.code)).toEqual([0, 0]);

    const numbers = outputs.map((out) => out.all.filter((line) => line.startsWith('R ')).map((line) => Number(line.split(' ')[1]!.split('-')[1])));
    const [a, b] = numbers as [number[], number[]];
    expect(a).toHaveLength(PER_WRITER);
    expect(b).toHaveLength(PER_WRITER);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(Array.from({ length: 2 * PER_WRITER }, (_, i) => i + 1));
    // They really ran side by side: each took numbers while the other was still going.
    expect(Math.min(...b)).toBeLessThan(Math.max(...a));
    expect(Math.min(...a)).toBeLessThan(Math.max(...b));

    const db = new Database(path.join(dataDir, 'ledger.sqlite'), { readonly: true });
    try {
      expect(verifyLedger(db, { integrityCheck: true })).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
  }, 60_000);
});
