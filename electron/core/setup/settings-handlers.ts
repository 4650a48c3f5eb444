/**
 * `settings.get` / `settings.update`: the shop's non-secret settings (merchant,
 * receipt, printer, language, market, business day, fees), every value
 * checked by `../settings`; here the two checks that need set-up's rules: the
 * MoMo address and the shop's own MoMo number.
 */
import type { HandlerGroup } from '../api';
import type { PosContext } from '../context';
import { PosError } from '../../../shared/errors';
import { isMtnApiAddress } from '../../../shared/markets';
import { parsePayerNumber, phoneRulesFor } from '../../../shared/phone';
import { updateSettings } from '../settings';
import { unsafeBaseUrl } from './connection';

export function createSettingsHandlers(context: PosContext): HandlerGroup {
  return {
    'settings.get': () => ({ ...context.settings() }),
    'settings.update': (patch) => {
      // The MoMo address is checked when saved: MTN's own over https, or a custom https one (a simulator on 127.0.0.1 in development).
      // Stored keys go to a custom address only when they were typed in for it (credentials.set), checked again at start-up and before every request.
      if (patch.baseUrl !== undefined && !isMtnApiAddress(patch.baseUrl)) {
        const unsafe = unsafeBaseUrl(patch.baseUrl);
        if (unsafe) throw new PosError('VALIDATION', unsafe.key, unsafe.params, 'baseUrl');
      }
      // The shop's own MoMo number is stored as MoMo wants it (E.164 digits); '' clears it.
      const number = patch.merchantMomoNumber;
      const rules = () => phoneRulesFor(context.settings().targetEnvironment, context.mode === 'training');
      const normalised = number === undefined ? patch : { ...patch, merchantMomoNumber: number === '' ? '' : parsePayerNumber(number, rules()).msisdn };
      const next = updateSettings(context.ledger, normalised);
      context.events.emit({ type: 'settings.changed' });
      return { ...next };
    },
  };
}
