/**
 * The manager's authority in the engine, over the one router both transports
 * use: every method is classed, a manager method never runs without the
 * caller's grant (or the manager PIN in the call), grants are per caller,
 * end when idle, at till.lock and at restart; PIN guessing is throttled in
 * the ledger (counted before checking, one check at a time, growing locks).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPos, type Pos } from '../../../electron/core/app';
import { openLedger } from '../../../electron/core/ledger';
import { createManagerAuthority, createPinGuard, hashPin } from '../../../electron/core/till';
import { PIN_LOCK_STEPS_MS } from '../../../electron/core/till/pin-guard';
import { METHOD_AUTHORITY, needsManager, type MethodName, type PosResult } from '../../../shared/contract';
import { METHOD_LIST } from '../../../shared/pos-api';
import { describeFailure } from '../../../shared/error-text';
import type { PosError } from '../../../shared/errors';

const MANAGER = '482916';
const dirs: string[] = [];
const open: Pos[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-authority-'));
  dirs.push(dir);
  return dir;
};
async function start(dataDir: string): Promise<Pos> {
  const pos = await startPos({ dataDir, dataDirKind: 'custom', version: 'test', transport: 'http', env: { MOMO_POS_SIM_APPROVAL_MS: '0' }, log: () => {} });
  open.push(pos);
  return pos;
}
afterEach(async () => {
  while (open.length) await open.pop()!.close();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

const REFUSED = { ok: false, code: 'FORBIDDEN', field: 'grant', message: 'The manager must unlock this first.', key: 'error.managerMustUnlock', params: {} };

/** A well-formed call of each manager method: what a cashier would send. A new manager method needs one here. */
const MANAGER_CALLS: Partial<Record<MethodName, Record<string, unknown>>> = {
  'till.setManagerPin': { pin: '739105' },
  'till.setCashier': { name: 'Eve', pin: '2468', managerPin: '000001' },
  'till.setRules': { managerPin: '000001', feeRate: '9' },
  'till.cashMovement': { kind: 'out', amount: '1', reason: 'bread', pin: '000001' },
  'till.closeShift': { countedCash: '0', pin: '000001' },
  'till.zReport': { pin: '000001' },
  'till.supportBundle': { pin: '000001' },
  'refund.create': { saleId: 'sale-1', amount: '1', reason: 'x', pin: '000001', method: 'cash' },
  'settings.update': { merchantName: 'Evil', baseUrl: 'http://192.0.2.2:47101' },
  'credentials.set': { collectionSubscriptionKey: 'cashier-own-key', apiUser: 'u', apiKey: 'k' },
  'credentials.clear': {},
  'credentials.testConnection': { market: { targetEnvironment: 'mtnrwanda', baseUrl: 'http://127.0.0.1:47100' } },
  'credentials.provisionSandbox': {},
  'credentials.goLive': {},
  'credentials.useTraining': {},
  'headOffice.connect': { url: 'postgres://evil:pw@203.0.113.7/steal' },
  'headOffice.disconnect': {},
  'fiscal.configure': { tin: '123456789', branchId: '00', deviceSerial: 'EVIL01', vsdcUrl: 'http://203.0.113.7:8080', defaultItem: { code: 'RW2NTU0000001', classCode: '5020230500', taxType: 'B', name: 'Goods' } },
};

/** What the issue names as the manager's, at least. */
const MUST_BE_MANAGER: MethodName[] = [
  'credentials.set', 'credentials.clear', 'credentials.testConnection', 'credentials.provisionSandbox', 'credentials.goLive', 'credentials.useTraining',
  'settings.update', 'headOffice.connect', 'headOffice.disconnect', 'till.setRules', 'till.setCashier', 'till.setManagerPin', 'refund.create', 'till.cashMovement',
  'fiscal.configure',
];

describe('every method is classed', () => {
  it('the contract classes each method of the list as the cashier’s or the manager’s, and nothing else', () => {
    expect(Object.keys(METHOD_AUTHORITY).sort()).toEqual([...METHOD_LIST].sort());
    for (const method of METHOD_LIST) expect(['cashier', 'manager'], method).toContain(METHOD_AUTHORITY[method]?.who);
    for (const method of MUST_BE_MANAGER) expect(needsManager(method, MANAGER_CALLS[method]), method).toBe(true);
    // Cash in is the cashier's, cash out the manager's; the language of the screens is the cashier's.
    expect(needsManager('till.cashMovement', { kind: 'in' })).toBe(false);
    expect(needsManager('settings.update', { language: 'fr' })).toBe(false);
    // Only choosing the first PIN is allowed before a PIN exists.
    expect(METHOD_LIST.filter((method) => METHOD_AUTHORITY[method].firstStart)).toEqual(['till.setManagerPin']);
  });

  it('no manager method is reachable as a cashier: refused before its handler runs, nothing written', async () => {
    const pos = await start(tempDir());
    const manager = { id: 'test:manager' };
    expect(await pos.router.call('till.setManagerPin', { pin: MANAGER }, manager)).toMatchObject({ ok: true });
    await pos.router.call('till.lock', {}, manager);
    const settingsBefore = JSON.stringify(pos.ledger.allSettings());
    const journalBefore = pos.ledger.journal().filter((entry) => entry.kind !== 'pin.refused').length;
    const managerMethods = METHOD_LIST.filter((method) => METHOD_AUTHORITY[method].who === 'manager');
    for (const method of managerMethods) {
      const input = MANAGER_CALLS[method];
      expect(input, `${method} is the manager’s: give a sample call in MANAGER_CALLS`).toBeDefined();
      for (const caller of [undefined, { id: 'web:cashier' }, manager]) {
        const answer = (await pos.router.call(method, input, caller)) as PosResult<unknown> & { field?: string };
        expect(answer.ok, `${method} ran for ${caller?.id ?? 'anonymous'}`).toBe(false);
        if (!answer.ok) {
          // Without the PIN in the call: the grant sentence; with a wrong one: refused (or locked) before the handler.
          const rule = METHOD_AUTHORITY[method];
          if (rule.pinField && typeof input![rule.pinField] === 'string') expect(['UNAUTHORIZED', 'FORBIDDEN'], method).toContain(answer.code);
          else expect(answer, method).toEqual(REFUSED);
        }
      }
    }
    expect(JSON.stringify(pos.ledger.allSettings())).toBe(settingsBefore);
    expect(pos.ledger.journal().filter((entry) => entry.kind !== 'pin.refused')).toHaveLength(journalBefore);
    expect(pos.mode).toBe('training');
  });
});

describe('the grant', () => {
  it('first start allows choosing the PIN and nothing else; the chooser holds the grant, others do not; till.lock ends it; restart clears it', async () => {
    const dataDir = tempDir();
    let pos = await start(dataDir);
    const manager = { id: 'web:manager' };
    const cashier = { id: 'web:cashier' };
    expect(await pos.router.call('settings.update', { merchantName: 'Shop' }, manager)).toEqual(REFUSED);
    expect(await pos.router.call('credentials.useTraining', {}, manager)).toEqual(REFUSED);
    const weak = await pos.router.call('till.setManagerPin', { pin: '1234' }, manager);
    expect(weak).toMatchObject({ ok: false, code: 'VALIDATION', field: 'pin' });
    for (const pin of ['0000', '1111', '4321', '123456', '1212', '112233']) {
      expect(await pos.router.call('till.setManagerPin', { pin }, manager), pin).toMatchObject({ ok: false, code: 'VALIDATION' });
    }
    expect(await pos.router.call('till.setManagerPin', { pin: MANAGER }, manager)).toMatchObject({ ok: true });
    expect(await pos.router.call('settings.update', { merchantName: 'Shop' }, manager)).toMatchObject({ ok: true });
    expect(await pos.router.call('settings.update', { merchantName: 'Evil' }, cashier)).toEqual(REFUSED);
    // A cashier's PIN for a new cashier: weak ones refused too.
    expect(await pos.router.call('till.setCashier', { name: 'Ann', pin: '1111', managerPin: MANAGER }, cashier)).toMatchObject({ ok: false, code: 'VALIDATION' });
    // The manager PIN in the call authorises that call, not the next one.
    expect(await pos.router.call('till.setCashier', { name: 'Ann', pin: '1357', managerPin: MANAGER }, cashier)).toMatchObject({ ok: true });
    expect(await pos.router.call('settings.update', { merchantName: 'Evil' }, cashier)).toEqual(REFUSED);
    expect(await pos.router.call('till.lock', {}, manager)).toEqual({ ok: true, data: { locked: true } });
    expect(await pos.router.call('settings.update', { merchantName: 'Evil' }, manager)).toEqual(REFUSED);
    expect(await pos.router.call('till.checkManagerPin', { pin: MANAGER }, manager)).toMatchObject({ ok: true });
    expect(await pos.router.call('settings.update', { language: 'fr' }, cashier)).toMatchObject({ ok: true });
    await pos.close();
    open.pop();
    pos = await start(dataDir);
    expect(await pos.router.call('settings.update', { merchantName: 'Evil' }, manager)).toEqual(REFUSED);
    expect(pos.ledger.allSettings().merchantName).toBe('Shop');
  });

  it('ends after a few idle minutes; each manager call keeps it alive', async () => {
    const ledger = openLedger({ dataDir: tempDir(), training: true });
    try {
      ledger.setSetting('till.managerPin', await hashPin(MANAGER, { N: 1024, r: 8, p: 1 }));
      let now = 1_000_000;
      const authority = createManagerAuthority({ ledger: () => ledger, now: () => now, idleMs: 5 * 60_000 });
      const caller = { id: 'ipc:1' };
      await expect(authority.authorise(caller, 'settings.update', {})).rejects.toMatchObject({ code: 'FORBIDDEN', field: 'grant' });
      authority.grant(caller);
      now += 4 * 60_000;
      await authority.authorise(caller, 'settings.update', {});
      now += 4 * 60_000;
      await authority.authorise(caller, 'settings.update', {});
      now += 5 * 60_000 + 1;
      await expect(authority.authorise(caller, 'settings.update', {})).rejects.toMatchObject({ code: 'FORBIDDEN', field: 'grant' });
      const refused = await authority.authorise(caller, 'settings.update', {}).then(() => undefined, (error: PosError) => ({ code: error.code, key: error.key, params: error.params, field: error.field, message: error.message }));
      expect(describeFailure(refused!, 'fr')).toEqual({ sentence: 'Le responsable doit d’abord déverrouiller ceci.', nextStep: 'Demandez au responsable de saisir son code.' });
      expect(describeFailure(refused!, 'rw')).toEqual({ sentence: 'Umuyobozi agomba kubanza gufungura ibi.', nextStep: 'Saba umuyobozi kwandika PIN ye.' });
    } finally {
      ledger.close();
    }
  });
});

describe('PIN guessing', () => {
  it('1,000 parallel wrong guesses check at most 5 PINs, and the lock is in the ledger: a restart keeps it', async () => {
    const dataDir = tempDir();
    let pos = await start(dataDir);
    const manager = { id: 'web:manager' };
    expect(await pos.router.call('till.setManagerPin', { pin: MANAGER }, manager)).toMatchObject({ ok: true });
    const guesses = Array.from({ length: 1000 }, (_, i) => String(100000 + ((i * 7919) % 899999)).padStart(6, '0')).map((pin) => (pin === MANAGER ? '000001' : pin));
    const answers = await Promise.all(guesses.map((pin) => pos.router.call('till.checkManagerPin', { pin }, { id: `web:guesser-${pin}` })));
    expect(answers.filter((answer) => answer.ok)).toHaveLength(0);
    // Every checked wrong PIN is journaled: that is the count of PINs verified.
    expect(pos.ledger.journal().filter((entry) => entry.kind === 'pin.refused')).toHaveLength(5);
    expect(answers.filter((answer) => !answer.ok && answer.code === 'FORBIDDEN').length).toBeGreaterThanOrEqual(995);
    // The right PIN is refused too while locked, and after a restart.
    expect(await pos.router.call('till.checkManagerPin', { pin: MANAGER }, manager)).toMatchObject({ ok: false, code: 'FORBIDDEN', field: 'pin' });
    await pos.close();
    open.pop();
    pos = await start(dataDir);
    expect(await pos.router.call('till.checkManagerPin', { pin: MANAGER }, manager)).toMatchObject({ ok: false, code: 'FORBIDDEN', field: 'pin' });
    expect(pos.ledger.pinThrottle()).toMatchObject({ failures: 0, level: 1 });
    expect(pos.ledger.pinThrottle().lockedUntil).toBeGreaterThan(Date.now() + 50_000);
  });

  it('the locks grow: 1 min, 5 min, 15 min, then 1 h each time; a right PIN resets them', async () => {
    const ledger = openLedger({ dataDir: tempDir(), training: true });
    try {
      const record = await hashPin(MANAGER, { N: 1024, r: 8, p: 1 });
      let now = 10_000_000;
      const guard = createPinGuard({ ledger: () => ledger, now: () => now });
      const manager = { kind: 'manager' } as const;
      const locks: number[] = [];
      for (let round = 0; round < 5; round++) {
        for (let i = 0; i < 5; i++) await guard.check('openSettings', manager, '000001', record).catch(() => {});
        locks.push(ledger.pinThrottle().lockedUntil - now);
        await expect(guard.check('openSettings', manager, MANAGER, record)).rejects.toMatchObject({ code: 'FORBIDDEN' });
        now = ledger.pinThrottle().lockedUntil;
      }
      expect(locks).toEqual([...PIN_LOCK_STEPS_MS, 3_600_000]);
      await guard.check('openSettings', manager, MANAGER, record);
      expect(ledger.pinThrottle()).toEqual({ failures: 0, level: 0, lockedUntil: 0 });
    } finally {
      ledger.close();
    }
  });
});
