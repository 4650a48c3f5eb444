/**
 * A real, throwaway PostgreSQL for the head-office tests and the bench:
 * Debian's server binaries, `initdb` + `pg_ctl` in a temp folder as the
 * `postgres` user, listening on a loopback port (password auth) and a unix
 * socket in that folder. stop() always removes it; a process exit hook stops
 * a server a crashed test left behind.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Debian's server binaries: the newest /usr/lib/postgresql/<major>/bin, or MOMO_POS_PG_BIN. */
export const PG_BIN = process.env.MOMO_POS_PG_BIN ?? newestDebianPostgres() ?? '/usr/lib/postgresql/15/bin';

function newestDebianPostgres(): string | undefined {
  try {
    const majors = readdirSync('/usr/lib/postgresql').filter((name) => /^\d+$/.test(name) && existsSync(`/usr/lib/postgresql/${name}/bin/initdb`));
    const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
    return newest ? `/usr/lib/postgresql/${newest}/bin` : undefined;
  } catch {
    return undefined;
  }
}

export interface ThrowawayPostgres {
  /** The superuser's URL (owner of head office's schema in the tests). */
  adminUrl: string;
  host: string;
  port: number;
  dir: string;
  /** pg_ctl restart: every open connection is cut. */
  restart(): void;
  stop(): void;
}

/** Why the PostgreSQL suites cannot run here; undefined when they can. In CI they never skip: a missing server fails them. */
export function postgresAvailable(): string | undefined {
  if (process.env.CI) return undefined;
  if (!existsSync(path.join(PG_BIN, 'initdb'))) return `PostgreSQL server binaries are missing at ${PG_BIN} (apt-get install postgresql)`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'the throwaway PostgreSQL runs as the postgres user: run the tests as root';
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function asPostgres(args: string[], what: string): void {
  const run = spawnSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`${what} failed (${run.status}): ${run.stderr || run.stdout}`);
}

const running = new Set<ThrowawayPostgres>();
let exitHook = false;

export async function startPostgres(options: { settings?: Record<string, string>; dir?: string } = {}): Promise<ThrowawayPostgres> {
  const problem = postgresAvailable();
  if (problem) throw new Error(problem);
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'momo-hq-pg-'));
  chmodSync(dir, 0o755);
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  chownSync(dir, uid, gid);
  const data = path.join(dir, 'data');
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const port = await freePort();
  if (!existsSync(path.join(data, 'PG_VERSION'))) {
    const pwfile = path.join(dir, 'pwfile');
    writeFileSync(pwfile, password);
    chownSync(pwfile, uid, gid);
    asPostgres([path.join(PG_BIN, 'initdb'), '-D', data, '-U', 'postgres', '--pwfile', pwfile, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], 'initdb');
    rmSync(pwfile);
  }
  const settings: Record<string, string> = {
    listen_addresses: "'127.0.0.1'",
    port: String(port),
    unix_socket_directories: `'${dir}'`,
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '60',
    ...options.settings,
  };
  const optionText = Object.entries(settings).map(([key, value]) => `-c ${key}=${value}`).join(' ');
  const logFile = path.join(dir, 'server.log');
  const start = () => asPostgres([path.join(PG_BIN, 'pg_ctl'), '-D', data, '-l', logFile, '-o', optionText, '-w', '-t', '60', 'start'], 'pg_ctl start');
  start();
  // A data folder reused by the bench keeps its own superuser password: set ours again.
  asPostgres([path.join(PG_BIN, 'psql'), '-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-qAt', '-c', `ALTER ROLE postgres PASSWORD '${password}'`], 'psql');
  let stopped = false;
  const pg: ThrowawayPostgres = {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    host: '127.0.0.1',
    port,
    dir,
    restart() {
      asPostgres([path.join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', '-t', '60', 'stop'], 'pg_ctl stop');
      start();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      running.delete(pg);
      spawnSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore', timeout: 60_000 });
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  running.add(pg);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const server of [...running]) server.stop();
    });
  }
  return pg;
}
