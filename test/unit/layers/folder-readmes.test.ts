/** Every folder of electron/core has a README that names each of its files, so the house can be walked without opening every file. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = path.resolve(import.meta.dirname, '../../../electron/core');

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const relative = prefix + entry.name;
    return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), `${relative}/`) : [relative];
  });
}

const folders = readdirSync(CORE, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('the READMEs of electron/core', () => {
  it('finds the folders', () => {
    expect(folders).toContain('ledger');
    expect(folders).toContain('payments');
  });

  it.each(folders)('%s/ has a README.md', (folder) => {
    expect(existsSync(path.join(CORE, folder, 'README.md'))).toBe(true);
  });

  it.each(folders)('%s/README.md names every file of its folder', (folder) => {
    const readme = path.join(CORE, folder, 'README.md');
    if (!existsSync(readme)) return; // the test above says so
    const text = readFileSync(readme, 'utf8');
    const unnamed = filesUnder(path.join(CORE, folder)).filter((file) => file !== 'README.md' && !text.includes(`\`${file}\``));
    expect(unnamed, `add a line for each to electron/core/${folder}/README.md`).toEqual([]);
  });
});
