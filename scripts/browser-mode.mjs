// Browser mode, shared by `npm run web` and `npm start` (when there is no
// Electron binary): build the renderer when it is missing or older than its
// sources, then serve it with the engine on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT, runNode } from './runtime.mjs';

const built = path.join(ROOT, 'out/renderer/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function buildIfStale() {
  const stale = !existsSync(built) || Math.max(newestMtime(path.join(ROOT, 'renderer')), newestMtime(path.join(ROOT, 'shared'))) > statSync(built).mtimeMs;
  if (!stale && process.env.MOMO_POS_REBUILD !== '1') return 0;
  const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status === 0) return 0;
  console.error(build.signal ? `Building the screens stopped unexpectedly (signal ${build.signal}); run \`npm ci\` again.` : 'Building the screens failed (see above); run `npm ci` again, and report it if it fails the same way.');
  return 1;
}

/** Opens the address in the default browser where there is a desktop to show it on; never fails the start. */
function openInBrowser(url) {
  if (process.env.MOMO_POS_NO_BROWSER === '1' || process.env.CI) return;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No opener: the address is printed above for the user to open.
  }
}

/** Resolves with the exit code once the server has stopped (Ctrl-C ends it cleanly with 0). */
export async function serveBrowserMode({ openBrowser = false } = {}) {
  if (buildIfStale() !== 0) return 1;
  let opened = false;
  let printed = '';
  return runNode('The MoMo POS server', ['--import', 'tsx', path.join(ROOT, 'electron/core/app/web-entry.ts')], {
    onStdout: (text) => {
      if (!openBrowser || opened) return;
      printed = (printed + text).slice(-4096);
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(printed); // the address, in any language the shell speaks
      if (match) {
        opened = true;
        openInBrowser(match[1]);
      }
    },
  });
}
