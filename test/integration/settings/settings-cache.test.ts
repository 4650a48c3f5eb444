import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../electron/core/ledger';
import { readSettings, updateSettings } from '../../../electron/core/settings';

const open: Ledger[] = [];
let dir: string;
afterEach(() => {
  open.splice(0).forEach((ledger) => ledger.close());
  rmSync(dir, { recursive: true, force: true });
});

describe('settings are read once per change, never stale', () => {
  it('sees a change made through the same ledger, and one made by another connection', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'settings-cache-'));
    const a = openLedger({ dataDir: dir, training: true });
    const b = openLedger({ dataDir: dir, training: true });
    open.push(a, b);
    expect(readSettings(a).merchantName).toBe('My shop');
    updateSettings(a, { merchantName: 'Kigali Corner Shop' });
    expect(readSettings(a).merchantName).toBe('Kigali Corner Shop');
    updateSettings(b, { merchantName: 'Nyamirambo Kiosk' });
    expect(readSettings(a).merchantName).toBe('Nyamirambo Kiosk');
  });

  it('hands out copies: a caller changing its object does not change what others read', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'settings-cache-'));
    const a = openLedger({ dataDir: dir, training: true });
    open.push(a);
    const first = readSettings(a);
    first.quickAmounts.push('999999');
    expect(readSettings(a).quickAmounts).not.toContain('999999');
  });
});
