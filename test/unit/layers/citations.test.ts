/**
 * Sources cite only what is in the repository: the design lives in docs/
 * (docs/design.md, docs/momo.md, docs/style.md, ...). A citation of a team
 * document or a source file we do not ship leaves the next engineer with a
 * reference they cannot follow.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FOLDERS = ['electron', 'shared', 'renderer', 'scripts', 'bench', 'test'];
const TEXT = /\.(m|c)?(t|j)sx?$|\.json$|\.md$|\.sh$|\.html$|\.css$/;
// Upper-case names of documents outside the repository, or a path into a seeds folder.
export const OUTSIDE_CITATION = /\b(?:DESIGN|MOMO|STYLE|EBM)\.md\b|(?:^|[\s/`'"(])seeds\//;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (TEXT.test(entry.name)) yield full;
  }
}

function citations(): string[] {
  const found: string[] = [];
  for (const folder of FOLDERS) {
    for (const file of files(path.join(ROOT, folder))) {
      if (file === import.meta.filename) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (OUTSIDE_CITATION.test(line)) found.push(`${path.relative(ROOT, file)}:${index + 1}: ${line.trim()}`);
        });
    }
  }
  return found;
}

describe('citations in the sources', () => {
  it('the pattern catches each outside document and a seeds path, and lets docs/ pages through', () => {
    for (const line of ['// see DESIGN.md', ' * (MOMO.md "Callbacks")', '// STYLE.md: names', '/** EBM.md */', '// seeds/000_x.txt']) expect(line).toMatch(OUTSIDE_CITATION);
    for (const line of ['// docs/design.md', ' * (docs/momo.md "Callbacks")', '// docs/style.md', "const seed = 20261125;"]) expect(line).not.toMatch(OUTSIDE_CITATION);
  });

  it('no file under electron/, shared/, renderer/, scripts/, bench/ or test/ cites a document outside the repository', () => {
    expect(citations(), 'cite the matching docs/ page instead, or say the fact in a line').toEqual([]);
  });
});
