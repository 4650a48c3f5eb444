/**
 * The shop's non-secret set-up (market, merchant details, receipt, printer,
 * language) travels between the two ledgers when the merchant switches mode,
 * so training rehearses exactly what live will do. Secrets never come here.
 *
 * The fee rule for reports is not copied here: electron/core/till/fees.ts
 * derives its default from the market (targetEnvironment), which is.
 */
import { readSettings, updateSettings, type Settings, type SettingsStore } from '../settings';
import type { Ledger } from '../ledger';
import { MANAGER_PIN_KEY } from '../till';
import { FISCAL_DEVICE_SETTING } from '../fiscal/config';

/** Setting key: true once the merchant went live; false when they deliberately went back to training. Read at start-up. */
export const LIVE_ENABLED_KEY = 'liveEnabled';

/** Every non-secret setting from one ledger into the other. */
export function copyShopSettings(from: SettingsStore, to: SettingsStore): Settings {
  // The fiscal device's set-up follows the shop to a ledger that has none (the device itself is initialised once, whatever the mode).
  const fiscal = from.getSetting<unknown>(FISCAL_DEVICE_SETTING);
  if (fiscal !== undefined && to.getSetting<unknown>(FISCAL_DEVICE_SETTING) === undefined) to.setSetting(FISCAL_DEVICE_SETTING, fiscal);
  return updateSettings(to, readSettings(from) as unknown as Partial<Record<keyof Settings, unknown>>);
}

/**
 * The manager PIN (its hash) follows the shop to a ledger that has none yet:
 * a live ledger without one would be at "first start", where whoever is at
 * the till could choose it. A ledger that has its own PIN keeps it.
 */
export function copyManagerPin(from: Pick<Ledger, 'getSetting'>, to: Pick<Ledger, 'getSetting' | 'setSetting'>): void {
  const pin = from.getSetting<unknown>(MANAGER_PIN_KEY);
  if (pin !== undefined && to.getSetting<unknown>(MANAGER_PIN_KEY) === undefined) to.setSetting(MANAGER_PIN_KEY, pin);
}
