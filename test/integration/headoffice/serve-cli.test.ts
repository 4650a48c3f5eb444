/**
 * `npm run hq -- serve` as the owner runs it: the same entry npm runs
 * (scripts/entry.mjs → electron/core/cli/hq.ts) in a child process, on a
 * port the system picks, against a throwaway PostgreSQL. A callback posted
 * to it is stored; SIGTERM stops it cleanly (exit 0); bad flags are a usage
 * error (exit 2) and start nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useThrowawayHeadOffice } from './rig';

const rig = useThrowawayHeadOffice();
const ROOT = path.resolve(__dirname, '../../..');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function hq(args: string[]): { child: ChildProcess; out: () => string; err: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['scripts/entry.mjs', 'hq', 'electron/core/cli/hq.ts', ...args], { cwd: ROOT, env: { ...process.env, MOMO_POS_HQ_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exit };
}

async function until<T>(probe: () => T | undefined, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe.skipIf(rig.missing)('hq serve on the command line', () => {
  it('receives a callback, stores it, and stops cleanly on SIGTERM', async () => {
    const tillUrl = await rig.hq.addTill('CLI till');
    const role = decodeURIComponent(new URL(tillUrl).username);
    const key = (await rig.hq.admin.query<{ callback_key: string }>('SELECT callback_key FROM hq.tills WHERE role_name = $1', [role])).rows[0]!.callback_key;
    const serve = hq(['serve', '--hq', rig.hq.adminUrl, '--port', '0']);
    const origin = await until(() => /at (http:\/\/127\.0\.0\.1:\d+)\/momo\/callback\//.exec(serve.out())?.[1], `hq serve to start (stderr: ${serve.err()})`);
    // The owner's password is never printed.
    expect(serve.out()).not.toContain(new URL(rig.hq.adminUrl).password || '\u0000');
    const reference = randomUUID();
    const answer = await fetch(`${origin}/momo/callback/${key}/${reference}`, { method: 'PUT', body: '{"status":"SUCCESSFUL"}' });
    expect(answer.status).toBe(200);
    const unknown = await fetch(`${origin}/momo/callback/${'0'.repeat(32)}/${randomUUID()}`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    const stored = await rig.hq.admin.query<{ reference: string; method: string }>('SELECT c.reference::text, c.method FROM hq.callbacks c JOIN hq.tills t ON t.id = c.till_id WHERE t.role_name = $1', [role]);
    expect(stored.rows).toEqual([{ reference, method: 'PUT' }]);
    serve.child.kill('SIGTERM');
    expect(await serve.exit).toBe(0);
    await expect(fetch(`${origin}/momo/callback/${key}/${randomUUID()}`, { method: 'POST', body: '{}' })).rejects.toThrow();
  }, 60_000);

  it.each([
    [['serve', '--hq', 'postgres://x@127.0.0.1/x', '--port', 'eighty']],
    [['serve', '--hq', 'postgres://x@127.0.0.1/x', '--tls-cert', 'cert.pem']],
    [['serve', '--hq', 'postgres://x@127.0.0.1/x', '--bogus', '1']],
  ])('bad flags %j: a usage error, exit 2, nothing started', async (args) => {
    const run = hq(args);
    expect(await run.exit).toBe(2);
    expect(run.out()).not.toContain('Receiving MoMo callbacks');
  }, 60_000);
});
