/**
 * `npm run hq -- <command> --hq URL`: head office's side, run by the owner
 * against their PostgreSQL with an owner's URL (a role that may create
 * schemas and roles). Commands: init, add-till, report, web, tills,
 * revoke-till, rotate-till, unbind-till, set-till-zone, close-alarm, serve.
 */
import fs from 'node:fs';
import { PosError } from '../../../shared/errors';
import { noticeText } from '../../../shared/error-text';
import { shellLanguage, translate, type Language } from '../../../shared/i18n';
import { addTill, connectHeadOffice, describeUrl, headOfficeProblem, HQ_URL_VARIABLE, migrateHeadOffice, readHeadOfficeDay, startHeadOfficeWeb, type ChainStatus, type DayTotals, type TillFiscal } from '../headoffice';
import { closeAlarm, formatTotal, forTerminal, listTills, readTillsFiscal, revokeTill, rotateTill, setTillZone, unbindTill, type HeadOfficeAlarm } from '../headoffice';
import { CALLBACK_PATH, startCallbackServer } from '../headoffice';
import { commandLine, runWhenMain } from './command-line';
import { EXIT, parseOptions, say, sayIn, UsageError, type CommandIo, type PosCommand } from './command';
import { headOfficeUrlOf } from './push';

function parse<T extends Record<string, string | undefined>>(args: string[], names: string[]): T {
  return parseOptions(args, Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]))) as T;
}

async function withHeadOffice(url: string, io: CommandIo, fn: (client: Awaited<ReturnType<typeof connectHeadOffice>>) => Promise<number>): Promise<number> {
  let client;
  try {
    client = await connectHeadOffice(url);
  } catch (error) {
    io.err(noticeText(headOfficeProblem(error, url), shellLanguage(io.env)));
    return EXIT.cannotRun;
  }
  try {
    return await fn(client);
  } catch (error) {
    if (error instanceof PosError || error instanceof UsageError) throw error;
    io.err(noticeText(headOfficeProblem(error, url), shellLanguage(io.env)));
    return EXIT.cannotRun;
  } finally {
    await client.end().catch(() => {});
  }
}

const money = (minor: bigint, currency: string) => forTerminal(formatTotal(minor, currency));
const clock = (iso: string) => iso.slice(0, 19).replace('T', ' ');

/** A chain's state in a word or two, as the report's last column shows it. */
function chainWords(chain: ChainStatus, language: Language): string {
  if (chain.state === 'fork') return translate(language, 'cli.hq.chain.fork', { seq: chain.seq });
  if (chain.state === 'gap') return translate(language, 'cli.hq.chain.gap', { seq: chain.fromSeq });
  return translate(language, 'cli.hq.chain.ok');
}

/** One alarm on one line; whatever the till sent (its name, the alarm's detail) is escaped. */
const alarmLine = (a: HeadOfficeAlarm, language: Language) =>
  `  ${a.id === null ? '   -' : `#${a.id}`.padStart(4)}  ${translate(language, 'cli.hq.alarm', {
    kind: translate(language, `hq.kinds.${a.kind}`).toUpperCase().padEnd(14),
    till: forTerminal(a.tillName),
    seq: a.seq,
    time: clock(a.raisedAt),
    detail: forTerminal(a.detail),
  })}`;

/** A till's fiscal receipts on one line: labels and times came from a till, so they are escaped. */
const fiscalLine = (f: TillFiscal, language: Language) => {
  const t = sayIn(language);
  const when = (iso: string | null) => (iso ? forTerminal(clock(iso)) : t('cli.hq.never'));
  const labels = f.labels.filter((l) => l.signed > 0).map((l) => `${forTerminal(l.label)} ${l.signed}`).join(' · ');
  return [
    t('cli.hq.fiscal.signed', { count: f.signed }) + (labels ? ` (${labels})` : ''),
    t('cli.hq.fiscal.refused', { count: f.rejected }),
    f.pending > 0 ? t('cli.hq.fiscal.waitingSince', { count: f.pending, since: when(f.oldestPendingAt) }) : t('cli.hq.fiscal.waitingNone'),
    t('cli.hq.fiscal.lastSigned', { when: when(f.lastSignedAt) }),
  ].join('  ');
};

/** The totals block: labels in the language, padded to the longest so the figures line up. */
function totalsLines(t: DayTotals, language: Language, indent = '  '): string[] {
  const words = sayIn(language);
  const rows: [string, string][] = [
    [words('cli.hq.totals.cash'), `${String(t.cashSales).padStart(6)}  ${money(t.cashMinor, t.currency)}`],
    [words('cli.hq.totals.momo'), `${String(t.momoSales).padStart(6)}  ${money(t.momoMinor, t.currency)}`],
    [words('cli.hq.totals.refunds'), `${String(t.refunds).padStart(6)}  ${money(t.refundsMinor, t.currency)}`],
    [words('cli.hq.totals.net'), `${''.padStart(6)}  ${money(t.netMinor, t.currency)}`],
    [words('cli.hq.totals.prompts'), words('cli.hq.totals.promptsValue', { approved: t.prompts.successful, declined: t.prompts.rejected, failed: t.prompts.failed, expired: t.prompts.expired })],
    [words('cli.hq.totals.zReports'), String(t.zReports)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${indent}${label.padEnd(width)}  ${value}`);
}

export const HQ_COMMANDS: readonly PosCommand[] = [
  {
    name: 'init',
    summary: 'cli.hq.init.summary',
    usage: 'init --hq URL',
    run: (args, io) => {
      const { hq } = parse<{ hq?: string }>(args, ['hq']);
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        const { from, to } = await migrateHeadOffice(client);
        io.out(from === to ? say(io)('cli.hq.init.upToDate', { where: describeUrl(url), schema: to }) : say(io)('cli.hq.init.migrated', { where: describeUrl(url), from, to }));
        return EXIT.ok;
      });
    },
  },
  {
    name: 'add-till',
    summary: 'cli.hq.addTill.summary',
    usage: 'add-till --hq URL --name NAME [--currency RWF] [--time-zone Africa/Kigali] [--day-starts-at H]',
    run: (args, io) => {
      const { hq, name, currency, 'time-zone': timeZone, 'day-starts-at': dayStarts } = parse<{ hq?: string; name?: string; currency?: string; 'time-zone'?: string; 'day-starts-at'?: string }>(
        args,
        ['hq', 'name', 'currency', 'time-zone', 'day-starts-at'],
      );
      if (!name) throw new UsageError('cli.hq.nameTill');
      if (dayStarts !== undefined && !/^\d{1,2}$/.test(dayStarts)) throw new UsageError('cli.hq.dayStartsAt', { value: dayStarts });
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        const till = await addTill(client, url, name, {
          ...(currency !== undefined ? { currency } : {}),
          ...(timeZone !== undefined ? { timeZone } : {}),
          ...(dayStarts !== undefined ? { dayStartsAtHour: Number(dayStarts) } : {}),
        });
        const t = say(io);
        io.out(t('cli.hq.addTill.added', { till: forTerminal(till.name), role: till.role, variable: HQ_URL_VARIABLE }));
        io.out(till.url);
        const days = { zone: till.timeZone ?? 'UTC', hour: `${String(till.dayStartsAtHour ?? 0).padStart(2, '0')}:00` };
        io.out(currency === undefined ? t('cli.hq.addTill.daysCurrencyLater', days) : t('cli.hq.addTill.days', { ...days, currency }));
        return EXIT.ok;
      });
    },
  },
  {
    name: 'report',
    summary: 'cli.hq.report.summary',
    usage: 'report --hq URL [--date YYYY-MM-DD]',
    run: (args, io) => {
      const { hq, date } = parse<{ hq?: string; date?: string }>(args, ['hq', 'date']);
      if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError('cli.usage.date', { value: date });
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        const day = await readHeadOfficeDay(client, date ?? new Date().toISOString().slice(0, 10));
        const language = shellLanguage(io.env);
        const t = sayIn(language);
        io.out(t('cli.hq.report.title', { day: day.day, count: day.tills.length }));
        io.out('');
        const header = { till: t('cli.hq.report.till'), device: t('cli.hq.report.device'), last: t('cli.hq.report.lastPush'), net: t('cli.hq.report.net'), chain: t('cli.hq.report.chain') };
        const width = Math.max(header.till.length, ...day.tills.map((till) => forTerminal(till.name).length));
        const lastWidth = Math.max(19, header.last.length);
        io.out(`${header.till.padEnd(width)}  ${header.device.padEnd(8)}  ${header.last.padEnd(lastWidth)}  ${header.net.padStart(14)}  ${header.chain}`);
        for (const till of day.tills) {
          const net = till.totals.map((total) => money(total.netMinor, total.currency)).join(' + ') || '—';
          const last = till.lastPushAt ? clock(till.lastPushAt) : t('cli.hq.never');
          const alarms = day.alarms.filter((alarm) => alarm.tillId === till.tillId).length;
          const state = till.retiredAt
            ? t('cli.hq.report.retired')
            : till.revokedAt
              ? t('cli.hq.report.revoked')
              : till.chain.state === 'ok' && alarms > 0
                ? t('cli.hq.report.alarms', { count: alarms })
                : chainWords(till.chain, language);
          io.out(`${forTerminal(till.name).padEnd(width)}  ${forTerminal(till.deviceId ?? '—').padEnd(8)}  ${last.padEnd(lastWidth)}  ${net.padStart(14)}  ${state}`);
        }
        const fiscalTills = day.tills.filter((till) => till.fiscal);
        if (fiscalTills.length > 0) {
          io.out('');
          io.out(t('cli.hq.report.fiscal', { day: day.day }));
          for (const till of fiscalTills) io.out(`${forTerminal(till.name).padEnd(width)}  ${fiscalLine(till.fiscal!, language)}`);
        }
        io.out('');
        if (day.totals.length === 0) io.out(t('cli.hq.report.nothing', { day: day.day }));
        for (const totals of day.totals) {
          io.out(t('cli.hq.report.totals', { currency: totals.currency }));
          for (const line of totalsLines(totals, language)) io.out(line);
        }
        if (day.alarms.length > 0) {
          io.out('');
          io.out(t('cli.hq.report.openAlarms', { count: day.alarms.length }));
          for (const alarm of day.alarms) io.out(alarmLine(alarm, language));
        }
        return day.alarms.length > 0 || day.tills.some((till) => till.chain.state === 'fork') ? EXIT.failed : EXIT.ok;
      });
    },
  },
  {
    name: 'web',
    summary: 'cli.hq.web.summary',
    usage: 'web --hq URL [--port N]',
    async run(args, io) {
      const { hq, port } = parse<{ hq?: string; port?: string }>(args, ['hq', 'port']);
      if (port !== undefined && !/^\d{1,5}$/.test(port)) throw new UsageError('cli.hq.port', { value: port });
      const url = headOfficeUrlOf(hq, io);
      const server = await startHeadOfficeWeb({ url, ...(port ? { port: Number(port) } : {}), log: io.err });
      io.out(say(io)('cli.hq.web.open', { where: describeUrl(url), address: server.openUrl }));
      io.out(say(io)('cli.hq.web.token'));
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
    summary: 'cli.hq.tills.summary',
    usage: 'tills --hq URL',
    run: (args, io) => {
      const { hq } = parse<{ hq?: string }>(args, ['hq']);
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        const tills = await listTills(client);
        const t = say(io);
        if (tills.length === 0) io.out(t('cli.hq.tills.none'));
        const when = (iso: string | null) => (iso ? clock(iso) : t('cli.hq.never'));
        const fiscal = await readTillsFiscal(client, new Date().toISOString().slice(0, 10));
        for (const till of tills) {
          const state = till.retiredAt ? t('cli.hq.tills.retired', { when: when(till.retiredAt) }) : till.revokedAt ? t('cli.hq.tills.revoked', { when: when(till.revokedAt) }) : t('cli.hq.tills.live');
          const f = fiscal.get(till.id);
          // Tax receipts (EBM): what waits for the device now, and the last one signed; tills without a fiscal device say nothing.
          const tax = !f
            ? ''
            : `  ${f.pending > 0 ? t('cli.hq.tills.ebmWaitingSince', { count: f.pending, since: forTerminal(when(f.oldestPendingAt)) }) : t('cli.hq.tills.ebmWaiting', { count: f.pending })}, ${t('cli.hq.fiscal.lastSigned', { when: forTerminal(when(f.lastSignedAt)) })}`;
          io.out(
            t('cli.hq.tills.line', {
              till: forTerminal(till.name),
              role: till.role,
              device: till.deviceId === null ? t('cli.hq.tills.notBound') : forTerminal(till.deviceId),
              currency: till.currency ?? '—',
              zone: till.timeZone,
              first: when(till.firstPushAt),
              last: when(till.lastPushAt),
              seq: String(till.headSeq),
              alarms: till.openAlarms,
              state,
            }) + tax,
          );
        }
        return tills.some((till) => till.openAlarms > 0) ? EXIT.failed : EXIT.ok;
      });
    },
  },
  {
    name: 'revoke-till',
    summary: 'cli.hq.revokeTill.summary',
    usage: 'revoke-till --hq URL --name NAME',
    run: (args, io) => {
      const { hq, name } = parse<{ hq?: string; name?: string }>(args, ['hq', 'name']);
      if (!name) throw new UsageError('cli.hq.nameTill');
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        const { role } = await revokeTill(client, name);
        io.out(say(io)('cli.hq.revokeTill.done', { till: forTerminal(name), role }));
        return EXIT.ok;
      });
    },
  },
  {
    name: 'rotate-till',
    summary: 'cli.hq.rotateTill.summary',
    usage: 'rotate-till --hq URL --name NAME',
    run: (args, io) => {
      const { hq, name } = parse<{ hq?: string; name?: string }>(args, ['hq', 'name']);
      if (!name) throw new UsageError('cli.hq.nameTill');
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        const till = await rotateTill(client, url, name);
        io.out(say(io)('cli.hq.rotateTill.done', { till: forTerminal(till.name) }));
        io.out(till.url);
        return EXIT.ok;
      });
    },
  },
  {
    name: 'unbind-till',
    summary: 'cli.hq.unbindTill.summary',
    usage: 'unbind-till --hq URL --name NAME',
    run: (args, io) => {
      const { hq, name } = parse<{ hq?: string; name?: string }>(args, ['hq', 'name']);
      if (!name) throw new UsageError('cli.hq.nameTill');
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        await unbindTill(client, name);
        io.out(say(io)('cli.hq.unbindTill.done', { till: forTerminal(name) }));
        return EXIT.ok;
      });
    },
  },
  {
    name: 'set-till-zone',
    summary: 'cli.hq.setTillZone.summary',
    usage: 'set-till-zone --hq URL --name NAME --time-zone ZONE [--day-starts-at H]',
    run: (args, io) => {
      const { hq, name, 'time-zone': timeZone, 'day-starts-at': dayStarts } = parse<{ hq?: string; name?: string; 'time-zone'?: string; 'day-starts-at'?: string }>(args, [
        'hq',
        'name',
        'time-zone',
        'day-starts-at',
      ]);
      if (!name) throw new UsageError('cli.hq.nameTill');
      if (!timeZone) throw new UsageError('cli.hq.setTillZone.zone');
      if (dayStarts !== undefined && !/^\d{1,2}$/.test(dayStarts)) throw new UsageError('cli.hq.dayStartsAt', { value: dayStarts });
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        await setTillZone(client, name, timeZone, dayStarts === undefined ? undefined : Number(dayStarts));
        io.out(
          dayStarts === undefined
            ? say(io)('cli.hq.setTillZone.done', { till: forTerminal(name), zone: timeZone })
            : say(io)('cli.hq.setTillZone.doneFrom', { till: forTerminal(name), zone: timeZone, hour: `${dayStarts.padStart(2, '0')}:00` }),
        );
        return EXIT.ok;
      });
    },
  },
  {
    name: 'close-alarm',
    summary: 'cli.hq.closeAlarm.summary',
    usage: 'close-alarm --hq URL --id N --note TEXT',
    run: (args, io) => {
      const { hq, id, note } = parse<{ hq?: string; id?: string; note?: string }>(args, ['hq', 'id', 'note']);
      if (!id || !/^\d{1,15}$/.test(id)) throw new UsageError('cli.hq.closeAlarm.id');
      if (!note) throw new UsageError('cli.hq.closeAlarm.note');
      const url = headOfficeUrlOf(hq, io);
      return withHeadOffice(url, io, async (client) => {
        await closeAlarm(client, Number(id), note);
        io.out(say(io)('cli.hq.closeAlarm.done', { id }));
        return EXIT.ok;
      });
    },
  },
  {
    name: 'serve',
    summary: 'cli.hq.serve.summary',
    usage: 'serve --hq URL [--host ADDRESS] [--port N] [--tls-cert FILE --tls-key FILE]',
    async run(args, io) {
      const options = parse<{ hq?: string; host?: string; port?: string; 'tls-cert'?: string; 'tls-key'?: string }>(args, ['hq', 'host', 'port', 'tls-cert', 'tls-key']);
      if (options.port !== undefined && !/^\d{1,5}$/.test(options.port)) throw new UsageError('cli.hq.port', { value: options.port });
      if (Boolean(options['tls-cert']) !== Boolean(options['tls-key'])) throw new UsageError('cli.hq.serve.tlsPair');
      const url = headOfficeUrlOf(options.hq, io);
      const server = await startCallbackServer({
        url,
        ...(options.host ? { host: options.host } : {}),
        ...(options.port ? { port: Number(options.port) } : {}),
        ...(options['tls-cert'] && options['tls-key'] ? { tls: { cert: fs.readFileSync(options['tls-cert']), key: fs.readFileSync(options['tls-key']) } } : {}),
        log: io.err,
      });
      io.out(say(io)('cli.hq.serve.listening', { where: describeUrl(url), address: `${server.origin}${CALLBACK_PATH}/<till key>/<reference>` }));
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await server.close();
      return EXIT.ok;
    },
  },
];

const hqLine = commandLine('hq', HQ_COMMANDS, 'cli.hq.footer');

export const hqUsage = (language?: Language): string => hqLine.usage(language);
export const runHq = (argv: string[], io: CommandIo): Promise<number> => hqLine.run(argv, io);

runWhenMain(import.meta.url, hqLine);
