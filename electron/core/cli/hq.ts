/**
 * `npm run hq -- <command> --hq URL`: head office's side, run by the owner
 * against their PostgreSQL with an owner's URL (a role that may create
 * schemas and roles). Commands: init, add-till, report.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { PosError } from '../../../shared/errors';
import { formatMoney, isCurrency } from '../../../shared/money';
import { addTill, connectHeadOffice, describeChain, describeUrl, headOfficeProblem, migrateHeadOffice, readHeadOfficeDay, startHeadOfficeWeb, type DayTotals } from '../headoffice';
import { CALLBACK_PATH, startCallbackServer } from '../headoffice';
import { commandLine, runWhenMain } from './command-line';
import { EXIT, UsageError, type CommandIo, type PosCommand } from './commands';
import { headOfficeUrlOf } from './push';

function parse<T extends Record<string, string | undefined>>(args: string[], names: string[]): T {
  try {
    const { values } = parseArgs({ args, options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])), allowPositionals: false, strict: true });
    return values as T;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function withHeadOffice(url: string, io: CommandIo, fn: (client: Awaited<ReturnType<typeof connectHeadOffice>>) => Promise<number>): Promise<number> {
  let client;
  try {
    client = await connectHeadOffice(url);
  } catch (error) {
    io.err(headOfficeProblem(error, url));
    return EXIT.cannotRun;
  }
  try {
    return await fn(client);
  } catch (error) {
    if (error instanceof PosError || error instanceof UsageError) throw error;
    io.err(headOfficeProblem(error, url));
    return EXIT.cannotRun;
  } finally {
    await client.end().catch(() => {});
  }
}

const money = (minor: number, currency: string) => (isCurrency(currency) ? formatMoney(minor, currency) : `${minor} ${currency}`);

function totalsLines(t: DayTotals, indent = '  '): string[] {
  return [
    `${indent}Cash sales     ${String(t.cashSales).padStart(6)}  ${money(t.cashMinor, t.currency)}`,
    `${indent}MoMo sales     ${String(t.momoSales).padStart(6)}  ${money(t.momoMinor, t.currency)}`,
    `${indent}Refunds        ${String(t.refunds).padStart(6)}  ${money(t.refundsMinor, t.currency)}`,
    `${indent}Net                    ${money(t.netMinor, t.currency)}`,
    `${indent}MoMo prompts   ${t.prompts.successful} approved, ${t.prompts.rejected} declined, ${t.prompts.failed} failed, ${t.prompts.expired} expired`,
    `${indent}Z reports received ${t.zReports}`,
  ];
}

export const HQ_COMMANDS: readonly PosCommand[] = [
  {
    name: 'init',
    summary: 'create or migrate head office’s schema (safe to run again)',
    usage: 'init --hq URL',
    run: (args, io) => {
      const { hq } = parse<{ hq?: string }>(args, ['hq']);
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        const { from, to } = await migrateHeadOffice(client);
        io.out(from === to ? `Head office at ${describeUrl(url)} is up to date (schema ${to}).` : `Head office at ${describeUrl(url)}: schema ${from} → ${to}.`);
        return EXIT.ok;
      });
    },
  },
  {
    name: 'add-till',
    summary: 'create a till’s own role and print its connection string once',
    usage: 'add-till --hq URL --name NAME',
    run: (args, io) => {
      const { hq, name } = parse<{ hq?: string; name?: string }>(args, ['hq', 'name']);
      if (!name) throw new UsageError('Name the till: --name "Counter 2".');
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        const till = await addTill(client, url, name);
        io.out(`Till "${till.name}" added (role ${till.role}). Its connection string, shown this once — put it in the till's Settings (kept in its keychain) or its ${'MOMO_POS_HQ_URL'}:`);
        io.out(till.url);
        return EXIT.ok;
      });
    },
  },
  {
    name: 'report',
    summary: 'every till’s day and the totals across tills',
    usage: 'report --hq URL [--date YYYY-MM-DD]',
    run: (args, io) => {
      const { hq, date } = parse<{ hq?: string; date?: string }>(args, ['hq', 'date']);
      if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--date takes a day like 2025-03-10, not "${date}".`);
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        const day = await readHeadOfficeDay(client, date ?? new Date().toISOString().slice(0, 10));
        io.out(`Head office — ${day.day} — ${day.tills.length} till${day.tills.length === 1 ? '' : 's'}`);
        io.out('');
        const width = Math.max(4, ...day.tills.map((till) => till.name.length));
        io.out(`${'Till'.padEnd(width)}  ${'Device'.padEnd(8)}  ${'Last push (UTC)'.padEnd(19)}  ${'Net'.padStart(14)}  Chain`);
        for (const till of day.tills) {
          const net = till.totals.map((t) => money(t.netMinor, t.currency)).join(' + ') || '—';
          const last = till.lastPushAt ? till.lastPushAt.slice(0, 19).replace('T', ' ') : 'never';
          io.out(`${till.name.padEnd(width)}  ${(till.deviceId ?? '—').padEnd(8)}  ${last.padEnd(19)}  ${net.padStart(14)}  ${describeChain(till.chain)}`);
        }
        io.out('');
        if (day.totals.length === 0) io.out(`No sales, refunds or Z reports received for ${day.day}.`);
        for (const totals of day.totals) {
          io.out(`Totals across tills (${totals.currency}):`);
          for (const line of totalsLines(totals)) io.out(line);
        }
        const troubled = day.tills.filter((till) => till.chain.state !== 'ok');
        return troubled.some((till) => till.chain.state === 'fork') ? EXIT.failed : EXIT.ok;
      });
    },
  },
  {
    name: 'web',
    summary: 'serve head office’s page on 127.0.0.1 (per-till totals, sales per hour, chain status)',
    usage: 'web --hq URL [--port N]',
    async run(args, io) {
      const { hq, port } = parse<{ hq?: string; port?: string }>(args, ['hq', 'port']);
      if (port !== undefined && !/^\d{1,5}$/.test(port)) throw new UsageError(`--port takes a number, not "${port}".`);
      const url = headOfficeUrlOf(hq, io);
      const server = await startHeadOfficeWeb({ url, ...(port ? { port: Number(port) } : {}), log: io.err });
      io.out(`Head office's page for ${describeUrl(url)}: open ${server.openUrl}`);
      io.out('(the address carries a one-time access token; Ctrl-C stops the server)');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await server.close();
      return EXIT.ok;
    },
  },
  {
    name: 'serve',
    summary: 'receive MoMo’s callbacks for the tills (127.0.0.1 unless --host; TLS with --tls-cert/--tls-key or a reverse proxy)',
    usage: 'serve --hq URL [--host ADDRESS] [--port N] [--tls-cert FILE --tls-key FILE]',
    async run(args, io) {
      const options = parse<{ hq?: string; host?: string; port?: string; 'tls-cert'?: string; 'tls-key'?: string }>(args, ['hq', 'host', 'port', 'tls-cert', 'tls-key']);
      if (options.port !== undefined && !/^\d{1,5}$/.test(options.port)) throw new UsageError(`--port takes a number, not "${options.port}".`);
      if (Boolean(options['tls-cert']) !== Boolean(options['tls-key'])) throw new UsageError('Give both --tls-cert and --tls-key, or neither.');
      const url = headOfficeUrlOf(options.hq, io);
      const server = await startCallbackServer({
        url,
        ...(options.host ? { host: options.host } : {}),
        ...(options.port ? { port: Number(options.port) } : {}),
        ...(options['tls-cert'] && options['tls-key'] ? { tls: { cert: fs.readFileSync(options['tls-cert']), key: fs.readFileSync(options['tls-key']) } } : {}),
        log: io.err,
      });
      io.out(`Receiving MoMo callbacks for ${describeUrl(url)} at ${server.origin}${CALLBACK_PATH}/<till key>/<reference> (Ctrl-C stops).`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await server.close();
      return EXIT.ok;
    },
  },
];

const hqLine = commandLine('hq', HQ_COMMANDS, 'URL: an owner’s postgres:// connection string, or MOMO_POS_HQ_URL.');

export const hqUsage = (): string => hqLine.usage();
export const runHq = (argv: string[], io: CommandIo): Promise<number> => hqLine.run(argv, io);

runWhenMain(import.meta.url, hqLine);
