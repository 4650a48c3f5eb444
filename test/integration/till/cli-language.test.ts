/**
 * The command lines speak the shell's language: `LANG=fr_RW.UTF-8 npm run pos`
 * answers in French, `MOMO_POS_LANGUAGE=rw` in Kinyarwanda, anything else in
 * English. Real `pos` processes over real ledger files; `hq` in process
 * against a closed port (a real refused connection).
 */
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHq, HQ_COMMANDS } from '../../../electron/core/cli/hq';
import { COMMANDS } from '../../../electron/core/cli/commands';
import { usage } from '../../../electron/core/cli/pos';
import type { CommandIo } from '../../../electron/core/cli/command';
import { translate } from '../../../shared/i18n';
import { startBrowserMode } from '../../helpers/browser-mode';
import { momoSale, openTestLedger, pos, removeTempDirs, settle, tempDataDir } from '../../helpers/ledger';

afterAll(removeTempDirs);

const FRENCH = { LANG: 'fr_RW.UTF-8' };
const KINYARWANDA = { MOMO_POS_LANGUAGE: 'rw', LANG: 'en_US.UTF-8' };

/** Every English summary of both command lines: none may be left in another language's usage text. */
const ENGLISH_SUMMARIES = [...COMMANDS, ...HQ_COMMANDS].map((command) => translate('en', command.summary, command.summaryParams));

function capture(env: NodeJS.ProcessEnv): CommandIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line), env };
}

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('the command line in the shell’s language', () => {
  it('LANG=fr_RW.UTF-8: the usage text is French, every command summarised in French; the same run in English otherwise', () => {
    const french = pos([], FRENCH);
    expect(french.status).toBe(2);
    expect(french.stderr).toContain('Utilisation : npm run pos -- <command> [options]');
    expect(french.stderr).toContain('Commandes :');
    expect(french.stderr).toContain('vérifier que le registre n’a pas été modifié');
    for (const summary of ENGLISH_SUMMARIES) expect(french.stderr).not.toContain(summary);
    // The syntax is the same in every language: options are code.
    expect(french.stderr).toContain('verify [--data-dir D] [--training] [--hq URL]');
    const english = pos([]);
    expect(english.stderr).toBe(`${usage('en')}\n`);
    expect(french.stderr).toBe(`${usage('fr')}\n`);
  });

  it('usage mistakes in French and Kinyarwanda, with the same exit code 2', () => {
    const option = pos(['verify', '--data-dri', '/tmp'], FRENCH);
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('Option inconnue « --data-dri ».');
    expect(option.stderr).toContain('Utilisation : npm run pos -- verify');
    const value = pos(['export', '--from', '--to', '2025-03-01'], KINYARWANDA);
    expect(value.status).toBe(2);
    expect(value.stderr).toContain('Ihitamo --from rikeneye agaciro.');
    const day = pos(['report', '--date', 'yesterday'], KINYARWANDA);
    expect(day.status).toBe(2);
    expect(day.stderr).toContain('--date ifata umunsi nka 2025-03-10, si “yesterday”.');
    const unknown = pos(['frobnicate'], FRENCH);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Commande inconnue « frobnicate ».');
  });

  it('a real ledger: export and a missing ledger say it in French; nothing is written to the ledger', () => {
    const dataDir = tempDataDir('cli-fr');
    const ledger = openTestLedger({ dataDir });
    settle(ledger, momoSale(ledger).payment.id);
    settle(ledger, momoSale(ledger).payment.id);
    ledger.close();
    const day = new Date().toISOString().slice(0, 10);
    const out = path.join(dataDir, 'ventes.csv');
    const exported = pos(['export', '--from', '2000-01-01', '--to', '2100-01-01', '--out', out, '--data-dir', dataDir], FRENCH);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain(`2 ventes écrites (2000-01-01 au 2100-01-01) dans ${out}`);
    const missing = pos(['report', '--date', day, '--data-dir', tempDataDir('empty')], FRENCH);
    expect(missing.status).toBe(3);
    expect(missing.stderr).toContain('Il n’y a pas de journal des ventes');
    const training = pos(['push', '--data-dir', (() => {
      const only = tempDataDir('training-only');
      openTestLedger({ dataDir: only, training: true }).close();
      return only;
    })()], KINYARWANDA);
    expect(training.status).toBe(0);
    expect(training.stdout).toContain('Nta cyo kohereza: iyi kesi ifite igitabo cy’imyitozo gusa');
  });

  it('hq: a usage mistake and an unreachable head office, in French; the URL’s password never shows', async () => {
    const mistake = capture(FRENCH);
    expect(await runHq(['close-alarm', '--hq', 'postgres://owner@127.0.0.1/hq', '--id', 'twelve'], mistake)).toBe(2);
    expect(mistake.errors.join('\n')).toContain('Donnez le numéro de l’alarme tel que hq report l’affiche : --id 12.');
    const port = await closedPort();
    const away = capture(FRENCH);
    expect(await runHq(['init', '--hq', `postgres://owner:s3cret-pw@127.0.0.1:${port}/hq`], away)).toBe(3);
    const said = away.errors.join('\n');
    expect(said).toContain(`Le siège à postgres://owner@127.0.0.1:${port}/hq n’a pas pu être joint ou a répondu par une erreur`);
    expect(said).not.toContain('s3cret-pw');
  });

  it('browser mode’s terminal (`npm start`) in Kinyarwanda and French: the ready line still carries the address; a bad PORT is refused in French', async () => {
    const server = await startBrowserMode(KINYARWANDA);
    try {
      expect(server.output()).toContain(`MoMo POS (imyitozo) iriteguye: fungura ${server.openUrl}`);
    } finally {
      await server.stop();
    }
    const entry = path.resolve(import.meta.dirname, '../../../electron/core/app/web-entry.ts');
    const badPort = spawnSync(process.execPath, ['--import', 'tsx', entry], { encoding: 'utf8', env: { ...process.env, ...FRENCH, PORT: 'eighty', MOMO_POS_DATA_DIR: tempDataDir('web-fr') }, timeout: 60_000 });
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain('PORT doit être un numéro de port (0 pour n’importe quel port libre), pas "eighty".');
  }, 120_000);
});
