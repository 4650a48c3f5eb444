/**
 * The app's own start-up path (`npm run web`'s electron/core/app/web-entry.ts) in a
 * child process, optionally under libfaketime (a wrong computer clock), with
 * calls to its router over real HTTP on loopback.
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './ledger';

export const LIBFAKETIME = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1'].find((file) => existsSync(file));

export interface AppChild {
  child: ChildProcess;
  /** The address the app printed, with its access token (for a browser). */
  openUrl: string;
  call(method: string, input?: unknown): Promise<{ ok: boolean; code?: string; message?: string; data?: unknown }>;
  stop(): Promise<void>;
}

/** FAKETIME as libfaketime reads it ('-2d', '@2001-01-01 12:00:00'…); the monotonic clock stays real so timers keep time. */
function clockEnv(fakeTime: string | undefined): NodeJS.ProcessEnv {
  if (fakeTime === undefined) return {};
  if (!LIBFAKETIME) throw new Error('libfaketime is not installed (Debian: apt-get install faketime libfaketime)');
  return { LD_PRELOAD: LIBFAKETIME, FAKETIME: fakeTime, FAKETIME_DONT_FAKE_MONOTONIC: '1', FAKETIME_NO_CACHE: '1' };
}

/** Starts the app; resolves once it printed its address, or rejects with what it printed when it exits first. */
export function startAppChild(dataDir: string, options: { fakeTime?: string; env?: NodeJS.ProcessEnv } = {}): Promise<AppChild> {
  // The API's own bearer token (the printed one is good for one browser sign-in only).
  const apiToken = randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/core/app/web-entry.ts')], {
    cwd: ROOT,
    env: { ...process.env, MOMO_POS_DATA_DIR: dataDir, PORT: '0', MOMO_POS_SIM_APPROVAL_MS: '50', MOMO_POS_WEB_API_TOKEN: apiToken, ...clockEnv(options.fakeTime), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the app did not start within 60 s:\n${output}`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`the app exited (${code}) before it was ready:\n${output}`), { exitCode: code, output }));
    });
    const ready = () => {
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout!.off('data', ready);
      const [, base, token] = match;
      resolve({
        child,
        openUrl: `${base}/?token=${token}`,
        async call(method, input = {}) {
          const res = await fetch(`${base}/api/call/${method}`, { method: 'POST', headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' }, body: JSON.stringify(input) });
          return (await res.json()) as { ok: boolean; code?: string; message?: string; data?: unknown };
        },
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', ready);
  });
}

/** Runs the app until it exits by itself (a refused start-up): its exit code and all it printed. */
export function appStartFails(dataDir: string, options: { fakeTime?: string } = {}): Promise<{ exitCode: number | null; output: string }> {
  return startAppChild(dataDir, options).then(
    async (app) => {
      await app.stop();
      throw new Error('the app started');
    },
    (error: { exitCode?: number | null; output?: string }) => {
      if (error.output === undefined) throw error as Error;
      return { exitCode: error.exitCode ?? null, output: error.output };
    },
  );
}
