/**
 * Where the ledger files live: MOMO_POS_DATA_DIR when set; otherwise the
 * platform's data folder for the app (the desktop app passes Electron's
 * userData instead). Holds ledger.sqlite, training.sqlite, backups/, logs/.
 */
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'momo-pos';

export function platformDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), APP_FOLDER);
}

export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit ?? env.MOMO_POS_DATA_DIR;
  return path.resolve(chosen && chosen.trim() ? chosen : platformDataDir(env));
}

export function ledgerFileName(training: boolean): string {
  return training ? 'training.sqlite' : 'ledger.sqlite';
}
