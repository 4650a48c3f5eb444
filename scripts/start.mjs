// npm start: the desktop app where the Electron binary is installed or can
// be downloaded; otherwise one line saying why, then browser mode in the
// same command (the address printed, and opened where there is a desktop).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { serveBrowserMode } from './browser-mode.mjs';
import { ROOT, requireSupportedNode } from './runtime.mjs';

requireSupportedNode('start');
const electronDir = path.join(ROOT, 'node_modules/electron');

/** The Electron binary, downloading it on first use (bounded and quiet); undefined with the reason when it cannot be had. */
function electronBinary() {
  if (!existsSync(electronDir)) return { reason: 'the electron package is not installed' };
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) {
    if (process.env.MOMO_POS_NO_ELECTRON_DOWNLOAD === '1') return { reason: 'its binary is not installed' };
    const install = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { cwd: electronDir, stdio: 'ignore', timeout: 180_000 });
    if (install.status !== 0 || !existsSync(pathFile)) return { reason: 'its binary is not installed and could not be downloaded (no internet access to its host?)' };
  }
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { binary } : { reason: 'its binary is missing from node_modules/electron/dist' };
}

const electron = electronBinary();
if (!electron.binary) {
  console.error(`The desktop window cannot open: ${electron.reason}. Starting MoMo POS in your browser instead.`);
  process.exit(await serveBrowserMode({ openBrowser: true }));
}

const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('Building MoMo POS failed (see above); run `npm ci` again, and report it if it fails the same way.');
  process.exit(1);
}
const child = spawn(electron.binary, [ROOT], { cwd: ROOT, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal && signal !== 'SIGINT' && signal !== 'SIGTERM') console.error(`The MoMo POS window stopped unexpectedly (signal ${signal}); start it again, and report it if it happens again.`);
  process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
});
