/**
 * The README's first command on a fresh machine: a fresh clone, the machine's
 * own (older) Node first on PATH, and pkg-config unable to find libsecret, so
 * keytar cannot build. `npm ci` must pass and `npm start` must serve the
 * counter (browser mode, since the Electron binary cannot be downloaded here),
 * then stop cleanly on Ctrl-C. It reuses the npm cache; it tests what is
 * committed (a clone of HEAD).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { printedAddress, signIn } from '../../helpers/browser-mode';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const isCheckout = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: ROOT }).status === 0;

/** The machine's own node: the first one on PATH outside the project. */
function machineNode(): { dir: string; version: string } | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir || dir.includes('node_modules')) continue;
    const candidate = path.join(dir, 'node');
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (version) return { dir, version };
  }
  return undefined;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-fresh-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!isCheckout)('a fresh machine', () => {
  it('npm ci passes without libsecret, and npm start serves the counter and stops cleanly on Ctrl-C', { timeout: 600_000 }, async () => {
    const clone = path.join(work, 'clone');
    expect(spawnSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone]).status).toBe(0);
    const noPkgConfig = path.join(work, 'empty-pkgconfig');
    mkdirSync(noPkgConfig);
    const own = machineNode();
    expect(own, 'a node on PATH outside the project').toBeDefined();
    // A newcomer's shell: none of the npm variables of the run that started this test.
    const env: Record<string, string> = {};
    // CI is set again only where a step asks for it.
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !/^npm_|^NODE_|^VITEST|^MOMO_|^CI$/i.test(key)) env[key] = value;
    Object.assign(env, {
      PATH: [own!.dir, ...(process.env.PATH ?? '').split(path.delimiter).filter((dir) => !dir.includes('node_modules'))].join(path.delimiter),
      PKG_CONFIG_LIBDIR: noPkgConfig,
      PKG_CONFIG_PATH: '',
    });

    const install = spawnSync('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: clone, env, encoding: 'utf8', timeout: 300_000 });
    expect(install.status, install.stderr.slice(-3000)).toBe(0);
    // The scenario really is "keytar could not build", and the project's own Node is there.
    expect(existsSync(path.join(clone, 'node_modules/keytar/build/Release/keytar.node'))).toBe(false);
    const projectNode = spawnSync(path.join(clone, 'node_modules/.bin/node'), ['--version'], { encoding: 'utf8' }).stdout.trim();
    expect(projectNode).toMatch(/^v22\./);

    // npm test says in one line that the keychain suite is skipped, and why; in CI that is a failure.
    const onlyKeychain = (ci: boolean) =>
      spawnSync('npm', ['test'], { cwd: clone, encoding: 'utf8', timeout: 120_000, env: { ...env, MOMO_POS_TEST_ONLY: 'keychain', ...(ci ? { CI: 'true' } : {}) } });
    const local = onlyKeychain(false);
    expect(local.status, local.stdout + local.stderr).toBe(0);
    expect(local.stdout.split('\n').filter((line) => line.startsWith('keychain suite:'))).toEqual([expect.stringContaining('skipped, the keychain library (keytar) is not installed')]);
    const ci = onlyKeychain(true);
    expect(ci.status).toBe(1);
    expect(ci.stdout).toContain('CI must run the keychain suite');

    const dataDir = path.join(work, 'data');
    const start = spawn('npm', ['start'], {
      cwd: clone,
      detached: true, // its own process group, as a terminal's foreground job is
      env: { ...env, PORT: '0', MOMO_POS_DATA_DIR: dataDir, MOMO_POS_NO_BROWSER: '1', ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: path.join(work, 'electron-cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    start.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    start.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => start.once('exit', (code, signal) => resolve({ code, signal })));
    try {
      const openUrl = await printedAddress(start, () => output, 240_000);
      expect(output).toContain('The desktop window cannot open');
      const url = new URL(openUrl);
      // As the browser does: the printed address is traded once for a session cookie.
      const { cookie } = await signIn(openUrl);
      const headers = { cookie, 'content-type': 'application/json' };
      const page = await fetch(`${url.origin}/`, { headers });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const info = (await (await fetch(`${url.origin}/api/call/app.info`, { method: 'POST', headers, body: '{}' })).json()) as { ok: boolean; data: { mode: string } };
      expect(info).toMatchObject({ ok: true, data: { mode: 'training' } });
      // Where keytar could not build, the app says so where it says "no keychain".
      const keychain = (await (await fetch(`${url.origin}/api/call/credentials.status`, { method: 'POST', headers, body: '{}' })).json()) as { ok: boolean; data: { available: boolean; problem?: string } };
      expect(keychain).toMatchObject({ ok: true, data: { available: false } });
      expect(keychain.data.problem).toContain('The keychain library is not installed');

      process.kill(-start.pid!, 'SIGINT'); // Ctrl-C reaches the whole foreground group
      expect(await exited).toEqual({ code: 0, signal: null });
      await expect(fetch(`${url.origin}/`, { headers })).rejects.toThrow();
    } finally {
      try {
        process.kill(-start.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
});
