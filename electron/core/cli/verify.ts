/**
 * `pos verify [--data-dir D] [--training]`: walks the ledger's journal and
 * holds the tables against it, without changing the file.
 * Runs SQLite's full integrity check first: a damaged file is named as such,
 * with the newest good backup and the command that restores it.
 * Exit 0 when it holds, 1 naming the first broken entry (or the damage), 3 when
 * it cannot be checked (missing, unreadable, truncated, not a ledger), saying why.
 */
import { compareWithHeadOffice } from '../headoffice';
import { verifyLedger } from '../ledger';
import { EXIT, parseOptions, UsageError, type PosCommand } from './command';
import { headOfficeUrlOf } from './push';
import { describeLedgerFault } from '../../../shared/messages';
import { backupFacts, cliLanguage, openLedgerReadOnly } from './read-ledger';

/** Problems listed after the first one, at most. */
const MORE_SHOWN = 10;

export const verifyCommand: PosCommand = {
  name: 'verify',
  summary: 'cli.pos.verify.summary',
  usage: 'verify [--data-dir D] [--training] [--hq URL]',
  async run(args, io) {
    const values = parseOptions(args, { 'data-dir': { type: 'string' }, training: { type: 'boolean' }, hq: { type: 'string' } });
    const opened = openLedgerReadOnly({ ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}), training: values.training ?? false, acceptOlder: true }, io);
    if (typeof opened === 'number') return opened;
    const { db, file } = opened;
    try {
      if (opened.readFromCopy) io.err(`The data folder is read-only: ${file} was checked from a copy made first (nothing was written beside it).`);
      const result = verifyLedger(db, { integrityCheck: true });
      if (!result.ok && result.firstBroken.kind === 'sqlite') {
        // The full integrity check failed: damage, not tampering. Say so, and how to get back to a good copy.
        const text = describeLedgerFault({ cause: 'damaged', file, detail: result.firstBroken.what.replace(/^the file is damaged \((.*)\)$/, '$1'), ...backupFacts(opened.dataDir, values.training ?? false) }, cliLanguage(io.env));
        io.out(`Ledger DAMAGED: ${text.sentence}`);
        if (text.nextStep) io.out(text.nextStep);
        return EXIT.failed;
      }
      if (result.ok) {
        io.out(`Ledger OK: ${result.entries} entries (${file})`);
        if (values.hq === undefined) return EXIT.ok;
        // With head office: the local chain against head office's copy.
        const comparison = await compareWithHeadOffice(db, headOfficeUrlOf(values.hq, io));
        (comparison.status === 'same' ? io.out : io.err)(comparison.message);
        return comparison.status === 'same' ? EXIT.ok : comparison.status === 'unreachable' ? EXIT.cannotRun : EXIT.failed;
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
