/**
 * A full disk says so, and nothing half-done is reported as not done.
 *
 * The data folder is a real 4 MB tmpfs (we run as root here and in CI), so
 * SQLite's own writes fail with SQLITE_FULL exactly as on a full shop PC. A
 * whole training day runs through the app's router; before each action the
 * WAL is checkpointed to nothing and the disk filled to the last byte, so that
 * action's first write has nowhere to go. After each: the answer was true (ok
 * and in the ledger, or DISK_FULL and nothing of it there), the ledger passes
 * the integrity check and verifies once space is freed, and the action then
 * goes through.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFailure } from '../../../shared/error-text';
import { startPos, type Pos } from '../../../electron/core/app';
import { openLedger, verifyLedger } from '../../../electron/core/ledger';
import { readSettings } from '../../../electron/core/settings';
import { createTill } from '../../../electron/core/till';
import { removeTempDirs, tempDataDir } from '../../helpers/ledger';
import { CHEAP_KDF } from '../till/rig';

const MANAGER = '482916';
type Step = { name: string; method: string; input: Record<string, unknown> };

/** A training day, in order: every action writes the ledger. */
const DAY: Step[] = [
  { name: 'manager PIN', method: 'till.setManagerPin', input: { pin: MANAGER } },
  { name: 'cashier', method: 'till.setCashier', input: { name: 'Ann', pin: '1357', managerPin: MANAGER } },
  { name: 'open the shift', method: 'till.openShift', input: { openingFloat: '5000', cashier: 'Ann', pin: '1357' } },
  { name: 'cash sale', method: 'sale.payCash', input: { amount: '2000', tendered: '5000' } },
  { name: 'MoMo sale', method: 'sale.charge', input: { phone: '0788 123 456', amount: '6000' } },
  { name: 'cash out', method: 'till.cashMovement', input: { kind: 'out', amount: '500', reason: 'bread', pin: MANAGER } },
  { name: 'close the shift', method: 'till.closeShift', input: { countedCash: '6500', pin: MANAGER } },
];

// Mounting a tmpfs needs root: this machine and CI have it; elsewhere these tests are skipped, and say so.
const mount = tempDataDir('disk-full');
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mount]).status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', [mount]);
  removeTempDirs();
});

/** Writes zeros until the disk says ENOSPC, in smaller and smaller pieces: not one byte is left. */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (const size of [256 * 1024, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

const journalCount = (app: Pos) => (app.ledger.db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number }).n;

async function settled(app: Pos, saleId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const sale = await app.router.call('sale.get', { saleId });
    if (sale.ok && (sale.data as { status: string }).status === 'paid') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the MoMo sale did not settle');
}

async function run(app: Pos, step: Step) {
  const answer = await app.router.call(step.method as never, step.input as never);
  if (answer.ok && step.method === 'sale.charge') await settled(app, (answer.data as { sale: { id: string } }).sale.id);
  return answer;
}

describe.skipIf(!mounted)('a full disk during a training day', () => {
  it.each(DAY.map((step, index) => [index, step.name] as const))('fails step %i (%s) truthfully, and the ledger verifies', async (index) => {
    const dataDir = path.join(mount, `day-${index}`);
    mkdirSync(dataDir);
    const logs: string[] = [];
    const app = await startPos({ dataDir, dataDirKind: 'custom', version: 'test', transport: 'http', env: { MOMO_POS_SIM_APPROVAL_MS: '20' }, log: (line) => logs.push(line) });
    const filler = path.join(mount, 'filler');
    try {
      await app.ledger.ensureDailyBackup();
      for (const step of DAY.slice(0, index)) expect(await run(app, step), step.name).toMatchObject({ ok: true });
      const step = DAY[index]!;
      const before = journalCount(app);
      app.ledger.db.pragma('wal_checkpoint(TRUNCATE)');
      fillDisk(filler);

      const answer = await app.router.call(step.method as never, step.input as never);
      const after = journalCount(app);
      // Every action's first write has nowhere to go: each must fail, and say so.
      expect(answer.ok, `${step.name} with the disk full`).toBe(false);
      if (!answer.ok) {
        expect(answer, logs.join("\n")).toMatchObject({ code: "DISK_FULL" });
        expect(answer.message).toContain('The disk is full: this action was not saved');
        expect(after, `${step.name} said not saved`).toBe(before);
        expect(describeFailure(answer, 'fr').sentence).toMatch(/^Le disque est plein/);
        expect(describeFailure(answer, 'rw').sentence).toMatch(/^Disiki yuzuye/);
      }
      // The app still reads while the disk is full.
      expect((await app.router.call('sale.list', {} as never)).ok).toBe(true);

      rmSync(filler);
      const verdict = verifyLedger(app.ledger.db, { integrityCheck: true });
      expect(verdict.ok ? 'ok' : verdict.firstBroken.reason).toBe('ok');
      if (!answer.ok) expect(await run(app, step), `${step.name} once space is free`).toMatchObject({ ok: true });
      expect(verifyLedger(app.ledger.db, { integrityCheck: true }).ok).toBe(true);
      expect(logs.filter((line) => /failed: .*SqliteError/.test(line))).toEqual([]);
    } finally {
      rmSync(filler, { force: true });
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.skipIf(!mounted)('the MoMo balance at shift opening', () => {
  it('is read after the shift is committed and cannot fail the opening: the disk filling meanwhile costs the reading only', async () => {
    const dataDir = path.join(mount, 'balance');
    mkdirSync(dataDir);
    const filler = path.join(mount, 'filler');
    const logs: string[] = [];
    const ledger = openLedger({ dataDir, training: false, deviceId: 'POS1', log: () => {} });
    try {
      const collection = {
        // MoMo answers while the disk fills up (another program, a log gone wild).
        getAccountBalance: async () => {
          fillDisk(filler);
          return { availableBalance: '1000000', currency: 'RWF' };
        },
      };
      const till = createTill({ ledger, settings: () => readSettings(ledger), disbursement: () => ({}) as never, collection: () => collection as never, training: false, kdfCost: CHEAP_KDF, timeZone: 'UTC', log: (line) => logs.push(line) });
      await till.setManagerPin({ pin: MANAGER });
      await till.setCashier({ name: 'Ann', pin: '1357', managerPin: MANAGER });
      ledger.db.pragma('wal_checkpoint(TRUNCATE)');
      const shift = await till.openShift({ openingFloat: '5000', cashier: 'Ann', pin: '1357' });
      expect(ledger.currentShift()?.id).toBe(shift.id); // the answer said opened: it is
      expect(ledger.momoBalances(shift.id).open).toBeUndefined();
      expect(logs.some((line) => line.startsWith('MoMo balance at shift opening not recorded: The disk is full'))).toBe(true);
      rmSync(filler);
      expect(ledger.verify().ok).toBe(true);
      await expect(till.openShift({ openingFloat: '0', cashier: 'Ann', pin: '1357' })).rejects.toMatchObject({ code: 'CONFLICT' }); // truly open
    } finally {
      rmSync(filler, { force: true });
      ledger.close();
    }
  });
});
