/**
 * `pos push [--data-dir D] [--hq URL]`: sends the journal to head office
 * once. Exit 0 when head office acknowledges every entry, or when the till
 * has only a training ledger (practice sales never go to head office:
 * nothing to send); 1 on a fork, a refused entry or a ledger behind head
 * office (the sentence says which and names the seq); 2 when the data folder
 * holds no ledger at all; 3 when head office cannot be reached.
 */
import { existsSync } from 'node:fs';
import { settleDataDir } from '../data-dir';
import { HQ_URL_VARIABLE, headOfficeUrlFrom, keychainHeadOfficeStore, pushJournal } from '../headoffice';
import { loadKeytar } from '../secrets';
import { ledgerPath, openLedger } from '../ledger';
import { EXIT, parseOptions, UsageError, type CommandIo, type PosCommand } from './command';

export function headOfficeUrlOf(given: string | undefined, io: CommandIo): string {
  const url = given ?? io.env[HQ_URL_VARIABLE];
  if (!url) throw new UsageError(`Say where head office is: --hq URL, or ${HQ_URL_VARIABLE} (the connection string \`npm run hq -- add-till\` printed).`);
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
  summary: 'send the journal to head office once (exit 0 when all is acknowledged); URL: --hq, the keychain or MOMO_POS_HQ_URL',
  usage: 'push [--data-dir D] [--hq URL]',
  async run(args, io) {
    const values = parseOptions(args, { 'data-dir': { type: 'string' }, hq: { type: 'string' } });
    const dataDir = settleDataDir(values['data-dir'], io.env, io.err);
    if (!existsSync(ledgerPath(dataDir, false))) {
      if (existsSync(ledgerPath(dataDir, true))) {
        io.out(`Nothing to push: this till has only a training ledger (${ledgerPath(dataDir, true)}), and practice sales never go to head office.`);
        return EXIT.ok;
      }
      io.err(`No ledger in ${dataDir}: say which data folder with --data-dir (or MOMO_POS_DATA_DIR).`);
      return EXIT.usage;
    }
    const url = await tillHeadOfficeUrl(values.hq, io);
    const ledger = openLedger({ dataDir, training: false, log: io.err });
    try {
      const outcome = await pushJournal(ledger, url);
      if (outcome.status === 'ok' && outcome.waiting === 0) {
        const ack = outcome.ack;
        io.out(ack ? `Head office holds the whole journal: up to seq ${ack.seq} (hash ${ack.hash.slice(0, 12)}, received ${ack.receivedAt}); ${outcome.sent} entries sent.` : 'The journal is empty: nothing to send.');
        return EXIT.ok;
      }
      io.err(outcome.message);
      return outcome.status === 'unreachable' ? EXIT.cannotRun : EXIT.failed;
    } finally {
      ledger.close();
    }
  },
};
