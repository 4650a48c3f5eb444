/**
 * `pos verify [--data-dir D] [--training]`: walks the ledger's journal and
 * holds the tables against it, without changing the file.
 * Runs SQLite's full integrity check first: a damaged file is named as such,
 * with the newest good backup and the command that restores it.
 * Exit 0 when it holds, 1 naming the first broken entry (or the damage), 3 when
 * it cannot be checked (missing, unreadable, truncated, not a ledger), saying why.
 * Every line is said in the shell's language (`shellLanguage`: MOMO_POS_LANGUAGE, else LANG).
 */
import { compareWithHeadOffice } from '../headoffice';
import { sayIn, verifyLedger, type BrokenEntry } from '../ledger';
import { EXIT, parseOptions, type PosCommand } from './command';
import { headOfficeUrlOf } from './push';
import { describeLedgerFault } from '../../../shared/messages';
import { backupFacts, openLedgerReadOnly } from './read-ledger';
import { translate, type Language, shellLanguage } from '../../../shared/i18n';
import { noticeText } from '../../../shared/error-text';

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
    const language = shellLanguage(io.env);
    try {
      if (opened.readFromCopy) io.err(translate(language, 'verify.cli.readOnly', { file }));
      const result = verifyLedger(db, { integrityCheck: true });
      if (!result.ok && result.firstBroken.kind === 'sqlite') {
        // The full integrity check failed: damage, not tampering. Say so, and how to get back to a good copy.
        const detail = String(result.firstBroken.whatText.params.detail);
        const text = describeLedgerFault({ cause: 'damaged', file, detail, ...backupFacts(opened.dataDir, values.training ?? false) }, language);
        io.out(translate(language, 'verify.cli.damaged', { sentence: text.sentence }));
        if (text.nextStep) io.out(text.nextStep);
        return EXIT.failed;
      }
      if (result.ok) {
        io.out(translate(language, 'verify.cli.ok', { count: result.entries, file }));
        if (values.hq === undefined) return EXIT.ok;
        // With head office: the local chain against head office's copy.
        const comparison = await compareWithHeadOffice(db, headOfficeUrlOf(values.hq, io));
        (comparison.status === 'same' ? io.out : io.err)(noticeText(comparison, language));
        return comparison.status === 'same' ? EXIT.ok : comparison.status === 'unreachable' ? EXIT.cannotRun : EXIT.failed;
      }
      const first = said(language, result.firstBroken);
      io.out(result.firstBroken.seq !== null && first.where ? translate(language, 'verify.cli.brokenAt', { where: first.where, what: first.what }) : translate(language, 'verify.cli.broken', { reason: first.reason }));
      const more = result.problems.slice(1);
      if (more.length > 0) {
        io.out(more.length > MORE_SHOWN ? translate(language, 'verify.cli.moreShown', { count: more.length, shown: MORE_SHOWN }) : translate(language, 'verify.cli.more', { count: more.length }));
        for (const problem of more.slice(0, MORE_SHOWN)) io.out(`  - ${said(language, problem).reason}`);
      }
      io.out(translate(language, 'verify.cli.entries', { file, count: result.entries }));
      return EXIT.failed;
    } finally {
      db.close();
    }
  },
};

/** A problem in a language: the entry at fault ('' when none), what is wrong, and both as one sentence. */
export function said(language: Language, problem: BrokenEntry): { where: string; what: string; reason: string } {
  const what = sayIn(language, problem.whatText);
  const where = problem.whereText ? sayIn(language, problem.whereText) : '';
  return { where, what, reason: where ? translate(language, 'verify.reason', { where, what }) : what };
}
