/**
 * Browser mode as a child process (electron/core/app/web-entry.ts) on 127.0.0.1 with
 * a fresh data folder: for the e2e fixtures and the renderer and memory benches.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface BrowserMode {
  url: string;
  openUrl: string;
  /** The bearer token for API calls (MOMO_POS_WEB_API_TOKEN), not the printed one (one browser exchange). */
  token: string;
  pid: number;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  /** How the server ended, if it did: 'exit 1', 'signal SIGKILL'. */
  ended(): string | undefined;
  stop(): Promise<void>;
}

export async function startBrowserMode(env: Record<string, string> = {}): Promise<BrowserMode> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-web-'));
  const apiToken = randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/core/app/web-entry.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', MOMO_POS_DATA_DIR: dataDir, MOMO_POS_SIM_APPROVAL_MS: '1500', MOMO_POS_WEB_API_TOKEN: apiToken, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const openUrl = await printedAddress(child, () => output, 60_000);
  let ended: string | undefined;
  child.once('exit', (code, signal) => (ended = signal ? `signal ${signal}` : `exit ${code}`));
  const parsed = new URL(openUrl);
  return {
    url: parsed.origin,
    openUrl,
    token: apiToken,
    pid: child.pid!,
    dataDir,
    child,
    output: () => output,
    ended: () => ended,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The address browser mode prints once it serves ("… is ready: open
 * http://127.0.0.1:PORT/?token=…"), read from the child's stdout; rejects
 * with what it printed when it ends first or takes longer than timeoutMs.
 */
export function printedAddress(child: ChildProcess, output: () => string, timeoutMs: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address printed within ${timeoutMs / 1000} s:\n${output()}`)), timeoutMs);
    const check = () => {
      // The one-time address (it carries the token), whatever language the shell speaks.
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    check();
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`ended (${signal ?? code}) before printing an address:\n${output()}`));
    });
  });
}

/**
 * Opens the printed address as a browser does: the one-time token is traded for a
 * session cookie (302), and the cookie is what every later request carries.
 */
export async function signIn(openUrl: string): Promise<{ cookie: string }> {
  const response = await fetch(openUrl, { redirect: 'manual' });
  if (response.status !== 302) throw new Error(`signing in with ${new URL(openUrl).origin}/?token=… answered ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  if (!cookie.includes('=')) throw new Error('signing in set no session cookie');
  return { cookie };
}
