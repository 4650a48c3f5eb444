/**
 * One data folder per OS for the desktop app, browser mode and the command
 * line: a ledger left in an earlier default folder (~/.local/share/momo-pos
 * on Linux) moves in once, with its backups; when both folders hold one,
 * neither is touched and the command says so. `pos push` on a training-only
 * till says there is nothing to send, exit 0 (never "head office unreachable").
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { earlierDataDirs, platformDataDir } from '../../../electron/core/data-dir';
import { openTestLedger, pos, removeTempDirs, steppingClock, tempDataDir } from '../../helpers/ledger';

afterAll(removeTempDirs);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A home of its own: the default folders resolve inside it. */
function home() {
  const root = tempDataDir('home');
  const env = { HOME: root, XDG_CONFIG_HOME: path.join(root, '.config'), XDG_DATA_HOME: path.join(root, '.local', 'share'), MOMO_POS_DATA_DIR: '' };
  return { root, env, current: path.join(root, '.config', 'momo-pos'), earlier: path.join(root, '.local', 'share', 'momo-pos') };
}

function seed(dataDir: string, training = false, amountMinor = 1500) {
  const ledger = openTestLedger({ dataDir, training, now: steppingClock('2025-03-10T08:00:00.000Z', 60_000) });
  ledger.createCashSale({ amountMinor, currency: 'RWF' });
  ledger.close();
}

describe.runIf(process.platform === 'linux')('one data folder', () => {
  it('is ~/.config/momo-pos on Linux for every entry point, and ~/.local/share/momo-pos is an earlier one', () => {
    const h = home();
    expect(platformDataDir(h.env, 'linux')).toBe(h.current);
    expect(earlierDataDirs(h.env, 'linux')).toEqual([h.earlier]);
    expect(platformDataDir({ ...h.env, APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('momo-pos');
  });

  it('moves a ledger from the earlier folder in, once, with its backups; the command then reads it', () => {
    const h = home();
    seed(h.earlier);
    mkdirSync(path.join(h.earlier, 'backups'), { recursive: true });
    writeFileSync(path.join(h.earlier, 'backups', 'ledger-2025-03-09.sqlite'), 'a copy');
    const before = sha(path.join(h.earlier, 'ledger.sqlite'));

    const run = pos(['report', '--date', '2025-03-10'], h.env);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Cash +1 +RWF\s1,500/);
    expect(run.stderr).toContain(`Moved the ledger ${path.join(h.earlier, 'ledger.sqlite')} to ${path.join(h.current, 'ledger.sqlite')}`);
    expect(existsSync(path.join(h.earlier, 'ledger.sqlite'))).toBe(false);
    expect(sha(path.join(h.current, 'ledger.sqlite'))).toBe(before);
    expect(readFileSync(path.join(h.current, 'backups', 'ledger-2025-03-09.sqlite'), 'utf8')).toBe('a copy');
    expect(readFileSync(path.join(h.earlier, 'MOVED.txt'), 'utf8')).toContain(h.current);
    expect(pos(['verify'], h.env).status).toBe(0);

    // Once: the next run has nothing to move and says nothing about it.
    const again = pos(['report', '--date', '2025-03-10'], h.env);
    expect(again.stderr).not.toContain('Moved');
  });

  it('never merges: with a ledger in both folders, both stay as they were and the command says which one it uses', () => {
    const h = home();
    seed(h.earlier, false, 1500);
    seed(h.current, false, 9900);
    const earlierSha = sha(path.join(h.earlier, 'ledger.sqlite'));
    const currentSha = sha(path.join(h.current, 'ledger.sqlite'));
    const run = pos(['report', '--date', '2025-03-10'], h.env);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Cash +1 +RWF\s9,900/);
    expect(run.stderr).toContain('Two ledgers');
    expect(run.stderr).toContain('never merged');
    expect(sha(path.join(h.earlier, 'ledger.sqlite'))).toBe(earlierSha);
    expect(sha(path.join(h.current, 'ledger.sqlite'))).toBe(currentSha);
  });

  it('a folder the caller chose is never moved into', () => {
    const h = home();
    seed(h.earlier);
    const chosen = tempDataDir('chosen');
    seed(chosen, false, 700);
    const run = pos(['report', '--date', '2025-03-10', '--data-dir', chosen], h.env);
    expect(run.stdout).toMatch(/Cash +1 +RWF\s700/);
    expect(existsSync(path.join(h.earlier, 'ledger.sqlite'))).toBe(true);
  });
});

describe('pos push on a till with no live ledger', () => {
  it('a training-only till: nothing to send, exit 0, before any head-office address is asked for', () => {
    const dataDir = tempDataDir();
    seed(dataDir, true);
    const run = pos(['push', '--data-dir', dataDir], { MOMO_POS_HQ_URL: '' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Nothing to push: this till has only a training ledger');
    expect(run.stderr).not.toMatch(/unreachable/i);
  });

  it('no ledger at all: exit 2, naming the folder', () => {
    const dataDir = tempDataDir();
    const run = pos(['push', '--data-dir', dataDir], { MOMO_POS_HQ_URL: '' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`No ledger in ${dataDir}`);
  });
});
