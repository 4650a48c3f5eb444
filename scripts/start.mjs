// npm start: build, then run the desktop app. Where the Electron binary cannot
// be had (no internet to download it), say so in one sentence and point to
// browser mode instead of printing a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const electronDir = path.join(root, 'node_modules/electron');
const noElectron = () => {
  console.error('The Electron binary is not installed and could not be downloaded (no internet access to its host?); run `npm run web` to use MoMo POS in your browser instead.');
  process.exit(1);
};

function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) {
    if (process.env.MOMO_POS_NO_ELECTRON_DOWNLOAD === '1') return undefined;
    // electron downloads its binary on first use; keep its output quiet and bounded.
    const install = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { cwd: electronDir, stdio: 'ignore', timeout: 180_000 });
    if (install.status !== 0 || !existsSync(pathFile)) return undefined;
  }
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

if (!existsSync(electronDir)) noElectron();
const binary = electronBinary();
if (!binary) noElectron();

const build = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const child = spawn(binary, [root], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
