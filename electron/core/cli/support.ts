/**
 * `pos support --out FILE [--data-dir D] [--training] [--date YYYY-MM-DD]
 * [--days N]`: the support bundle (one zip: versions, OS, the last days of
 * logs, the day's failed payments' transcripts, verify's verdict, head
 * office's last acknowledgement), redacted. Reads the ledger, never writes it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../data-dir';
import { buildSupportBundle, DEFAULT_LOG_DAYS, type SupportLedgerTools } from '../support';
import { EXIT, parseOptions, say, UsageError, type PosCommand } from './command';
import { openLedgerReadOnly } from './read-ledger';
import { verifyCommand } from './verify';

/** The read-only opener and `pos verify`, as the support bundle uses them (from the command line and from the app). */
export const SUPPORT_TOOLS: SupportLedgerTools = { openLedgerReadOnly, verify: verifyCommand };

function appVersion(): string {
  try {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export const supportCommand: PosCommand = {
  name: 'support',
  summary: 'cli.pos.support.summary',
  summaryParams: { days: DEFAULT_LOG_DAYS },
  usage: 'support --out FILE.zip [--data-dir D] [--training] [--date YYYY-MM-DD] [--days N]',
  async run(args, io) {
    const values = parseOptions(args, { out: { type: 'string' }, 'data-dir': { type: 'string' }, training: { type: 'boolean' }, date: { type: 'string' }, days: { type: 'string' } });
    if (!values.out) throw new UsageError('cli.support.out');
    if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError('cli.usage.date', { value: values.date });
    if (values.days !== undefined && !/^([1-9]|1[0-4])$/.test(values.days)) throw new UsageError('cli.support.days', { days: DEFAULT_LOG_DAYS });
    const bundle = await buildSupportBundle({
      dataDir: resolveDataDir(values['data-dir'], io.env),
      training: values.training ?? false,
      appVersion: appVersion(),
      tools: SUPPORT_TOOLS,
      ...(values.date ? { day: values.date } : {}),
      ...(values.days ? { logDays: Number(values.days) } : {}),
    });
    const out = path.resolve(values.out);
    writeFileSync(out, bundle.bytes, { mode: 0o600 });
    io.out(say(io)('cli.support.wrote', { file: out, kb: Math.ceil(bundle.bytes.length / 1024) }));
    for (const part of bundle.parts) io.out(`  ${part}`);
    return EXIT.ok;
  },
};
