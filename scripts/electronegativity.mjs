// Electronegativity (Electron's security check list, pinned at 1.10.3) over the
// shell's sources (electron/) and the built main bundle (out/main: run the
// build first). Its CLI exits 0 whatever it finds, so this reads its SARIF
// output and fails on any finding of level warning or error, one line each.
// Notes (findings it asks a person to review) are printed and do not fail.
// A false positive is silenced at its line: `// eng-disable CHECK_ID (why)`.
//
//   node scripts/electronegativity.mjs [--sarif-dir=DIR]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './runtime.mjs';

const cli = path.join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js');
const electronVersion = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
const sarifDir = process.argv.find((arg) => arg.startsWith('--sarif-dir='))?.slice('--sarif-dir='.length) ?? mkdtempSync(path.join(tmpdir(), 'electronegativity-'));
mkdirSync(sarifDir, { recursive: true });

const targets = [
  { name: 'sources', input: path.join(ROOT, 'electron') },
  { name: 'main bundle', input: path.join(ROOT, 'out/main') },
];
// The one check that needs the internet (Electron's release list); offline it only waits for its timeout.
// Keeping Electron current is the lock file's business, not this scan's.
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];

function scan({ name, input }) {
  const output = path.join(sarifDir, `${name.replace(/\W+/g, '-')}.sarif`);
  const args = [cli, '-i', input, '-o', output, '-r', '-v', 'false', '-e', electronVersion, '-x', EXCLUDED.join(',')];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let said = '';
    child.stdout.on('data', (chunk) => (said += chunk));
    child.stderr.on('data', (chunk) => (said += chunk));
    // It asks the internet for translations (1 s timeout); nothing else should make it wait this long.
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ name, input, output, code, said });
    });
  });
}

/** One line per result: level, check, file:line, message. */
function findingsOf(run) {
  const sarif = JSON.parse(readFileSync(run.output, 'utf8'));
  return (sarif.runs ?? []).flatMap((r) =>
    (r.results ?? []).map((result) => {
      const where = result.locations?.[0]?.physicalLocation;
      const file = where?.artifactLocation?.uri ?? '?';
      const line = where?.region?.startLine ?? 0;
      return { level: result.level ?? 'warning', rule: result.ruleId, at: `${path.relative(ROOT, path.join(run.input, file)) || file}:${line}`, message: result.message?.text ?? '' };
    }),
  );
}

if (!existsSync(path.join(ROOT, 'out/main/index.js'))) {
  console.error('electronegativity: out/main/index.js is missing: build first (node node_modules/electron-vite/bin/electron-vite.js build).');
  process.exit(1);
}

const runs = await Promise.all(targets.map(scan));
let failing = 0;
let notes = 0;
for (const run of runs) {
  if (!existsSync(run.output)) {
    console.error(`electronegativity: no report for ${run.name} (exit ${run.code}):\n${run.said.trim()}`);
    failing++;
    continue;
  }
  for (const finding of findingsOf(run)) {
    const blocking = finding.level === 'warning' || finding.level === 'error';
    if (blocking) failing++;
    else notes++;
    console.log(`${blocking ? '✗' : '·'} ${finding.level} ${finding.rule} ${finding.at} ${finding.message}${blocking ? '' : ' (review, does not fail)'}`);
  }
}
console.log(`electronegativity ${JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@doyensec/electronegativity/package.json'), 'utf8')).version} (Electron ${electronVersion}): ${failing} failing finding(s), ${notes} note(s) over ${targets.map((t) => path.relative(ROOT, t.input)).join(' and ')}`);
process.exit(failing > 0 ? 1 : 0);
