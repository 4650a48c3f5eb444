import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { printedAddress, signIn } from '../../helpers/browser-mode';

const root = path.resolve(import.meta.dirname, '../../..');
const electronInstalled = existsSync(path.join(root, 'node_modules/electron/path.txt'));
const work = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-start-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm start without an Electron binary', () => {
  it.skipIf(electronInstalled)('says why in one line, then serves browser mode in the same command on PORT with MOMO_POS_DATA_DIR, and stops with exit 0', { timeout: 240_000 }, async () => {
    const dataDir = path.join(work, 'data');
    // The download goes to a mirror that refuses connections: what a machine with no internet sees.
    const start = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
      cwd: root,
      env: { ...process.env, PORT: '0', MOMO_POS_DATA_DIR: dataDir, MOMO_POS_NO_BROWSER: '1', ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: path.join(work, 'no-electron') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    start.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    start.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
    const openUrl = await printedAddress(start, () => stdout, 200_000);
    const why = stderr.split('\n').filter((line) => line.includes('desktop window'));
    expect(why).toEqual(['The desktop window cannot open: its binary is not installed and could not be downloaded (no internet access to its host?). Starting MoMo POS in your browser instead.']);
    expect(stderr).not.toMatch(/\bat .*\.js:\d+/);
    const url = new URL(openUrl);
    const { cookie } = await signIn(openUrl);
    const response = await fetch(`${url.origin}/api/call/app.info`, { method: 'POST', headers: { cookie }, body: '{}' });
    expect(await response.json()).toMatchObject({ ok: true, data: { mode: 'training' } });
    expect(existsSync(path.join(dataDir, 'training.sqlite'))).toBe(true);
    start.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
