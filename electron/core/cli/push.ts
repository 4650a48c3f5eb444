/**
 * `pos push [--data-dir D] [--hq URL]`: sends the journal to head office
 * once. Exit 0 when head office acknowledges every entry, or when the till
 * has only a training ledger (practice sales never go to head office:
 * nothing to send); 1 on a fork, a refused entry or a ledger behind head
 * office (the sentence says which and names the seq); 2 when the data folder
 * holds no ledger at all; 3 when head office cannot be reached.
 */
import { shellLanguage } from '../../../shared/i18n';
import { existsSync } from 'node:fs';
import { settleDataDir } from '../data-dir';
import { HQ_URL_VARIABLE, headOfficeUrlFrom, keychainHeadOfficeStore, pushJournal } from '../headoffice';
import { loadKeytar } from '../secrets';
import { ledgerPath, openLedger } from '../ledger';
import { noticeText } from '../../../shared/error-text';
import { EXIT, parseOptions, say, UsageError, type CommandIo, type PosCommand } from './command';

export function headOfficeUrlOf(given: string | undefined, io: CommandIo): string {
  const url = given ?? io.env[HQ_URL_VARIABLE];
  if (!url) throw new UsageError('cli.push.where', { variable: HQ_URL_VARIABLE });
  return url;
}

/** The till's own address for head office: --hq, else the keychain (what Settings saved), else MOMO_POS_HQ_URL. */
async function tillHeadOfficeUrl(given: string | undefined, io: CommandIo): Promise<string> {
  if (given) return given;
  const found = await headOfficeUrlFrom(keychainHeadOfficeStore(await loadKeytar()), io.env).catch(() => undefined);
  return found?.url ?? headOfficeUrlOf(undefined, io);
}

export const pushCommand: PosCommand = {
  name: 'push',
  summary: 'cli.pos.push.summary',
  usage: 'push [--data-dir D] [--hq URL]',
  async run(args, io) {
    const values = parseOptions(args, { 'data-dir': { type: 'string' }, hq: { type: 'string' } });
    const dataDir = settleDataDir(values['data-dir'], io.env, io.err);
    if (!existsSync(ledgerPath(dataDir, false))) {
      if (existsSync(ledgerPath(dataDir, true))) {
        io.out(say(io)('cli.push.trainingOnly', { file: ledgerPath(dataDir, true) }));
        return EXIT.ok;
      }
      io.err(say(io)('cli.push.noLedger', { folder: dataDir }));
      return EXIT.usage;
    }
    const url = await tillHeadOfficeUrl(values.hq, io);
    const ledger = openLedger({ dataDir, training: false, log: io.err });
    try {
      const outcome = await pushJournal(ledger, url);
      if (outcome.status === 'ok' && outcome.waiting === 0) {
        const ack = outcome.ack;
        io.out(ack ? say(io)('cli.push.done', { seq: ack.seq, hash: ack.hash.slice(0, 12), received: ack.receivedAt, count: outcome.sent }) : say(io)('cli.push.empty'));
        return EXIT.ok;
      }
      io.err(noticeText(outcome, shellLanguage(io.env)));
      return outcome.status === 'unreachable' ? EXIT.cannotRun : EXIT.failed;
    } finally {
      ledger.close();
    }
  },
};
