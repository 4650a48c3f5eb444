/**
 * Where the ledger files live — one folder per OS for the desktop app,
 * browser mode and the command line: MOMO_POS_DATA_DIR (or --data-dir) when
 * set; otherwise %APPDATA%\momo-pos, ~/Library/Application Support/momo-pos
 * or $XDG_CONFIG_HOME/momo-pos (~/.config/momo-pos). Holds ledger.sqlite,
 * training.sqlite, backups/, logs/.
 *
 * Earlier versions let the command line and browser mode default to
 * ~/.local/share/momo-pos on Linux, and the packaged desktop app to
 * Electron's user-data folder ("MoMo POS"): one merchant, two ledgers. The
 * first start that uses the default folder moves a ledger found there in,
 * once, when the folder has none of that kind; when both hold one, neither
 * is touched (never a silent merge) and the caller is told.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, copyFileSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shellLanguage, translate, type Language } from '../../shared/i18n';

export const APP_FOLDER = 'momo-pos';

function homeOf(env: NodeJS.ProcessEnv): string {
  return env.HOME || os.homedir();
}

export function platformDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = homeOf(env);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_FOLDER);
}

/** Folders earlier versions used by default (plus any the caller knows of, e.g. Electron's user-data folder), not the current one. */
export function earlierDataDirs(env: NodeJS.ProcessEnv = process.env, platform = process.platform, also: readonly string[] = []): string[] {
  const current = path.resolve(platformDataDir(env, platform));
  const found = [...also];
  if (platform !== 'win32' && platform !== 'darwin') found.push(path.join(env.XDG_DATA_HOME || path.join(homeOf(env), '.local', 'share'), APP_FOLDER));
  return [...new Set(found.map((dir) => path.resolve(dir)))].filter((dir) => dir !== current);
}

export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit ?? env.MOMO_POS_DATA_DIR;
  return path.resolve(chosen && chosen.trim() ? chosen : platformDataDir(env));
}

export function ledgerFileName(training: boolean): string {
  return training ? 'training.sqlite' : 'ledger.sqlite';
}

export interface EarlierLedgers {
  /** Ledger files moved in: [from, to]. */
  moved: Array<[string, string]>;
  /** A ledger left where it is because the data folder holds one of the same kind: [left, kept]. */
  apart: Array<[string, string]>;
}

/** Renames, or copies then removes across file systems: the file is never absent from both places. */
function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    copyFileSync(from, to);
    unlinkSync(from);
  }
}

/** Moves a ledger (with its WAL files and its backups) from an earlier default folder into dataDir, once; see the top of this file. */
export function adoptEarlierLedgers(dataDir: string, earlier: readonly string[]): EarlierLedgers {
  const out: EarlierLedgers = { moved: [], apart: [] };
  for (const dir of earlier) {
    for (const training of [false, true]) {
      const name = ledgerFileName(training);
      const from = path.join(dir, name);
      if (!existsSync(from)) continue;
      const to = path.join(dataDir, name);
      if (existsSync(to)) {
        out.apart.push([from, to]);
        continue;
      }
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      // The WAL and shared-memory files belong to the database: they travel with it, after it.
      moveFile(from, to);
      for (const suffix of ['-wal', '-shm']) if (existsSync(from + suffix)) moveFile(from + suffix, to + suffix);
      out.moved.push([from, to]);
    }
    const backups = path.join(dir, 'backups');
    if (out.moved.some(([from]) => path.dirname(from) === dir) && existsSync(backups)) {
      const target = path.join(dataDir, 'backups');
      mkdirSync(target, { recursive: true, mode: 0o700 });
      for (const file of readdirSync(backups)) if (!existsSync(path.join(target, file))) moveFile(path.join(backups, file), path.join(target, file));
    }
    if (out.moved.some(([from]) => path.dirname(from) === dir)) {
      writeFileSync(path.join(dir, 'MOVED.txt'), `MoMo POS moved its ledger from this folder to ${dataDir} on ${new Date().toISOString()}.\n`, { mode: 0o600 });
    }
  }
  return out;
}

/** What a caller prints or logs about the move, in one line each. */
export function earlierLedgersReport(result: EarlierLedgers, language: Language = 'en'): string[] {
  return [
    ...result.moved.map(([from, to]) => translate(language, 'dataDir.moved', { from, to })),
    ...result.apart.map(([left, kept]) => translate(language, 'dataDir.apart', { kept, left, folder: path.dirname(left) })),
  ];
}

/**
 * The data folder to use, after the one-time move when it is the default one
 * (a folder the caller chose is never moved into). `also`: other earlier
 * default folders (the desktop app passes Electron's user-data folder).
 */
export function settleDataDir(explicit: string | undefined, env: NodeJS.ProcessEnv, log: (line: string) => void, also: readonly string[] = []): string {
  const dataDir = resolveDataDir(explicit, env);
  const chosen = explicit ?? env.MOMO_POS_DATA_DIR;
  if (chosen && chosen.trim()) return dataDir;
  for (const line of earlierLedgersReport(adoptEarlierLedgers(dataDir, earlierDataDirs(env, process.platform, also)), shellLanguage(env))) log(line);
  return dataDir;
}
