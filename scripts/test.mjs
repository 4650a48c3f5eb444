// npm test: every suite, in order, stopping at the first failure.
// type-check -> layer rule -> vitest (unit + integration) -> keychain suite
// (under a private D-Bus session with an unlocked gnome-keyring) -> build ->
// Playwright e2e in Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const steps = [
  ['type-check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  ['layers', process.execPath, ['scripts/check-layers.mjs']],
  ['unit + integration', bin('vitest'), ['run']],
];
if (existsSync(path.join(root, 'vitest.keychain.config.ts'))) {
  const command = process.env.DBUS_SESSION_BUS_ADDRESS && process.env.MOMO_POS_KEYCHAIN_READY === '1'
    ? [bin('vitest'), ['run', '--config', 'vitest.keychain.config.ts']]
    : ['bash', ['scripts/with-keychain.sh', bin('vitest'), 'run', '--config', 'vitest.keychain.config.ts']];
  steps.push(['keychain', ...command]);
}
steps.push(['build', process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build']]);
// Browser mode keeps set-up keys in the OS keychain: e2e runs on a throwaway one too.
steps.push(['e2e (Chromium)', ...(process.env.DBUS_SESSION_BUS_ADDRESS && process.env.MOMO_POS_KEYCHAIN_READY === '1'
  ? [bin('playwright'), ['test']]
  : ['bash', ['scripts/with-keychain.sh', bin('playwright'), 'test']])]);

const only = process.env.MOMO_POS_TEST_ONLY?.split(',');
for (const [name, command, args] of steps) {
  if (only && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds}s`);
    process.exit(run.status ?? 1);
  }
  console.log(`✓ ${name} (${seconds}s)`);
}
