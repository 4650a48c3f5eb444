/**
 * Set-up test rig: the real engine (startPos) on a temp data folder, driven
 * through its router like the renderer does, with a vault per environment
 * (memory for the plain suite, the real keychain for the keychain suite),
 * and a secrets scan over everything the run left behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPos, type Pos } from '../../../electron/core/app';
import { PosError } from '../../../shared/errors';
import { SECRET_NAMES, keychainProblem, keychainUnavailableKey, type CredentialVault, type SecretName } from '../../../electron/core/secrets';
import type { PosResult } from '../../../shared/contract';

/** The manager PIN the rig chooses (or types, after a restart). */
export const RIG_MANAGER_PIN = '482916';

/** Secrets in memory, for tests only: the app itself never has such a vault. */
export function memoryVault(): CredentialVault & { values: Map<SecretName, string> } {
  const values = new Map<SecretName, string>();
  let address: string | undefined;
  return {
    values,
    async keysAddress() {
      return address;
    },
    async setKeysAddress(next) {
      address = next;
    },
    async status() {
      return { available: true, set: Object.fromEntries(SECRET_NAMES.map((name) => [name, values.has(name)])) as Record<SecretName, boolean> };
    },
    async get(name) {
      return values.get(name);
    },
    async set(name, value) {
      values.set(name, value.trim());
    },
    async clear(name) {
      if (name) values.delete(name);
      else {
        values.clear();
        address = undefined;
      }
    },
  };
}

/** A vault over a keychain that is not there: what createKeychainVault does without a Secret Service. */
export function unavailableVault(): CredentialVault {
  const problem = keychainProblem('linux', 'Could not connect: No such file or directory');
  const refuse = () => Promise.reject(new PosError('KEYCHAIN_UNAVAILABLE', keychainUnavailableKey('linux'), { said: ' (Could not connect: No such file or directory)' }));
  return {
    async status() {
      return { available: false, problem, set: Object.fromEntries(SECRET_NAMES.map((name) => [name, false])) as Record<SecretName, boolean> };
    },
    get: refuse,
    set: refuse,
    clear: refuse,
  };
}

export const secret = (label: string): string => `${label}-${randomBytes(12).toString('hex')}`;

export interface SetupRig {
  dataDir: string;
  pos: Pos;
  logs: string[];
  call<T = unknown>(method: string, input?: unknown): Promise<PosResult<T>>;
  /** The data, or the test fails with the envelope's code and message. */
  ok<T = unknown>(method: string, input?: unknown): Promise<T>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startSetupRig(vaultFor: (environment: string) => CredentialVault, dataDir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-setup-'))): Promise<SetupRig> {
  const logs: string[] = [];
  const start = () =>
    startPos({
      dataDir,
      dataDirKind: 'custom',
      version: '0.0.0-test',
      transport: 'http',
      env: { MOMO_POS_SIM_APPROVAL_MS: '0' },
      vaultFor,
      log: (line) => logs.push(line),
    });
  // The wizard runs as one caller holding the manager's grant (the engine refuses set-up to anyone else).
  const manager = { id: 'test:manager' };
  const unlocked = async (started: Pos) => {
    const status = await started.router.call('till.status', {}, manager);
    const pinSet = status.ok && (status.data as { managerPinSet: boolean }).managerPinSet;
    const unlock = await started.router.call(pinSet ? 'till.checkManagerPin' : 'till.setManagerPin', { pin: RIG_MANAGER_PIN }, manager);
    if (!unlock.ok) throw new Error(`unlock failed: ${unlock.code}: ${unlock.message}`);
    return started;
  };
  let pos = await unlocked(await start());
  const rig: SetupRig = {
    dataDir,
    get pos() {
      return pos;
    },
    logs,
    call: (method, input = {}) => pos.router.call(method, input, manager) as never,
    async ok(method, input = {}) {
      const result = await pos.router.call(method, input, manager);
      if (!result.ok) throw new Error(`${method} failed: ${result.code}: ${result.message}`);
      return result.data as never;
    },
    async restart() {
      await pos.close();
      pos = await unlocked(await start());
    },
    async close() {
      await pos.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return rig;
}

export function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The forms a secret could be written in: as is, and inside a Basic header (base64 of user:key). */
export function secretForms(secrets: { values: string[]; apiUser?: string; apiKey?: string }): string[] {
  const forms = [...secrets.values];
  if (secrets.apiUser && secrets.apiKey) forms.push(Buffer.from(`${secrets.apiUser}:${secrets.apiKey}`).toString('base64'));
  return forms.filter((form) => form.length >= 8);
}

/** Where each secret form was found: file paths (binary-searched, SQLite pages and WAL included) or labels of texts. */
export function findSecrets(forms: string[], places: { files?: string[]; texts?: Record<string, string> }): string[] {
  const found: string[] = [];
  for (const file of places.files ?? []) {
    if (!statSync(file).isFile()) continue;
    const bytes = readFileSync(file);
    for (const form of forms) {
      // UTF-8 and UTF-16 (SQLite may store text either way).
      if (bytes.includes(Buffer.from(form, 'utf8')) || bytes.includes(Buffer.from(form, 'utf16le'))) found.push(`${file} holds ${form.slice(0, 6)}…`);
    }
  }
  for (const [label, text] of Object.entries(places.texts ?? {})) {
    for (const form of forms) if (text.includes(form)) found.push(`${label} holds ${form.slice(0, 6)}…`);
  }
  return found;
}

/** Waits until a sale is no longer awaiting payment; answers its view. */
export async function settledSale(rig: SetupRig, saleId: string, timeoutMs = 15_000): Promise<{ status: string; payments: Array<{ status: string }> }> {
  const started = Date.now();
  for (;;) {
    const sale = await rig.ok<{ status: string; payments: Array<{ status: string }> }>('sale.get', { saleId });
    if (sale.status !== 'awaiting_payment') return sale;
    if (Date.now() - started > timeoutMs) throw new Error(`sale ${saleId} still awaiting payment after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
