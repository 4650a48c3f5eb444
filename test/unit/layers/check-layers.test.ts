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
