import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const electronInstalled = existsSync(path.join(root, 'node_modules/electron/path.txt'));

describe('npm start without an Electron binary', () => {
  it.skipIf(electronInstalled)('says so in one sentence naming npm run web, exits non-zero, no stack trace', () => {
    // The download goes to a mirror that refuses connections: what a machine with no internet sees.
    const run = spawnSync(process.execPath, [path.join(root, 'scripts/start.mjs')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: path.join(root, 'node_modules/.cache/no-electron') },
    });
    expect(run.status).not.toBe(0);
    const lines = (run.stdout + run.stderr).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('npm run web');
    expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
