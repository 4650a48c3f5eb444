import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = path.resolve(import.meta.dirname, '../../../scripts/check-layers.mjs');
let tree: string;

function write(relative: string, text: string) {
  const file = path.join(tree, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}
function check() {
  return spawnSync(process.execPath, [script, tree], { encoding: 'utf8' });
}

describe('the layering check', () => {
  afterEach(() => rmSync(tree, { recursive: true, force: true }));

  const clean = () => {
    tree = mkdtempSync(path.join(os.tmpdir(), 'layers-'));
    write('shared/money.ts', "export const x = 1;\n");
    write('electron/core/ledger/index.ts', "import { x } from '../../../shared/money';\nexport const y = x;\n");
    write('electron/main/index.ts', "import { app } from 'electron';\nimport { y } from '../core/ledger';\n");
    write('renderer/src/App.tsx', "import { useState } from 'react';\nimport { x } from '../../shared/money';\n");
  };

  it('passes a tree that keeps the rule', () => {
    clean();
    const run = check();
    expect(run.stdout).toContain('ok');
    expect(run.status).toBe(0);
  });

  it.each([
    ['electron/core importing electron', 'electron/core/payments/index.ts', "import { app } from 'electron';\n"],
    ['shared importing electron', 'shared/phone.ts', "const { ipcRenderer } = require('electron');\n"],
    ['renderer importing from electron/', 'renderer/src/stores/useSale.ts', "import { openLedger } from '../../../electron/core/ledger';\n"],
    ['electron/core importing React', 'electron/core/receipts/index.ts', "import React from 'react';\n"],
    ['electron/core importing electron/main', 'electron/core/app/index.ts', "export * from '../../main/index';\n"],
  ])('fails on %s and names the file', (_name, file, text) => {
    clean();
    write(file, text);
    const run = check();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(file);
  });
});

describe('the layering check: the rooms of electron/core and import circles', () => {
  afterEach(() => rmSync(tree, { recursive: true, force: true }));

  // A small house: shared below everything; ledger < momo's level < payments < till < app.
  const house = () => {
    tree = mkdtempSync(path.join(os.tmpdir(), 'rooms-'));
    write('shared/money.ts', "export const x = 1;\n");
    write('shared/limits.ts', "import { x } from './money';\nexport const limit = x;\n");
    write('electron/core/ledger/index.ts', "import { x } from '../../../shared/money';\nexport const y = x;\n");
    write('electron/core/momo/index.ts', "export const momo = 1;\n");
    write('electron/core/payments/index.ts', "import { y } from '../ledger';\nimport { momo } from '../momo/index';\nexport const pay = y + momo;\n");
    write('electron/core/till/till.ts', "import type { y } from '../ledger';\nimport { pay } from '../payments';\nexport const till = pay;\n");
    write('electron/core/app/index.ts', "import { till } from '../till/till';\nimport { y } from '../ledger';\nexport const app = till + y;\n");
    write('renderer/src/App.tsx', "import { limit } from '../../shared/limits';\nexport const App = () => limit;\n");
  };

  it('passes a house whose rooms import only downwards, with no circle', () => {
    house();
    const run = check();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it.each([
    ['a room importing one above it', 'electron/core/ledger/index.ts', "import { pay } from '../payments';\nexport const y = pay;\n", 'electron/core/payments is above electron/core/ledger'],
    ['a room importing one on its own level', 'electron/core/momo/index.ts', "import { y } from '../ledger';\nexport const momo = y;\n", 'electron/core/ledger is on the same level as electron/core/momo'],
    ['a room importing the composition root (a dynamic import)', 'electron/core/till/report.ts', "export const load = () => import('../app');\n", 'electron/core/app is above electron/core/till'],
    ['a room not placed in the order', 'electron/core/attic/index.ts', "export const old = 1;\n", "room 'attic' is not in CORE_ROOMS"],
  ])('fails on %s and names the file', (_name, file, text, why) => {
    house();
    write(file, text);
    const run = check();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toContain(why);
  });

  it.each([
    ['two files of shared/ (type-only imports count)', { 'shared/contract.ts': "import type { List } from './pos-api';\nexport type Name = List;\n", 'shared/pos-api.ts': "import type { Name } from './contract';\nexport type List = Name[];\n" }, 'shared/contract.ts → shared/pos-api.ts → shared/contract.ts'],
    ['three files of shared/', { 'shared/limits.ts': "import { m } from './markets';\nexport const l = m;\n", 'shared/markets.ts': "import type { R } from './till-report';\nexport const m = 1;\n", 'shared/till-report.ts': "import type { l } from './limits';\nexport type R = typeof l;\n" }, 'shared/limits.ts → shared/markets.ts → shared/till-report.ts → shared/limits.ts'],
    ['a list and its entries inside one room', { 'electron/core/app/commands.ts': "import { one } from './one';\nexport const EXIT = 0;\nexport const all = [one];\n", 'electron/core/app/one.ts': "import { EXIT } from './commands';\nexport const one = EXIT;\n" }, 'electron/core/app/commands.ts → electron/core/app/one.ts → electron/core/app/commands.ts'],
    ['the renderer', { 'renderer/src/a.tsx': "export { b } from './b';\nexport const a = 1;\n", 'renderer/src/b.ts': "import { a } from './a.tsx';\nexport const b = a;\n" }, 'renderer/src/a.tsx → renderer/src/b.ts → renderer/src/a.tsx'],
  ])('fails on an import circle in %s and draws it', (_name, files, drawn) => {
    house();
    for (const [file, text] of Object.entries(files)) write(file, text);
    const run = check();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('import circle');
    expect(run.stderr).toContain(drawn);
  });
});
