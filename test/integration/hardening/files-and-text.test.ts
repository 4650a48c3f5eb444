/**
 * Files and text: the ledger's folders are 0700 and its files 0600 (POSIX)
 * whatever the umask; control characters and bidi overrides are refused at
 * input, and the CSV never carries them (not even from text stored before).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPos, type Pos } from '../../../electron/core/app';
import { backupDir, ledgerPath } from '../../../electron/core/ledger';
import { describeFailure } from '../../../shared/error-text';

let pos: Pos;
let root: string;
let dataDir: string;
const manager = { id: 'test:manager' };
const mode = (file: string) => statSync(file).mode & 0o777;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-files-'));
  dataDir = path.join(root, 'data');
  // A permissive umask, as on many desktops: the ledger must not follow it.
  const before = process.umask(0o002);
  try {
    pos = await startPos({ dataDir, dataDirKind: 'custom', version: 'test', transport: 'http', env: { MOMO_POS_SIM_APPROVAL_MS: '0' }, log: () => {} });
    await pos.ledger.ensureDailyBackup();
    pos.ledger.createCashSale({ amountMinor: 100, currency: 'RWF' });
  } finally {
    process.umask(before);
  }
  await pos.router.call('till.setManagerPin', { pin: '482916' }, manager);
});
afterAll(async () => {
  await pos.close();
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('file modes', () => {
  it('data folder and backups folder 0700; ledger, its WAL and shared memory, and backups 0600', () => {
    expect(mode(dataDir).toString(8)).toBe('700');
    expect(mode(backupDir(dataDir)).toString(8)).toBe('700');
    const ledger = ledgerPath(dataDir, true);
    for (const file of [ledger, `${ledger}-wal`, `${ledger}-shm`]) expect(mode(file).toString(8), file).toBe('600');
    const backups = readdirSync(backupDir(dataDir));
    expect(backups.length).toBeGreaterThan(0);
    for (const file of backups) expect(mode(path.join(backupDir(dataDir), file)).toString(8), file).toBe('600');
  });
});

describe('control characters', () => {
  const bad = ['\u0000', '\u001b[31m', '\u0007', '\u202e', '\u2066', '\u0085', '\u007f', '\r'];

  it('are refused at input in notes, names, shop texts and the receipt header and footer; nothing is written', async () => {
    const settingsBefore = JSON.stringify(pos.ledger.allSettings());
    const salesBefore = pos.ledger.listSales({ limit: 500 }).length;
    for (const c of bad) {
      const refusals = [
        await pos.router.call('settings.update', { merchantName: `Sh${c}op` }, manager),
        await pos.router.call('settings.update', { receiptHeader: `Wel${c}come` }, manager),
        await pos.router.call('settings.update', { receiptFooter: `Tha${c}nks` }, manager),
        await pos.router.call('settings.update', { merchantAddress: `Ki${c}gali` }, manager),
        await pos.router.call('till.setCashier', { name: `An${c}n`, pin: '1357', managerPin: '482916' }),
        await pos.router.call('sale.charge', { phone: '0788123456', amount: '1000', note: `no${c}te` }),
        await pos.router.call('sale.charge', { phone: '0788123456', amount: '1000', cashier: `Bo${c}b` }),
        await pos.router.call('sale.payCash', { amount: '1000', note: `ca${c}sh` }),
      ];
      // (At either end, whitespace controls are trimmed away: removed rather than refused.)
      for (const answer of refusals) expect(answer, JSON.stringify(c)).toMatchObject({ ok: false, code: 'VALIDATION', message: 'This text may not hold control characters.', key: 'error.contract.controlCharacters' });
    }
    expect(JSON.stringify(pos.ledger.allSettings())).toBe(settingsBefore);
    expect(pos.ledger.listSales({ limit: 500 })).toHaveLength(salesBefore);
    const refused = await pos.router.call('sale.payCash', { amount: '1000', note: 'ca\u0007sh' });
    expect(!refused.ok && describeFailure(refused, 'fr').sentence).toBe('Ce texte ne peut pas contenir de caractères de contrôle.');
    // A receipt header may have several lines (and a tab); plain accents and other scripts are text, not controls.
    expect(await pos.router.call('settings.update', { receiptHeader: 'Murakaza neza\nBienvenue\tà tous', merchantName: 'Boutique Élodie — ኢትዮጵያ' }, manager)).toMatchObject({ ok: true });
  });

  it('the CSV never carries them, even from text stored before the rule', async () => {
    // Written straight into the ledger, as an older version would have kept it.
    pos.ledger.createCashSale({ amountMinor: 2500, currency: 'RWF', note: 'bread\u0000\u001b[2J\u202eevil\u0007\u0085', cashier: 'Ann\u2066x' });
    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    const exported = await pos.router.call('till.exportCsv', { from: day, to: day });
    expect(exported.ok).toBe(true);
    const csv = exported.ok ? (exported.data as { csv: string }).csv : '';
    expect(csv).toContain('bread');
    expect(csv).toContain('evil');
    const body = csv.replace(/\r\n/g, '');
    expect(body).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  });
});
