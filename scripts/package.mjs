// `npm run package`: build, then electron-builder (config: electron-builder.cjs).
//   npm run package              installers for this OS: AppImage + deb (Linux), NSIS (Windows), dmg (macOS)
//   npm run package -- --dir     the unpacked app only (dist/<os>-unpacked), e.g. to inspect app.asar
// Other arguments go to electron-builder as they are (e.g. --linux deb, --x64).
// Where Electron's binary is not installed (our machines cannot download it),
// `--dir` packages around a placeholder binary: the layout is real, the app
// does not run, and the fuses are not flipped.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, requireSupportedNode } from './runtime.mjs';

requireSupportedNode('run package');
const args = process.argv.slice(2);
const run = (what, command, commandArgs, env = process.env) => {
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`package: ${what} failed${result.signal ? ` (signal ${result.signal})` : ''}.`);
    process.exit(result.status ?? 1);
  }
};

/** Electron's own binary, where its postinstall could download it. */
function installedElectron() {
  const electronDir = path.join(ROOT, 'node_modules/electron');
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const dist = path.join(electronDir, 'dist');
  return existsSync(path.join(dist, readFileSync(pathFile, 'utf8').trim())) ? dist : undefined;
}

/** A folder shaped like an unpacked Electron for this OS, with a stand-in executable. */
function placeholderElectron() {
  const dir = path.join(ROOT, 'node_modules/.cache/momo-pos/electron-placeholder');
  const executable = { linux: 'electron', win32: 'electron.exe' }[process.platform];
  if (!executable) {
    console.error(`package: no Electron binary installed, and a placeholder is only made for Linux and Windows, not ${process.platform}. Run npm ci where Electron can be downloaded.`);
    process.exit(1);
  }
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  writeFileSync(path.join(dir, executable), '#!/bin/sh\necho "MoMo POS was packaged around a placeholder, not the Electron binary: it cannot run." >&2\nexit 1\n');
  chmodSync(path.join(dir, executable), 0o755);
  writeFileSync(path.join(dir, 'LICENSE'), 'Placeholder for Electron\'s LICENSE (the Electron binary was not installed).\n');
  return dir;
}

run('the build', process.execPath, ['scripts/check-layers.mjs']);
run('the build', process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build']);

const env = { ...process.env };
const electron = installedElectron();
if (electron) {
  env.MOMO_POS_ELECTRON_DIST = electron;
  console.log(`package: Electron from ${path.relative(ROOT, electron)}; fuses flipped.`);
} else if (args.includes('--dir')) {
  env.MOMO_POS_ELECTRON_DIST = placeholderElectron();
  env.MOMO_POS_ELECTRON_PLACEHOLDER = '1';
  console.log('package: the Electron binary is not installed (node_modules/electron/dist): packaging around a placeholder. The archive and its natives are real; the app does not run and its fuses are not flipped.');
} else {
  console.log('package: the Electron binary is not installed; electron-builder downloads it (needs the internet). Offline, use `npm run package -- --dir`.');
}
run('electron-builder', process.execPath, ['node_modules/electron-builder/cli.js', '--config', 'electron-builder.cjs', '--publish', 'never', ...args], env);
