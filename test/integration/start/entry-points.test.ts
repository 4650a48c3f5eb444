/** No npm entry point dies silently: an old Node and a crash are each said in one sentence. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-entry-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The machine's own node when it is older than the project needs (Node 20 on our fresh machines). */
const olderNode = ['/usr/bin/node', '/usr/local/bin/node'].find((candidate) => {
  const run = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  if (run.status !== 0) return false;
  const [major, minor] = run.stdout.trim().split('.').map(Number);
  return major! < 22 || (major === 22 && minor! < 12);
});

describe('entry points', () => {
  it.skipIf(!olderNode).each(['scripts/start.mjs', 'scripts/web.mjs', 'scripts/test.mjs', 'scripts/entry.mjs'])('%s on an older Node says which Node it needs and what to run, in one line', (script) => {
    const run = spawnSync(olderNode!, [path.join(ROOT, script), 'pos', 'electron/core/cli/pos.ts'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/needs Node 22\.12 or newer.*run `npm ci`/);
  });

  it('a TypeScript entry point that crashes on a signal is said in one sentence, not a silent exit', () => {
    const crashing = path.join(work, 'crash.ts');
    writeFileSync(crashing, "process.kill(process.pid, 'SIGSEGV');\n");
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/entry.mjs'), 'pos', crashing], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^MoMo POS `npm run pos` stopped unexpectedly \(signal SIGSEGV\).*npm ci/)]);
  });

  it('passes arguments and the exit code through', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/entry.mjs'), 'pos', 'electron/core/cli/pos.ts', 'no-such-command'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Unknown command "no-such-command"');
  });
});
