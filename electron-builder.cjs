// Packaging (electron-builder). Run through `npm run package` (scripts/package.mjs),
// which builds first and says which Electron binary is used:
//   - node_modules/electron/dist when Electron's binary is installed there;
//   - with `-- --dir` and no binary (our machines: it cannot be downloaded), a
//     placeholder folder, so the archive is laid out and tested offline. The
//     result does not run, and the fuses below are NOT flipped (they live in the binary);
//   - otherwise electron-builder downloads Electron itself (needs the internet).
//
// Native modules: better-sqlite3 and keytar are N-API builds (one binary per
// OS and CPU, whatever the Node or Electron), so nothing is rebuilt
// (npmRebuild: false); they stay outside the asar (asarUnpack), since a
// .node file cannot be loaded from inside an archive.
'use strict';

/**
 * Fuses as Signal Desktop and Element set them: no ELECTRON_RUN_AS_NODE, no
 * NODE_OPTIONS, no --inspect, cookies encrypted, the app loaded only from
 * its (integrity-checked) asar, file:// without extra privileges (we serve app://).
 * Applied only where the real Electron binary is packaged.
 */
const FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

const electronDist = process.env.MOMO_POS_ELECTRON_DIST || undefined;
const placeholder = process.env.MOMO_POS_ELECTRON_PLACEHOLDER === '1';

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'com.momopos.desktop',
  productName: 'MoMo POS',
  executableName: 'momo-pos',
  copyright: 'MoMo POS',
  directories: { output: 'dist', buildResources: 'build' },
  // The built app only: no TypeScript sources, tests, benches or source maps.
  files: [
    'package.json',
    'out/**/*',
    '!**/*.map',
    '!**/*.{ts,mts,cts,tsx}',
    '!**/{test,tests,__tests__,bench,benchmark,benchmarks,example,examples,docs,.github}/**',
    '!**/{test,test-*,*.test,*.spec}.{js,mjs,cjs,html}',
    '!**/*.{md,markdown}',
    '!node_modules/better-sqlite3/{deps,src,binding.gyp}',
    '!node_modules/better-sqlite3/deps/**',
    '!node_modules/better-sqlite3/src/**',
    '!node_modules/keytar/{src,binding.gyp}',
    '!node_modules/keytar/src/**',
    '!node_modules/keytar/build/Release/obj.target/**',
    '!node_modules/keytar/build/Release/.deps/**',
    '!node_modules/keytar/build/{Makefile,config.gypi,*.mk}',
    // better-sqlite3 brings its N-API build for every OS: only the target OS's ships (${platform} is linux, win32 or darwin).
    '!node_modules/better-sqlite3/prebuilds/!(${platform}*)',
  ],
  asar: true,
  asarUnpack: ['**/*.node'],
  npmRebuild: false,
  ...(electronDist ? { electronDist } : {}),
  ...(placeholder ? {} : { electronFuses: FUSES }),
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    synopsis: 'Point of sale for MTN Mobile Money',
    maintainer: 'MoMo POS <support@momopos.invalid>',
  },
  // keytar talks to the Secret Service through libsecret.
  deb: { depends: ['libsecret-1-0', 'libnss3', 'libgtk-3-0', 'libxss1', 'libasound2'] },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true, deleteAppDataOnUninstall: false },
  mac: { target: ['dmg'], category: 'public.app-category.business' },
  publish: null,
};
