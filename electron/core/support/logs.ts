/**
 * The app's log on disk: one file per UTC day in <data folder>/logs, each
 * line timed and redacted before it is written (secrets, tokens, phone
 * numbers), so the support bundle can take the last days as they are.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { redactText } from '../momo';

export const LOGS_FOLDER = 'logs';
/** Days of log files kept; older ones are removed when the app starts. */
export const LOG_DAYS_KEPT = 14;
/** A day's file is cut at this size (a loop logging the same failure cannot fill the disk). */
export const LOG_FILE_MAX_BYTES = 5 * 2 ** 20;

const FILE = /^momo-pos-(\d{4}-\d{2}-\d{2})\.log$/;

export const logFileName = (day: string) => `momo-pos-${day}.log`;
export const logsDir = (dataDir: string) => path.join(dataDir, LOGS_FOLDER);

export interface FileLogOptions {
  /** Secret values to scrub from every line (the live keys). */
  secrets?: () => readonly string[];
  now?: () => Date;
}

/**
 * A log function that writes each line to today's file as well as to `next`.
 * A log that cannot be written never stops the till: the line still goes to `next`.
 */
export function fileLog(dataDir: string, next: (line: string) => void, options: FileLogOptions = {}): (line: string) => void {
  const now = options.now ?? (() => new Date());
  const folder = logsDir(dataDir);
  let broken = false;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    pruneLogs(folder, now());
  } catch {
    broken = true;
  }
  return (line) => {
    next(line);
    if (broken) return;
    try {
      const at = now();
      const file = path.join(folder, logFileName(at.toISOString().slice(0, 10)));
      if (existsSync(file) && statSync(file).size > LOG_FILE_MAX_BYTES) return;
      appendFileSync(file, `${at.toISOString()} ${redactText(line, options.secrets?.() ?? []).replace(/\r?\n/g, '\n    ')}\n`, { mode: 0o600 });
    } catch {
      // A full disk or a read-only folder: the line went to the console; the till goes on.
    }
  };
}

function pruneLogs(folder: string, now: Date): void {
  const oldest = new Date(now.getTime() - LOG_DAYS_KEPT * 86_400_000).toISOString().slice(0, 10);
  for (const name of readdirSync(folder)) {
    const day = FILE.exec(name)?.[1];
    if (day && day < oldest) rmSync(path.join(folder, name), { force: true });
  }
}

/** The log files of the last `days` days (today included), oldest first. */
export function recentLogs(dataDir: string, days: number, now = new Date()): Array<{ name: string; text: string }> {
  const folder = logsDir(dataDir);
  if (!existsSync(folder)) return [];
  const first = new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return readdirSync(folder)
    .filter((name) => (FILE.exec(name)?.[1] ?? '') >= first)
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(folder, name), 'utf8') }));
}
