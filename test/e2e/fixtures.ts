/**
 * Browser mode for e2e: each test gets its own server (`electron/core/web/cli.ts`)
 * on 127.0.0.1 with a fresh data folder, and a page already holding the token.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PosServer {
  url: string;
  openUrl: string;
  dataDir: string;
  output: () => string;
}

export async function startBrowserMode(env: Record<string, string> = {}): Promise<PosServer & { stop: () => Promise<void> }> {
  const root = path.resolve(import.meta.dirname, '../..');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'electron/core/web/cli.ts')], {
    cwd: root,
    env: { ...process.env, PORT: '0', MOMO_POS_DATA_DIR: dataDir, MOMO_POS_SIM_APPROVAL_MS: '1500', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 30_000);
    const check = () => {
      const match = /open (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => reject(new Error(`browser mode exited (${code}):\n${output}`)));
  });
  return {
    url: new URL(openUrl).origin,
    openUrl,
    dataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ server: PosServer; counter: Page }>({
  server: async ({}, use) => {
    const server = await startBrowserMode();
    await use(server);
    await server.stop();
  },
  counter: async ({ page, server }, use) => {
    await page.goto(server.openUrl);
    await expect(page.getByLabel('Phone', { exact: true })).toBeVisible();
    await use(page);
  },
});

export { expect };
