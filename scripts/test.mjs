// npm test: every suite, in order, stopping at the first failure.
// type-check -> layer rule -> vitest (unit + integration) -> keychain suite
// (under a private D-Bus session with an unlocked gnome-keyring) -> build ->
// Playwright e2e in Debian's Chromium. Ends with one line counting every test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const keychainReady = process.env.DBUS_SESSION_BUS_ADDRESS && process.env.MOMO_POS_KEYCHAIN_READY === '1';
const withKeychain = (command, args) => (keychainReady ? [command, args] : ['bash', ['scripts/with-keychain.sh', command, ...args]]);
const vitestJson = (name) => ['--reporter=default', '--reporter=json', `--outputFile.json=${path.join(results, `${name}.json`)}`];

const steps = [
  ['type-check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  ['layers', process.execPath, ['scripts/check-layers.mjs']],
  ['unit + integration', bin('vitest'), ['run', ...vitestJson('vitest')], { count: 'vitest' }],
];
if (existsSync(path.join(root, 'vitest.keychain.config.ts'))) {
  steps.push(['keychain', ...withKeychain(bin('vitest'), ['run', '--config', 'vitest.keychain.config.ts', ...vitestJson('keychain')]), { count: 'keychain' }]);
}
steps.push(['build', process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build']]);
// Browser mode keeps set-up keys in the OS keychain: e2e runs on a throwaway one too.
steps.push(['e2e (Chromium)', ...withKeychain(bin('playwright'), ['test', '--reporter=list,json']), { count: 'playwright', env: { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(results, 'playwright.json') } }]);

function counted(kind) {
  const file = path.join(results, `${kind}.json`);
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (kind === 'playwright') {
    const s = report.stats ?? {};
    return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
  }
  return { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) };
}

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const total = { passed: 0, failed: 0, skipped: 0 };
const only = process.env.MOMO_POS_TEST_ONLY?.split(',');
let exitCode = 0;
for (const [name, command, args, options = {}] of steps) {
  if (only && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...options.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (options.count) {
    const n = counted(options.count);
    total.passed += n.passed;
    total.failed += n.failed;
    total.skipped += n.skipped;
  }
  if (run.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds}s`);
    exitCode = run.status ?? 1;
    if (total.failed === 0) total.failed = 1; // a step that failed outside any test still counts as a failure
    break;
  }
  console.log(`✓ ${name} (${seconds}s)`);
}
console.log(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(exitCode);
