/**
 * `npm run package -- --dir` offline: builds, packs with electron-builder
 * (around a placeholder when Electron's binary is not installed), and the
 * archive holds the built app and its runtime dependencies, the native
 * modules sit unpacked beside it, and no test, bench, source or source map ships.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listPackage, statFile, extractFile } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(path.join(ROOT, 'package.json'));
const output = mkdtempSync(path.join(tmpdir(), 'momo-pos-package-'));
const unpackedDir = path.join(output, { linux: 'linux-unpacked', win32: 'win-unpacked' }[process.platform as string] ?? 'unpacked');
const resources = path.join(unpackedDir, 'resources');
const archive = path.join(resources, 'app.asar');
const keytarInstalled = (() => {
  try {
    require.resolve('keytar');
    return true;
  } catch {
    return false; // optional: absent where libsecret-1-dev was missing at npm ci
  }
})();

let entries: string[] = [];
let said = '';

beforeAll(() => {
  const run = spawnSync(process.execPath, ['scripts/package.mjs', '--dir', `-c.directories.output=${output}`], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  said = `${run.stdout}\n${run.stderr}`;
  if (run.status !== 0) throw new Error(`npm run package -- --dir failed (${run.status ?? run.signal}):\n${said.slice(-3000)}`);
  entries = listPackage(archive, { isPack: false }).map((entry) => entry.split(path.sep).join('/'));
}, 300_000);

afterAll(() => rmSync(output, { recursive: true, force: true }));

describe('npm run package -- --dir', () => {
  it('lays out resources/app.asar with the built app, the package.json it starts from, and its runtime dependencies', () => {
    expect(existsSync(archive)).toBe(true);
    for (const file of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']) expect(entries).toContain(file);
    expect(entries.some((entry) => /^\/out\/renderer\/assets\/index-[\w-]+\.js$/.test(entry))).toBe(true);
    const manifest = JSON.parse(extractFile(archive, 'package.json').toString('utf8')) as { main: string };
    expect(manifest.main).toBe('out/main/index.js');
    for (const dependency of ['better-sqlite3', 'zod', 'libphonenumber-js', 'qrcode', 'csv-stringify', '@point-of-sale/receipt-printer-encoder']) {
      expect(entries, dependency).toContain(`/node_modules/${dependency}/package.json`);
    }
    // Build tools and test tools stay out.
    for (const devOnly of ['electron', 'vitest', 'react', 'typescript', 'electron-builder', '@doyensec/electronegativity', 'playwright-core']) {
      expect(entries, devOnly).not.toContain(`/node_modules/${devOnly}`);
    }
  });

  it('ships no test, bench, TypeScript source or source map', () => {
    const top = new Set(entries.map((entry) => entry.split('/')[1]));
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json']);
    const shipped = [...entries, ...walk(path.join(resources, 'app.asar.unpacked')).map((file) => `/${path.relative(path.join(resources, 'app.asar.unpacked'), file).split(path.sep).join('/')}`)];
    const offending = shipped.filter(
      (entry) => /\/(test|tests|__tests__|bench|benchmark|benchmarks)(\/|$)/i.test(entry) || /\/test(-[\w-]+)?\.(js|html)$|\.(test|spec)\.[cm]?js$/.test(entry) || entry.endsWith('.map') || /\.(ts|tsx|mts|cts)$/.test(entry.replace(/\.d\.ts$/, '')),
    );
    expect(offending).toEqual([]);
  });

  it('keeps the native modules unpacked beside the archive, for this OS only', () => {
    const unpacked = path.join(resources, 'app.asar.unpacked');
    const sqlite = `node_modules/better-sqlite3/prebuilds/${process.platform}-${process.arch}.node`;
    expect(statSync(path.join(unpacked, sqlite)).size).toBeGreaterThan(100_000);
    expect((statFile(archive, sqlite) as { unpacked?: boolean }).unpacked).toBe(true);
    const natives = walk(unpacked).filter((file) => file.endsWith('.node')).map((file) => path.relative(unpacked, file).split(path.sep).join('/'));
    const otherOs = natives.filter((file) => file.includes('/prebuilds/') && !path.basename(file).startsWith(process.platform));
    expect(otherOs).toEqual([]);
    // Nothing native is left inside the archive, where it could not be loaded.
    expect(entries.filter((entry) => entry.endsWith('.node')).every((entry) => (statFile(archive, entry.slice(1)) as { unpacked?: boolean }).unpacked === true)).toBe(true);
    if (keytarInstalled) {
      expect(natives).toContain('node_modules/keytar/build/Release/keytar.node');
      expect(natives.filter((file) => file.startsWith('node_modules/keytar/'))).toEqual(['node_modules/keytar/build/Release/keytar.node']);
    } else {
      expect(natives.some((file) => file.startsWith('node_modules/keytar/'))).toBe(false);
    }
  });

  it('says when it packaged around a placeholder, and then flips no fuses', () => {
    const electronInstalled = existsSync(path.join(ROOT, 'node_modules/electron/path.txt'));
    if (electronInstalled) {
      expect(said).toMatch(/fuses flipped/);
    } else {
      expect(said).toMatch(/placeholder/);
      expect(said).not.toMatch(/executing @electron\/fuses/);
    }
    expect(existsSync(path.join(unpackedDir, process.platform === 'win32' ? 'MoMo POS.exe' : 'momo-pos'))).toBe(true);
  });
});

describe('electron-builder.cjs', () => {
  const load = (env: Record<string, string | undefined>) => {
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    const set = (values: Record<string, string | undefined>) => {
      for (const [name, value] of Object.entries(values)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    };
    set(env);
    try {
      const file = path.join(ROOT, 'electron-builder.cjs');
      delete require.cache[file];
      return require(file) as Record<string, unknown>;
    } finally {
      set(saved);
    }
  };

  it('flips the fuses as Signal and Element do wherever the real binary is packaged, and none around the placeholder', () => {
    const real = load({ MOMO_POS_ELECTRON_PLACEHOLDER: undefined, MOMO_POS_ELECTRON_DIST: undefined });
    expect(real.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(real.electronDist).toBeUndefined();
    const placeholder = load({ MOMO_POS_ELECTRON_PLACEHOLDER: '1', MOMO_POS_ELECTRON_DIST: '/tmp/placeholder' });
    expect(placeholder.electronFuses).toBeUndefined();
    expect(placeholder.electronDist).toBe('/tmp/placeholder');
  });

  it('builds installers per OS, unpacks natives and rebuilds nothing', () => {
    const config = load({}) as { asarUnpack: string[]; npmRebuild: boolean; linux: { target: string[] }; win: { target: string[] }; mac: { target: string[] } };
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(config.npmRebuild).toBe(false);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });
});

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}
