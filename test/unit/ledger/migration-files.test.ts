/**
 * Migrations live one per file, `NNNN-<name>.ts`, and an index lists them in
 * order: the numbers run 1, 2, 3… with no gap, each file holds the migration
 * its name says, and the index lists every file exactly once, in order.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/ledger/migrations';
import { HQ_MIGRATIONS } from '../../../electron/core/headoffice/migrations';

const CORE = path.resolve(import.meta.dirname, '../../../electron/core');
const FILE = /^(\d{4})-[a-z0-9]+(?:-[a-z0-9]+)*\.ts$/;

describe.each([
  ['ledger', MIGRATIONS],
  ['headoffice', HQ_MIGRATIONS],
] as const)('%s/migrations', (room, listed) => {
  const dir = path.join(CORE, room, 'migrations');
  const files = readdirSync(dir)
    .filter((name) => /^\d/.test(name))
    .sort();

  it('names every migration file NNNN-<name>.ts, numbered 1, 2, 3… with no gap', () => {
    expect(files.filter((name) => !FILE.test(name))).toEqual([]);
    expect(files.map((name) => Number(FILE.exec(name)![1]))).toEqual(files.map((_, index) => index + 1));
  });

  it('each file holds the migration its name says, and the index lists them all, in order', async () => {
    const loaded: unknown[] = [];
    for (const name of files) {
      const { migration } = (await import(path.join(dir, name))) as { migration: { version: number } };
      expect(migration.version, name).toBe(Number(name.slice(0, 4)));
      loaded.push(migration);
    }
    expect(listed.length).toBe(files.length);
    listed.forEach((migration, index) => expect(migration, `index entry ${index + 1}`).toBe(loaded[index]));
  });
});
