/**
 * `npm run hq -- <command> --hq URL`: head office's side, run by the owner
 * against their PostgreSQL with an owner's URL (a role that may create
 * schemas and roles). Commands: init, add-till, report, web, tills,
 * revoke-till, rotate-till, unbind-till, set-till-zone, close-alarm, serve.
 */
import fs from 'node:fs';
import { PosError } from '../../../shared/errors';
import { addTill, connectHeadOffice, describeChain, describeUrl, headOfficeProblem, migrateHeadOffice, readHeadOfficeDay, startHeadOfficeWeb, type DayTotals } from '../headoffice';
import { closeAlarm, formatTotal, forTerminal, listTills, revokeTill, rotateTill, setTillZone, unbindTill, type HeadOfficeAlarm } from '../headoffice';
import { CALLBACK_PATH, startCallbackServer } from '../headoffice';
import { commandLine, runWhenMain } from './command-line';
import { EXIT, parseOptions, UsageError, type CommandIo, type PosCommand } from './command';
import { headOfficeUrlOf } from './push';

function parse<T extends Record<string, string | undefined>>(args: string[], names: string[]): T {
  return parseOptions(args, Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]))) as T;
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

const money = (minor: bigint, currency: string) => forTerminal(formatTotal(minor, currency));

/** One alarm on one line; whatever the till sent is escaped. */
const alarmLine = (a: HeadOfficeAlarm) =>
  `  ${a.id === null ? '   -' : `#${a.id}`.padStart(4)}  ${a.kind.toUpperCase().padEnd(7)}  ${forTerminal(a.tillName)}  seq ${a.seq}  ${a.raisedAt.slice(0, 19).replace('T', ' ')} UTC  ${forTerminal(a.detail)}`;

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
    usage: 'add-till --hq URL --name NAME [--currency RWF] [--time-zone Africa/Kigali] [--day-starts-at H]',
    run: (args, io) => {
      const { hq, name, currency, 'time-zone': timeZone, 'day-starts-at': dayStarts } = parse<{ hq?: string; name?: string; currency?: string; 'time-zone'?: string; 'day-starts-at'?: string }>(
        args,
        ['hq', 'name', 'currency', 'time-zone', 'day-starts-at'],
      );
      if (!name) throw new UsageError('Name the till: --name "Counter 2".');
      if (dayStarts !== undefined && !/^\d{1,2}$/.test(dayStarts)) throw new UsageError(`--day-starts-at takes an hour from 0 to 23, not "${dayStarts}".`);
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        const till = await addTill(client, url, name, {
          ...(currency !== undefined ? { currency } : {}),
          ...(timeZone !== undefined ? { timeZone } : {}),
          ...(dayStarts !== undefined ? { dayStartsAtHour: Number(dayStarts) } : {}),
        });
        io.out(`Till "${till.name}" added (role ${till.role}). Its connection string, shown this once — put it in the till's Settings (kept in its keychain) or its ${'MOMO_POS_HQ_URL'}:`);
        io.out(till.url);
        io.out(
          `Its business days are counted in ${till.timeZone} from ${String(till.dayStartsAtHour).padStart(2, '0')}:00 (the till's own time zone and day start: --time-zone, --day-starts-at); its currency ${currency ?? 'is fixed by its first entry that names one'}.`,
        );
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
        const width = Math.max(4, ...day.tills.map((till) => forTerminal(till.name).length));
        io.out(`${'Till'.padEnd(width)}  ${'Device'.padEnd(8)}  ${'Last push (UTC)'.padEnd(19)}  ${'Net'.padStart(14)}  Chain`);
        for (const till of day.tills) {
          const net = till.totals.map((t) => money(t.netMinor, t.currency)).join(' + ') || '—';
          const last = till.lastPushAt ? till.lastPushAt.slice(0, 19).replace('T', ' ') : 'never';
          const alarms = day.alarms.filter((a) => a.tillId === till.tillId).length;
          const state = till.retiredAt ? 'RETIRED (read-only)' : till.revokedAt ? 'REVOKED' : till.chain.state === 'ok' && alarms > 0 ? `ALARM (${alarms})` : describeChain(till.chain);
          io.out(`${forTerminal(till.name).padEnd(width)}  ${forTerminal(till.deviceId ?? '—').padEnd(8)}  ${last.padEnd(19)}  ${net.padStart(14)}  ${state}`);
        }
        io.out('');
        if (day.totals.length === 0) io.out(`No sales, refunds or Z reports received for ${day.day}.`);
        for (const totals of day.totals) {
          io.out(`Totals across tills (${totals.currency}):`);
          for (const line of totalsLines(totals)) io.out(line);
        }
        if (day.alarms.length > 0) {
          io.out('');
          io.out(`Open alarms (${day.alarms.length}) — these tills' figures may be incomplete or wrong; close one with hq close-alarm --id N --note "…" once looked into:`);
          for (const alarm of day.alarms) io.out(alarmLine(alarm));
        }
        return day.alarms.length > 0 || day.tills.some((till) => till.chain.state === 'fork') ? EXIT.failed : EXIT.ok;
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
    name: 'tills',
    summary: 'every till: name, role, device, first and last push, head seq, open alarms, state',
    usage: 'tills --hq URL',
    run: (args, io) => {
      const { hq } = parse<{ hq?: string }>(args, ['hq']);
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        const tills = await listTills(client);
        if (tills.length === 0) io.out('Head office has no till yet (hq add-till adds one).');
        const when = (iso: string | null) => (iso ? iso.slice(0, 19).replace('T', ' ') : 'never');
        for (const t of tills) {
          const state = t.retiredAt ? `retired ${when(t.retiredAt)} (read-only)` : t.revokedAt ? `revoked ${when(t.revokedAt)}` : 'live';
          io.out(
            `${forTerminal(t.name)}  role ${t.role}  device ${forTerminal(t.deviceId ?? '— (not bound yet)')}  ${t.currency ?? '—'}  ${t.timeZone}  first push ${when(t.firstPushAt)}  last push ${when(t.lastPushAt)}  head seq ${t.headSeq}  alarms ${t.openAlarms}  ${state}`,
          );
        }
        return tills.some((t) => t.openAlarms > 0) ? EXIT.failed : EXIT.ok;
      });
    },
  },
  {
    name: 'revoke-till',
    summary: 'stop a till (stolen, sold): its role may no longer log in, its sessions are cut; its journal stays',
    usage: 'revoke-till --hq URL --name NAME',
    run: (args, io) => {
      const { hq, name } = parse<{ hq?: string; name?: string }>(args, ['hq', 'name']);
      if (!name) throw new UsageError('Name the till: --name "Counter 2".');
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        const { role } = await revokeTill(client, name);
        io.out(`Till "${forTerminal(name)}" revoked (role ${role} may no longer log in). hq rotate-till gives it a new connection string if it comes back.`);
        return EXIT.ok;
      });
    },
  },
  {
    name: 'rotate-till',
    summary: 'give a till a new password (the old one stops at once) and print its connection string once',
    usage: 'rotate-till --hq URL --name NAME',
    run: (args, io) => {
      const { hq, name } = parse<{ hq?: string; name?: string }>(args, ['hq', 'name']);
      if (!name) throw new UsageError('Name the till: --name "Counter 2".');
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        const till = await rotateTill(client, url, name);
        io.out(`Till "${forTerminal(till.name)}" has a new password. Its connection string, shown this once — put it in the till's Settings:`);
        io.out(till.url);
        return EXIT.ok;
      });
    },
  },
  {
    name: 'unbind-till',
    summary: 'let a reinstalled till start a new chain; the old chain stays, read-only, in the reports',
    usage: 'unbind-till --hq URL --name NAME',
    run: (args, io) => {
      const { hq, name } = parse<{ hq?: string; name?: string }>(args, ['hq', 'name']);
      if (!name) throw new UsageError('Name the till: --name "Counter 2".');
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        await unbindTill(client, name);
        io.out(`Till "${forTerminal(name)}" unbound: its old chain is kept read-only; the same connection string now starts a new chain from the till's next push.`);
        return EXIT.ok;
      });
    },
  },
  {
    name: 'set-till-zone',
    summary: 'the time zone and day start a till’s business days are counted in (entries from now on)',
    usage: 'set-till-zone --hq URL --name NAME --time-zone ZONE [--day-starts-at H]',
    run: (args, io) => {
      const { hq, name, 'time-zone': timeZone, 'day-starts-at': dayStarts } = parse<{ hq?: string; name?: string; 'time-zone'?: string; 'day-starts-at'?: string }>(args, [
        'hq',
        'name',
        'time-zone',
        'day-starts-at',
      ]);
      if (!name) throw new UsageError('Name the till: --name "Counter 2".');
      if (!timeZone) throw new UsageError('Give the till’s time zone: --time-zone Africa/Kigali.');
      if (dayStarts !== undefined && !/^\d{1,2}$/.test(dayStarts)) throw new UsageError(`--day-starts-at takes an hour from 0 to 23, not "${dayStarts}".`);
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        await setTillZone(client, name, timeZone, dayStarts === undefined ? undefined : Number(dayStarts));
        io.out(`Till "${forTerminal(name)}": business days from now on are counted in ${timeZone}${dayStarts === undefined ? '' : ` from ${dayStarts.padStart(2, '0')}:00`}; days already counted stay as they are.`);
        return EXIT.ok;
      });
    },
  },
  {
    name: 'close-alarm',
    summary: 'mark an alarm as looked into (it stays on record with your note)',
    usage: 'close-alarm --hq URL --id N --note TEXT',
    run: (args, io) => {
      const { hq, id, note } = parse<{ hq?: string; id?: string; note?: string }>(args, ['hq', 'id', 'note']);
      if (!id || !/^\d{1,15}$/.test(id)) throw new UsageError('Give the alarm\'s number as hq report shows it: --id 12.');
      if (!note) throw new UsageError('Say what was found: --note "till restored from backup, re-counted".');
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        await closeAlarm(client, Number(id), note);
        io.out(`Alarm #${id} closed.`);
        return EXIT.ok;
      });
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
