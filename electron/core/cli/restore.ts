/**
 * `pos restore --from FILE [--data-dir D] [--training]`: puts a backup in
 * place of the ledger, with the app closed. The backup must pass SQLite's
 * integrity check and the journal's verify first; the ledger it replaces
 * (often a damaged one) is kept beside it under a new name. Nothing is deleted.
 * Exit 0 restored, 1 refused (the backup is not fit), 2 usage, 3 cannot run.
 */
import { shellLanguage } from '../../../shared/i18n';
import { PosError } from '../../../shared/errors';
import { resolveDataDir } from '../data-dir';
import { BackupDoesNotVerify, restoreLedger } from '../ledger';
import { said } from './verify';
import { EXIT, parseOptions, say, UsageError, type PosCommand } from './command';
import { noticeText } from '../../../shared/error-text';

export const restoreCommand: PosCommand = {
  name: 'restore',
  summary: 'cli.pos.restore.summary',
  usage: 'restore --from FILE [--data-dir D] [--training]',
  run(args, io) {
    const values = parseOptions(args, { from: { type: 'string' }, 'data-dir': { type: 'string' }, training: { type: 'boolean' } });
    if (values.from === undefined || values.from.trim() === '') throw new UsageError('cli.restore.from');
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const t = say(io);
    try {
      const result = restoreLedger(values.from, { dataDir, training: values.training ?? false });
      io.out(t('cli.restore.done', { file: result.restoredFrom }));
      if (result.previousKeptAt) io.out(t('cli.restore.keptOld', { file: result.previousKeptAt }));
      return EXIT.ok;
    } catch (error) {
      if (error instanceof BackupDoesNotVerify) {
        // verify's finding, said in the shell's language (the error's own sentence carries it in English).
        io.err(t('cli.restore.refused', { why: t('cli.restore.doesNotVerify', { finding: said(shellLanguage(io.env), error.finding).reason }) }));
        return EXIT.failed;
      }
      if (error instanceof PosError && error.code !== 'INTERNAL') {
        io.err(t('cli.restore.refused', { why: noticeText(error, shellLanguage(io.env)) }));
        return EXIT.failed;
      }
      throw error;
    }
  },
};
