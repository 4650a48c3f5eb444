/**
 * `pos export --from YYYY-MM-DD --to YYYY-MM-DD --out file.csv [--data-dir D]
 * [--training]`: the accountant's CSV, one row per sale. Read-only on the ledger.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readSalesForExport } from '../ledger';
import { salesCsv } from '../till';
import { EXIT, parseOptions, say, UsageError, type PosCommand } from './command';
import { openLedgerReadOnly } from './read-ledger';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const exportCommand: PosCommand = {
  name: 'export',
  summary: 'cli.pos.export.summary',
  usage: 'export --from YYYY-MM-DD [--to YYYY-MM-DD] --out file.csv [--data-dir D] [--training]',
  run(args, io) {
    const values = parseOptions(args, { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, 'data-dir': { type: 'string' }, training: { type: 'boolean' } });
    const from = values.from;
    const to = values.to ?? from;
    if (!from || !DAY.test(from)) throw new UsageError('cli.export.from');
    if (!to || !DAY.test(to)) throw new UsageError('cli.export.to');
    if (from > to) throw new UsageError('cli.export.order');
    if (!values.out) throw new UsageError('cli.export.out');
    const opened = openLedgerReadOnly({ ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}), training: values.training ?? false }, io);
    if (typeof opened === 'number') return opened;
    try {
      const entries = readSalesForExport(opened.db, { fromDay: from, toDay: to });
      const out = path.resolve(values.out);
      writeFileSync(out, salesCsv(entries), { encoding: 'utf8', mode: 0o600 });
      io.out(say(io)('cli.export.wrote', { count: entries.length, from, to, file: out }));
      return EXIT.ok;
    } finally {
      opened.close();
    }
  },
};
