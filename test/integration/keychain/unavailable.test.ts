import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Each case runs the real keytar in a child process: libsecret reads the
// D-Bus address once per process, so the session must be chosen before load.
const repositoryRoot = path.resolve(import.meta.dirname, '../../..');
const child = path.join(import.meta.dirname, 'fixtures/vault-child.ts');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'momo-keychain-unavailable-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Outcome {
  ok: boolean;
  found?: boolean;
  code?: string;
  message?: string;
}
interface Report {
  status: { available: boolean; problem?: string; set: Record<string, boolean> };
  get: Outcome;
  set: Outcome;
  clear: Outcome;
  elapsedMs: number;
}

/** A private HOME and XDG folders, so anything written by the vault (there should be nothing) is seen. */
function privateHome(name: string): { root: string; env: NodeJS.ProcessEnv } {
  const root = path.join(scratch, name);
  const folders = { HOME: 'home', XDG_RUNTIME_DIR: 'runtime', XDG_DATA_HOME: 'data', XDG_CONFIG_HOME: 'config', XDG_CACHE_HOME: 'cache' };
  const env: NodeJS.ProcessEnv = {};
  for (const [variable, folder] of Object.entries(folders)) {
    const full = path.join(root, folder);
    mkdirSync(full, { recursive: true, mode: 0o700 });
    env[variable] = full;
  }
  return { root, env };
}

/** The parent's environment without any D-Bus session or display (no unlock prompt may open on a desktop). */
function baseEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const variable of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'MOMO_POS_KEYCHAIN_READY']) delete env[variable];
  return env;
}

function run(command: string[], env: NodeJS.ProcessEnv): string {
  const [file, ...args] = command;
  const result = spawnSync(file!, args, { cwd: repositoryRoot, env, encoding: 'utf8', timeout: 25_000 });
  if (result.status !== 0) throw new Error(`${command.join(' ')} exited ${result.status ?? result.signal}: ${result.stderr}`);
  const lastLine = result.stdout.trim().split('\n').at(-1) ?? '';
  return lastLine;
}

const vaultChild = (mode: 'seed' | 'report'): string[] => [process.execPath, '--import', 'tsx', child, mode];

// Like scripts/with-keychain.sh, but on the caller's XDG folders: the daemon is
// stopped by hand because one daemonized just before a short command can outlive its bus.
const seedInUnlockedKeyring = `
  printf %s unlock-me | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
  keyring=$!
  trap 'kill $keyring 2>/dev/null' EXIT
  tries=0
  until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \\
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; do
    tries=$((tries + 1)); [ "$tries" -gt 100 ] && exit 1; sleep 0.1
  done
  "$@"`;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function expectUnavailableEverywhere(report: Report, keychainSaid: string): void {
  expect(report.status.available).toBe(false);
  expect(report.status.problem).toMatch(/system keychain is not available/);
  expect(report.status.problem).toMatch(/gnome-keyring/);
  expect(report.status.problem).toContain(keychainSaid);
  expect(Object.values(report.status.set).every((flag) => flag === false)).toBe(true);
  for (const call of [report.get, report.set, report.clear]) {
    expect(call.ok).toBe(false);
    expect(call.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(call.message).toBe(report.status.problem);
  }
}

describe('when the system keychain cannot be reached', () => {
  it.each([
    { case: 'D-Bus address points to a socket that does not exist', address: 'dead', keychainSaid: 'Could not connect: No such file or directory' },
    { case: 'there is no D-Bus session at all', address: undefined, keychainSaid: 'Cannot autolaunch D-Bus without X11' },
  ])('$case: reports unavailable, every call fails, nothing is written', ({ case: name, address, keychainSaid }) => {
    const home = privateHome(name.replace(/\W+/g, '-'));
    const env = { ...baseEnvironment(), ...home.env };
    if (address === 'dead') env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${path.join(home.root, 'no-bus-here')}`;

    const report = JSON.parse(run(vaultChild('report'), env)) as Report;

    expectUnavailableEverywhere(report, keychainSaid);
    expect(report.elapsedMs).toBeLessThan(5_000);
    expect(filesUnder(home.root)).toEqual([]);
  });

  it('a locked keyring that holds the secret: unavailable, not "nothing stored"', () => {
    const home = privateHome('locked');
    const secret = `locked-${Math.random().toString(36).slice(2)}`;
    const env = { ...baseEnvironment(), ...home.env, MOMO_TEST_ENVIRONMENT: 'locked-test', MOMO_TEST_SECRET: secret };
    // First session: a keyring unlocked with a password, the secret stored in it.
    run(['dbus-run-session', '--', 'sh', '-c', seedInUnlockedKeyring, 'seed', ...vaultChild('seed')], env);
    expect(readdirSync(path.join(home.env.XDG_DATA_HOME!, 'keyrings'))).toContain('login.keyring');

    // Second session: the same keyring, started by D-Bus activation and left locked.
    const output = run(['dbus-run-session', '--', ...vaultChild('report')], env);
    const report = JSON.parse(output) as Report;

    expectUnavailableEverywhere(report, 'locked collection');
    expect(output).not.toContain(secret);
  });
});
