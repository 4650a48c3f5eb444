/**
 * Non-secret settings (country, currency, merchant name, receipt header…),
 * stored as JSON. Secrets live in the OS keychain, never here: keys that
 * look like secrets are refused.
 */
import { ValidationError } from '../../../shared/errors';
import type { LedgerContext } from './context';
import { statement } from './statements';

/** Keys the ledger itself owns; not writable through setSetting. */
export const RESERVED_PREFIX = 'ledger.';
export const DEVICE_ID_KEY = 'ledger.deviceId';
export const LEDGER_KIND_KEY = 'ledger.kind';
export const DAY_STARTS_AT_HOUR_KEY = 'dayStartsAtHour';

const SECRET_LOOKING = /secret|password|passwd|api[_-]?key|apikey|subscription[_-]?key|token|private/i;

function settingKey(key: unknown): string {
  if (typeof key !== 'string' || !/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/.test(key)) {
    throw new ValidationError('key', 'error.ledger.settingKey1100');
  }
  return key;
}

export function createSettingsRepository(ctx: LedgerContext) {
  const { db } = ctx;
  const read = (key: string): unknown => {
    const row = statement(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
  };
  // Bumped on every write through this connection; with SQLite's data_version
  // (bumped by other connections' commits) it tells readers when to re-read.
  let revision = 0;
  const writeRaw = (key: string, value: unknown) => {
    revision++;
    statement(db, 
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    ).run(key, JSON.stringify(value), ctx.now().toISOString());
  };

  return {
    getSetting<T = unknown>(key: string): T | undefined {
      return read(settingKey(key)) as T | undefined;
    },

    setSetting(key: string, value: unknown): void {
      settingKey(key);
      if (key.startsWith(RESERVED_PREFIX)) throw new ValidationError('key', 'error.ledger.settingsUnderBelongLedger', { RESERVED_PREFIX });
      if (SECRET_LOOKING.test(key)) throw new ValidationError('key', 'error.ledger.secretsGoKeychainNever');
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
        throw new ValidationError('value', 'error.ledger.settingValueMustJson');
      }
      let text: string;
      try {
        text = JSON.stringify(value);
      } catch {
        throw new ValidationError('value', 'error.ledger.settingValueMustJson2');
      }
      if (text.length > 64_000) throw new ValidationError('value', 'error.ledger.settingValueMost64');
      if (key === DAY_STARTS_AT_HOUR_KEY && (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 23)) {
        throw new ValidationError('value', 'error.common.businessDayStartsWhole');
      }
      ctx.write(() => writeRaw(key, value));
    },

    /** Changes whenever any setting may have changed (here or in another connection). */
    settingsRevision(): string {
      return `${revision}:${String(db.pragma('data_version', { simple: true }))}`;
    },

    allSettings(): Record<string, unknown> {
      const rows = statement(db, 'SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[];
      return Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
    },

    /** For the ledger's own keys: no reserved-prefix check. Call inside a write. */
    writeInternal: writeRaw,
    readInternal: read,

    dayStartsAtHour(): number {
      const hour = read(DAY_STARTS_AT_HOUR_KEY);
      return typeof hour === 'number' && Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : 0;
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
