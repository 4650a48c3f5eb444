/**
 * `pos verify [--data-dir D] [--training]`: walks the ledger's journal and
 * holds the tables against it, without changing the file.
 * Exit 0 when it holds, 1 naming the first broken entry, 3 when it cannot be checked.
 */
import { parseArgs } from 'node:util';
import { verifyLedger } from '../ledger';
import { EXIT, UsageError, type PosCommand } from './commands';
import { openLedgerReadOnly } from './read-ledger';

/** Problems listed after the first one, at most. */
const MORE_SHOWN = 10;

export const verifyCommand: PosCommand = {
  name: 'verify',
  summary: 'check the ledger has not been changed behind the app’s back',
  usage: 'verify [--data-dir D] [--training]',
  run(args, io) {
    let values: { 'data-dir'?: string; training?: boolean };
    try {
      ({ values } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, training: { type: 'boolean' } }, allowPositionals: false, strict: true }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const opened = openLedgerReadOnly({ ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}), training: values.training ?? false, acceptOlder: true }, io);
    if (typeof opened === 'number') return opened;
    const { db, file } = opened;
    try {
      const result = verifyLedger(db, { integrityCheck: true });
      if (result.ok) {
        io.out(`Ledger OK: ${result.entries} entries (${file})`);
        return EXIT.ok;
      }
      const first = result.firstBroken;
      io.out(first.seq !== null && first.where ? `Ledger BROKEN at ${first.where}: ${first.what}` : `Ledger BROKEN: ${first.reason}`);
      const more = result.problems.slice(1);
      if (more.length > 0) {
        io.out(`${more.length} more problem${more.length === 1 ? '' : 's'}${more.length > MORE_SHOWN ? ` (first ${MORE_SHOWN})` : ''}:`);
        for (const problem of more.slice(0, MORE_SHOWN)) io.out(`  - ${problem.reason}`);
      }
      io.out(`(${file}, ${result.entries} journal entries)`);
      return EXIT.failed;
    } finally {
      db.close();
    }
  },
};
