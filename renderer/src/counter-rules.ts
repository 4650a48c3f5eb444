/**
 * The counter's input rules, taken from the market the engine runs in: the
 * same shared parsers the engine uses, so what the cashier is told before
 * sending is what the engine would answer.
 */
import type { AppInfo } from '../../shared/contract';
import { ValidationError, type Notice } from '../../shared/errors';
import { marketFor } from '../../shared/markets';
import { parseAmount } from '../../shared/money';
import { parsePayerNumber, type PayerNumber, type PhoneRules } from '../../shared/phone';

export function phoneRulesFor(info: AppInfo): PhoneRules {
  const market = marketFor(info.targetEnvironment);
  return {
    country: (market?.country ?? info.country) as PhoneRules['country'],
    // Unknown market: no MTN prefix list to compare with, so no "not on MTN" warning ('' prefixes every number).
    mtnPrefixes: market?.mtnPrefixes ?? [''],
    training: info.mode === 'training',
  };
}

export type Checked<T> = { ok: true; value: T } | { ok: false; notice: Notice };

function checked<T>(run: () => T): Checked<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, notice: { key: error.key, params: error.params, message: error.message } };
    throw error;
  }
}

export function checkPhone(text: string, info: AppInfo): Checked<PayerNumber> {
  return checked(() => parsePayerNumber(text, phoneRulesFor(info)));
}

export function checkAmount(text: string, info: AppInfo): Checked<number> {
  return checked(() => parseAmount(text, info.currency));
}
