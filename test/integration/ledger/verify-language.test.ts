/**
 * `pos verify` as a real child process on real tampered ledger files, in the
 * shell's language: LANG=fr_RW.UTF-8 gives French, MOMO_POS_LANGUAGE=rw
 * Kinyarwanda (over LANG); the exit codes are the English ones.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../../electron/core/ledger';
import { canonicalJson } from '../../../electron/core/ledger/canonical-json';
import { entryHash } from '../../../electron/core/ledger/journal';
import { momoSale, openTestLedger, pos, removeTempDirs, settle, sqlite3, steppingClock, tempDataDir } from '../../helpers/ledger';

const ENGLISH = { LANG: 'en_US.UTF-8', MOMO_POS_LANGUAGE: undefined };
const FRENCH = { LANG: 'fr_RW.UTF-8', MOMO_POS_LANGUAGE: undefined };
const KINYARWANDA = { LANG: 'fr_RW.UTF-8', MOMO_POS_LANGUAGE: 'rw' };

let pristineDir: string;
let saleId = '';

beforeAll(() => {
  pristineDir = tempDataDir('verify-language');
  const l = openTestLedger({ dataDir: pristineDir });
  const paid = momoSale(l, 1000);
  settle(l, paid.payment.id, 'successful');
  saleId = paid.sale.id;
  l.createCashSale({ amountMinor: 700, currency: 'RWF' });
  l.close();
});
afterAll(removeTempDirs);

function copy(): { dataDir: string; file: string } {
  const dataDir = tempDataDir('verify-language-copy');
  const file = path.join(dataDir, 'ledger.sqlite');
  copyFileSync(path.join(pristineDir, 'ledger.sqlite'), file);
  return { dataDir, file };
}

function sql(file: string, text: string): void {
  const run = sqlite3(file, text);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}

/** `pos verify` in English, French and Kinyarwanda: the lines of each, and one exit code for all three. */
function verifyIn(dataDir: string): { en: string[]; fr: string[]; rw: string[]; status: number | null } {
  const [en, fr, rw] = [ENGLISH, FRENCH, KINYARWANDA].map((env) => pos(['verify', '--data-dir', dataDir], env));
  expect(fr!.status).toBe(en!.status);
  expect(rw!.status).toBe(en!.status);
  for (const run of [en!, fr!, rw!]) expect(run.stderr).toBe('');
  const lines = (text: string) => text.trimEnd().split('\n');
  return { en: lines(en!.stdout), fr: lines(fr!.stdout), rw: lines(rw!.stdout), status: en!.status };
}

describe('pos verify in the shell’s language', () => {
  it('a ledger that holds: exit 0 in each language', () => {
    const { dataDir, file } = copy();
    const said = verifyIn(dataDir);
    expect(said.status).toBe(0);
    expect(said.en).toEqual([`Ledger OK: 5 entries (${file})`]);
    expect(said.fr).toEqual([`Journal des ventes INTACT : 5 entrées (${file})`]);
    expect(said.rw).toEqual([`Igitabo cy’ibyagurishijwe NI KIZIMA: ibyanditswe 5 (${file})`]);
  });

  it('a changed sales row (its guard dropped first): the entry at fault, the field, the dropped guard; exit 1', () => {
    const { dataDir, file } = copy();
    sql(file, `DROP TRIGGER sales_fixed_columns; UPDATE sales SET amount_minor = 5000 WHERE id = '${saleId}';`);
    const said = verifyIn(dataDir);
    expect(said.status).toBe(1);
    expect(said.en).toEqual([
      'Ledger BROKEN at journal #1 (sale.created for receipt POS1-000001): sales row amount 5000 ≠ journaled 1000',
      '1 more problem:',
      '  - the guard trigger sales_fixed_columns is missing: it was dropped outside the app',
      `(${file}, 5 journal entries)`,
    ]);
    expect(said.fr).toEqual([
      'Journal des ventes ALTÉRÉ, entrée n° 1 du journal (sale.created, reçu POS1-000001) : ligne de sales, montant 5000 ≠ 1000 dans le journal',
      '1 autre problème :',
      '  - le déclencheur de protection sales_fixed_columns manque : il a été supprimé hors de l’application',
      `(${file}, 5 entrées du journal)`,
    ]);
    expect(said.rw).toEqual([
      'Igitabo cy’ibyagurishijwe CYAHINDUWE, icyanditswe #1 mu gitabo (sale.created, inyemezabwishyu POS1-000001): umurongo wa sales, amafaranga 5000 ≠ 1000 mu gitabo',
      'ikindi kibazo 1:',
      '  - trigger irinda sales_fixed_columns irabura: yasibwe hanze ya porogaramu',
      `(${file}, ibyanditswe 5 mu gitabo)`,
    ]);
  });

  it('a dropped guard alone (no entry at fault) and a deleted sale with it: the count of further problems in each language', () => {
    const { dataDir, file } = copy();
    sql(file, 'DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;');
    const alone = verifyIn(dataDir);
    expect(alone.status).toBe(1);
    expect(alone.en.slice(0, 2)).toEqual(['Ledger BROKEN: the guard trigger journal_no_update is missing: it was dropped outside the app', '1 more problem:']);
    expect(alone.fr.slice(0, 2)).toEqual(['Journal des ventes ALTÉRÉ : le déclencheur de protection journal_no_update manque : il a été supprimé hors de l’application', '1 autre problème :']);
    expect(alone.rw.slice(0, 2)).toEqual(['Igitabo cy’ibyagurishijwe CYAHINDUWE: trigger irinda journal_no_update irabura: yasibwe hanze ya porogaramu', 'ikindi kibazo 1:']);

    sql(file, `DROP TRIGGER sales_no_delete; DELETE FROM sales WHERE id = '${saleId}';`);
    const more = verifyIn(dataDir);
    expect(more.status).toBe(1);
    expect(more.en[0]).toBe('Ledger BROKEN at journal #1 (sale.created for receipt POS1-000001): the sale is missing from the sales table');
    expect(more.fr[0]).toBe('Journal des ventes ALTÉRÉ, entrée n° 1 du journal (sale.created, reçu POS1-000001) : la vente manque dans la table sales');
    expect(more.rw[0]).toBe('Igitabo cy’ibyagurishijwe CYAHINDUWE, icyanditswe #1 mu gitabo (sale.created, inyemezabwishyu POS1-000001): igurisha ntiriri mu mbonerahamwe sales');
    expect(more.en[1]).toBe('3 more problems:');
    expect(more.fr[1]).toBe('3 autres problèmes :');
    expect(more.rw[1]).toBe('ibindi bibazo 3:');
    expect(more.fr).toContain('  - le déclencheur de protection sales_no_delete manque : il a été supprimé hors de l’application');
    expect(more.rw).toContain('  - trigger irinda sales_no_delete irabura: yasibwe hanze ya porogaramu');
  });

  it('a clock set back two days (an entry written by an older app): the duration and times in each language, exit 1', () => {
    const dataDir = tempDataDir('verify-language-clock');
    const l = openLedger({ dataDir, training: false, deviceId: 'POS1', now: () => new Date('2026-12-04T10:00:00Z'), log: () => {} });
    momoSale(l);
    l.close();
    const db = new Database(path.join(dataDir, 'ledger.sqlite'));
    try {
      const last = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
      const entry = { seq: last.seq + 1, at: '2026-12-02T10:00:00.000Z', kind: 'pin.refused', subjectId: 'x', body: { action: 'openShift', who: 'cashier', name: null, at: '2026-12-02T10:00:00.000Z' } };
      db.prepare('INSERT INTO journal (seq, at, kind, subject_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(entry.seq, entry.at, entry.kind, entry.subjectId, canonicalJson(entry.body), last.hash, entryHash(last.hash, entry));
    } finally {
      db.close();
    }
    const said = verifyIn(dataDir);
    expect(said.status).toBe(1);
    expect(said.en[0]).toBe('Ledger BROKEN at journal #3 (pin.refused): its time 2026-12-02T10:00:00.000Z is 2 days before #2 (2026-12-04T10:00:00.000Z): the computer’s clock went back');
    expect(said.fr[0]).toBe('Journal des ventes ALTÉRÉ, entrée n° 3 du journal (pin.refused) : son heure 2026-12-02T10:00:00.000Z est 2 jours avant l’entrée n° 2 (2026-12-04T10:00:00.000Z) : l’horloge de l’ordinateur a reculé');
    expect(said.rw[0]).toBe('Igitabo cy’ibyagurishijwe CYAHINDUWE, icyanditswe #3 mu gitabo (pin.refused): igihe cyacyo 2026-12-02T10:00:00.000Z kiri iminsi 2 mbere ya #2 (2026-12-04T10:00:00.000Z): isaha ya mudasobwa yasubiye inyuma');
    expect(said.fr.at(-1)).toBe(`(${path.join(dataDir, 'ledger.sqlite')}, 3 entrées du journal)`);
  });

  it('a damaged file (pages overwritten): DAMAGED with the ledger-fault sentence of that language, exit 1', () => {
    const dataDir = tempDataDir('verify-language-damage');
    const l = openLedger({ dataDir, training: false, deviceId: 'POS1', now: steppingClock('2026-12-03T08:00:00.000Z'), log: () => {} });
    for (let i = 0; i < 500; i++) settle(l, momoSale(l, 1000 + i).payment.id);
    const file = l.path;
    l.close();
    const fd = openSync(file, 'r+');
    try {
      writeSync(fd, randomBytes(4096), 0, 4096, 150_000);
    } finally {
      closeSync(fd);
    }
    const said = verifyIn(dataDir);
    expect(said.status).toBe(1);
    // integrity_check's own words follow, on several lines: the detail is data.
    expect(said.en[0]!.startsWith(`Ledger DAMAGED: The sale ledger ${file} is damaged (`)).toBe(true);
    expect(said.fr[0]!.startsWith(`Journal des ventes ENDOMMAGÉ : Le journal des ventes ${file} est endommagé (`)).toBe(true);
    expect(said.rw[0]!.startsWith(`Igitabo cy’ibyagurishijwe CYANGIRITSE: Igitabo cy’ibyagurishijwe ${file} cyangiritse (`)).toBe(true);
    expect(said.fr.join('\n')).toContain('Aucune sauvegarde saine n’a été trouvée');
    expect(said.en.join('\n')).not.toContain('the file is damaged');
  });
});
