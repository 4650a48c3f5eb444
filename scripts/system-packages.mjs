// The Debian packages the test suite needs, installed through apt when they
// are missing and we are root (a fresh machine, CI); otherwise one sentence
// naming the command. Plain JavaScript for any Node: .ci/run calls it before
// `npm ci` so that keytar can build against libsecret.
//   node scripts/system-packages.mjs
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** [Debian package, why]: keep the reasons, a newcomer reads them in the output. */
export const SYSTEM_PACKAGES = [
  ['chromium', 'the e2e suite drives Debian’s Chromium'],
  ['pkg-config', 'keytar’s build finds libsecret with it'],
  ['libsecret-1-dev', 'keytar builds against it'],
  ['gnome-keyring', 'the keychain suite runs a real Secret Service'],
  ['dbus', 'a private D-Bus session for that keyring'],
  ['dbus-x11', 'dbus-launch, for the same'],
  ['sqlite3', 'the tamper tests edit a ledger behind the app’s back'],
  ['poppler-utils', 'pdftotext reads receipt and report PDFs'],
  ['fonts-noto-core', 'receipts and screenshots in every language'],
  ['postgresql', 'the head-office suite starts a throwaway PostgreSQL server'],
  ['faketime', 'the clock tests start the app with the computer’s date set wrong'],
  ['libfaketime', 'the library faketime preloads'],
];

function installed(name) {
  const query = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return query.status === 0 && query.stdout.includes('install ok installed');
}

/** Returns true when every package is there (after installing what it could). */
export function ensureSystemPackages({ say = console.log } = {}) {
  if (!existsSync('/usr/bin/dpkg-query')) {
    say('System packages: not a Debian-like system, so nothing is installed; the suites that need Chromium, gnome-keyring or libsecret say so if they are missing.');
    return true;
  }
  const missing = SYSTEM_PACKAGES.filter(([name]) => !installed(name));
  if (missing.length === 0) return true;
  const names = missing.map(([name]) => name);
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    say(`Missing system packages: ${missing.map(([name, why]) => `${name} (${why})`).join(', ')}. Install them with: sudo apt-get install -y --no-install-recommends ${names.join(' ')}`);
    return false;
  }
  say(`Installing system packages with apt: ${names.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (!install || install.status !== 0) {
    say(`apt-get could not install ${names.join(' ')} (see above); install them by hand and run the tests again.`);
    return false;
  }
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(ensureSystemPackages() ? 0 : 1);
}
