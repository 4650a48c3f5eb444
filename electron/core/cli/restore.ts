/**
 * `pos restore --from FILE [--data-dir D] [--training]`: puts a backup in
 * place of the ledger, with the app closed. The backup must pass SQLite's
 * integrity check and the journal's verify first; the ledger it replaces
 * (often a damaged one) is kept beside it under a new name. Nothing is deleted.
 * Exit 0 restored, 1 refused (the backup is not fit), 2 usage, 3 cannot run.
 */
import { PosError } from '../../../shared/errors';
import { resolveDataDir } from '../data-dir';
import { restoreLedger } from '../ledger';
import { EXIT, parseOptions, UsageError, type PosCommand } from './command';

export const restoreCommand: PosCommand = {
  name: 'restore',
  summary: 'put a checked backup in place of the ledger (close the app first); the old file is kept',
  usage: 'restore --from FILE [--data-dir D] [--training]',
  run(args, io) {
    const values = parseOptions(args, { from: { type: 'string' }, 'data-dir': { type: 'string' }, training: { type: 'boolean' } });
    if (values.from === undefined || values.from.trim() === '') throw new UsageError('Say which backup to restore: --from FILE.');
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    try {
      const result = restoreLedger(values.from, { dataDir, training: values.training ?? false });
      io.out(`Restored the ledger from ${result.restoredFrom}: it passed the integrity check and its journal verifies.`);
      if (result.previousKeptAt) io.out(`The ledger it replaced was kept as ${result.previousKeptAt}.`);
      return EXIT.ok;
    } catch (error) {
      if (error instanceof PosError && error.code !== 'INTERNAL') {
        io.err(`Not restored: ${error.message} The ledger was left as it was.`);
        return EXIT.failed;
      }
      throw error;
    }
  },
};
