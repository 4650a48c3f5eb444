// npm test: every suite, in order, stopping at the first failure.
// type-check -> layer rule -> vitest (unit + integration) -> keychain suite
// (under a private D-Bus session with an unlocked gnome-keyring) -> build -> electronegativity ->
// Playwright e2e in Debian's Chromium. Ends with one line counting every test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT as root, requireSupportedNode } from './runtime.mjs';
import { ensureSystemPackages } from './system-packages.mjs';

requireSupportedNode('test');
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
/** keytar is optional: npm drops it silently where libsecret-1-dev was missing at `npm ci`. */
function keytarLoads() {
  try {
    createRequire(path.join(root, 'package.json'))('keytar');
    return true;
  } catch {
    return false;
  }
}

/** Builds keytar in place once its library is there (apt may have just installed it), without touching the lock file. */
function buildKeytar() {
  const pkgConfig = spawnSync('pkg-config', ['--exists', 'libsecret-1']);
  if (pkgConfig.status !== 0) return false;
  const version = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')).packages?.['node_modules/keytar']?.version;
  if (!version) return false;
  console.log(`Building the keychain library (keytar ${version}) now that libsecret-1-dev is installed…`);
  const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
  spawnSync(npm[0], [...npm[1], 'install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `keytar@${version}`], { cwd: root, stdio: 'inherit' });
  return keytarLoads();
}

const wantsKeychain = !process.env.MOMO_POS_TEST_ONLY || process.env.MOMO_POS_TEST_ONLY.split(',').some((name) => name === 'keychain' || name.startsWith('e2e'));
if (!ensureSystemPackages()) {
  console.log('\ntests: 0 passed, 1 failed, 0 skipped');
  process.exit(1);
}
const keychainLibrary = !wantsKeychain || keytarLoads() || buildKeytar();
if (!keychainLibrary) {
  console.log('keychain suite: skipped, the keychain library (keytar) is not installed (it builds at `npm ci` when libsecret-1-dev and pkg-config are present).');
  if (process.env.CI) {
    console.log('CI must run the keychain suite: .ci/run installs libsecret-1-dev before `npm ci`, so keytar should have built.\n\ntests: 0 passed, 1 failed, 0 skipped');
    process.exit(1);
  }
} else if (wantsKeychain) {
  console.log('keychain suite: runs, against a real Secret Service (keytar is installed).');
}

if (keychainLibrary && existsSync(path.join(root, 'vitest.keychain.config.ts'))) {
  steps.push(['keychain', ...withKeychain(bin('vitest'), ['run', '--config', 'vitest.keychain.config.ts', ...vitestJson('keychain')]), { count: 'keychain' }]);
}
steps.push(['build', process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build']]);
// Electron's security check list over electron/ and the main bundle just built (fails on any warning).
steps.push(['electronegativity', process.execPath, ['scripts/electronegativity.mjs']]);
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
