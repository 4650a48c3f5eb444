/**
 * The support bundle: one zip a merchant sends support, with what a support
 * agent asks first on the phone: the app and schema versions, the OS, the
 * last days of logs, the transcripts of the day's payments that ended badly,
 * `pos verify`'s verdict and head office's last acknowledgement. Every part
 * is redacted by the transcript's rules (masked phone numbers; no key, token
 * or password) before it goes in. Each part is read on its own: one that
 * cannot be read says why, and the others still go in.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Language } from '../../../shared/i18n/languages';
import { businessDayOf, LATEST_SCHEMA_VERSION, ledgerPath, schemaVersionOfFile, supportReader } from '../ledger';
import type Database from 'better-sqlite3';
import { redactText } from '../momo';
import type { Settings } from '../settings';
import { paymentTranscript } from '../payments';
import { recentLogs } from './logs';

export interface SupportBundleInput {
  dataDir: string;
  training: boolean;
  appVersion: string;
  /** The business day whose failed payments are included (default: today). */
  day?: string;
  /** Days of logs (default 3: today and the two before). */
  logDays?: number;
  /** Secret values to scrub on top of the patterns (the live keys). */
  secrets?: readonly string[];
  language?: Language;
  now?: () => Date;
  /** The command line's read-only opener and `pos verify`, passed in by the caller (the command line and the app sit above this room). */
  tools: SupportLedgerTools;
}

interface ToolIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

/** What the bundle needs from the command line, by shape (so this room does not import the one above it). */
export interface SupportLedgerTools {
  openLedgerReadOnly(
    options: { dataDir?: string; training: boolean; acceptOlder?: boolean },
    io: ToolIo,
  ): number | { db: Database.Database; deviceId: string; settings: Settings; close(): void };
  verify: { run(args: string[], io: ToolIo): number | Promise<number> };
}

export interface SupportBundle {
  fileName: string;
  bytes: Uint8Array;
  /** The files inside, in order. */
  parts: string[];
}

export const DEFAULT_LOG_DAYS = 3;

/** The parts every bundle has (logs and transcripts come as many as there are). */
export const BUNDLE_PARTS = { readme: 'README.txt', about: 'about.txt', verify: 'verify.txt', headOffice: 'head-office.txt', transcripts: 'transcripts/', logs: 'logs/' } as const;

const stamp = (date: Date) => date.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

export async function buildSupportBundle(input: SupportBundleInput): Promise<SupportBundle> {
  const { openLedgerReadOnly, verify: verifyCommand } = input.tools;
  const now = input.now?.() ?? new Date();
  const secrets = input.secrets ?? [];
  const files: Array<[string, string]> = [];
  const notes: string[] = [];
  const add = (name: string, text: string) => files.push([name, text]);
  const attempt = (what: string, read: () => void) => {
    try {
      read();
    } catch (error) {
      notes.push(`${what}: could not be read (${error instanceof Error ? error.message : String(error)})`);
    }
  };

  const file = ledgerPath(input.dataDir, input.training);
  const quiet = { out: () => {}, err: (line: string) => notes.push(line), env: {} };
  const opened = openLedgerReadOnly({ dataDir: input.dataDir, training: input.training, acceptOlder: true }, quiet);
  const ledger = typeof opened === 'number' ? undefined : opened;
  const deviceId = ledger?.deviceId || 'unknown';
  const day = input.day ?? businessDayOf(now, ledger?.settings.dayStartsAtHour ?? 0);
  try {
    // What the agent asks first: which app, which schema, which machine.
    attempt('about', () => {
      // The open ledger's own word (the file header lags behind the WAL while the app runs).
      const fileVersion = ledger ? (ledger.db.pragma('user_version', { simple: true }) as number) : existsSync(file) ? schemaVersionOfFile(file) : 'no ledger file';
      const settings = ledger?.settings;
      add(BUNDLE_PARTS.about, [
        `MoMo POS ${input.appVersion}`,
        `Mode: ${input.training ? 'training (the built-in simulator: nothing went to MTN)' : 'live'}`,
        `Ledger schema: ${fileVersion === 'not-sqlite' ? 'not a ledger' : fileVersion} (this app writes ${LATEST_SCHEMA_VERSION}); ${input.training ? 'training' : 'live'} ledger`,
        `Till (device id): ${deviceId}`,
        ...(settings ? [`Market: ${settings.targetEnvironment}, ${settings.currency}; MoMo at ${settings.baseUrl}`, `Business day starts at ${settings.dayStartsAtHour}:00; language ${settings.language}`] : []),
        `OS: ${os.type()} ${os.release()} (${process.platform} ${os.arch()})`,
        `Node ${process.versions.node}${process.versions.electron ? `, Electron ${process.versions.electron}` : ''}`,
        `Time zone: ${Intl.DateTimeFormat().resolvedOptions().timeZone}; made ${now.toISOString()}`,
        `Data folder: ${input.dataDir}`,
        '',
      ].join('\n'));
    });

    // pos verify's own verdict, as the command line prints it.
    const said: string[] = [];
    const io = { out: (line: string) => said.push(line), err: (line: string) => said.push(line), env: {} };
    const exit = await verifyCommand.run(['--data-dir', input.dataDir, ...(input.training ? ['--training'] : [])], io);
    add(BUNDLE_PARTS.verify, [`$ npm run pos -- verify${input.training ? ' --training' : ''}`, ...said, `(exit ${exit}: ${['the ledger holds', 'the ledger is broken', 'usage', 'could not be checked'][exit] ?? 'unknown'})`, ''].join('\n'));

    if (!ledger) {
      const why = `The ledger could not be opened: ${notes[0] ?? 'see README.txt'}\n`;
      add(BUNDLE_PARTS.headOffice, why);
      add(`${BUNDLE_PARTS.transcripts}none.txt`, why);
    } else {
      const reader = supportReader(ledger.db, deviceId, input.training);
      attempt('head office', () => {
        const ack = reader.headOfficeAck();
        const head = reader.journalHead();
        const alarm = reader.headOfficeAlarm();
        add(BUNDLE_PARTS.headOffice, [
          ack
            ? `Last acknowledgement: seq ${ack.seq}, hash ${ack.hash}, received by head office ${ack.receivedAt}, recorded here ${ack.recordedAt}`
            : input.training
              ? 'Training ledgers never go to head office.'
              : 'Head office has acknowledged nothing yet (not connected, or never reached).',
          `Journal here: ${head ? `seq ${head.seq}, hash ${head.hash}` : 'empty'}; entries head office does not hold yet: ${(head?.seq ?? 0) - (ack?.seq ?? 0)}`,
          alarm ? `Alarm: ${alarm.kind} at seq ${alarm.seq} (${alarm.at}): ${alarm.detail}` : 'No alarm from head office.',
          '',
        ].join('\n'));
      });
      attempt('transcripts', () => {
        const payments = reader.paymentsEndedBadly(day);
        if (payments.length === 0) add(`${BUNDLE_PARTS.transcripts}none.txt`, `No payment ended badly on ${day}.\n`);
        for (const payment of payments) {
          const sale = reader.getSale(payment.saleId);
          const text = paymentTranscript(reader, payment.id, {
            merchantName: ledger.settings.merchantName,
            secrets: [...secrets],
            generatedAt: now.toISOString(),
            training: input.training,
            language: input.language ?? ledger.settings.language,
          });
          add(`${BUNDLE_PARTS.transcripts}${sale?.receiptNumber ?? payment.externalId}-${payment.attempt}-${payment.status}.txt`, text);
        }
      });
    }
  } finally {
    ledger?.close();
  }

  attempt('logs', () => {
    const logs = recentLogs(input.dataDir, input.logDays ?? DEFAULT_LOG_DAYS, now);
    if (logs.length === 0) add(`${BUNDLE_PARTS.logs}none.txt`, 'No log file in the data folder for these days.\n');
    for (const log of logs) add(`${BUNDLE_PARTS.logs}${log.name}`, log.text);
  });

  const folder = `momo-pos-support-${deviceId}-${stamp(now)}`;
  const readme = [
    `MoMo POS support bundle — till ${deviceId}, ${now.toISOString()}${input.training ? ' — TRAINING: nothing in it went to MTN' : ''}`,
    '',
    `${BUNDLE_PARTS.about}        app and ledger schema versions, the OS, the market`,
    `${BUNDLE_PARTS.verify}       what \`npm run pos -- verify\` says about the ledger`,
    `${BUNDLE_PARTS.headOffice}  head office's last acknowledgement and any alarm`,
    `${BUNDLE_PARTS.transcripts}     the support transcript of each payment of ${day} that ended badly (send one to MTN)`,
    `${BUNDLE_PARTS.logs}            the app's log, the last ${input.logDays ?? DEFAULT_LOG_DAYS} days`,
    '',
    'Phone numbers are masked (2507******56); keys, tokens and passwords are replaced by <…-redacted>.',
    ...(notes.length ? ['', 'Not everything could be read:', ...notes.map((note) => `  - ${note}`)] : []),
    '',
  ].join('\n');
  const entries: Array<[string, string]> = [[BUNDLE_PARTS.readme, readme], ...files];
  const zippable: Zippable = {};
  // The user's home folder names them: shown as ~.
  for (const [name, text] of entries) zippable[`${folder}/${name}`] = strToU8(redactText(text, secrets).split(os.homedir()).join('~'));
  const bytes = zipSync(zippable, { level: 6, mtime: now });
  return { fileName: `${folder}.zip`, bytes, parts: entries.map(([name]) => name) };
}
