/**
 * The counter's input rules, taken from the market the engine runs in: the
 * same shared parsers the engine uses, so what the cashier is told before
 * sending is what the engine would answer.
 */
import type { AppInfo } from '../../shared/contract';
import { ValidationError, type Notice } from '../../shared/errors';
import { parseAmount } from '../../shared/money';
import { parsePayerNumber, phoneRulesFor, type PayerNumber } from '../../shared/phone';

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
  return checked(() => parsePayerNumber(text, phoneRulesFor(info.targetEnvironment, info.mode === 'training')));
}

export function checkAmount(text: string, info: AppInfo): Checked<number> {
  return checked(() => parseAmount(text, info.currency));
}
