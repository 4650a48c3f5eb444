/**
 * The MoMo balance on the shift: read the Collection account at opening and
 * closing (and when the manager asks on the X report), and hold the change
 * against the shift's MoMo money. A balance MoMo did not give is "not read"
 * with the reason's code — never a figure made up from the sales.
 */
import { fromDecimalString, type Currency } from '../../../shared/money';
import type { BalanceReadingView, MomoBalanceCheck, Totals } from '../../../shared/till-report';
import type { BalanceReading } from '../ledger';
import { MomoError, type CollectionOperations } from '../momo';

/** A balance read must never hold a shift's opening or closing for long. */
export const BALANCE_TIMEOUT_MS = 8_000;

export type BalanceAnswer = { availableMinor: number; currency: Currency } | { problem: string };

export async function readMomoBalance(collection: Pick<CollectionOperations, 'getAccountBalance'>, currency: Currency, timeoutMs = BALANCE_TIMEOUT_MS): Promise<BalanceAnswer> {
  try {
    const balance = await collection.getAccountBalance({ signal: AbortSignal.timeout(timeoutMs) });
    if (balance.currency !== currency) return { problem: 'OTHER_CURRENCY' };
    const availableMinor = fromDecimalString(balance.availableBalance, currency);
    if (!Number.isSafeInteger(availableMinor) || availableMinor < 0) return { problem: 'BAD_RESPONSE' };
    return { availableMinor, currency };
  } catch (error) {
    if (error instanceof MomoError) return { problem: error.code };
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return { problem: 'TIMEOUT' };
    return { problem: 'BAD_RESPONSE' };
  }
}

export function readingView(reading: BalanceReading | { at: string } & BalanceAnswer): BalanceReadingView {
  return {
    at: reading.at,
    ...('availableMinor' in reading && reading.availableMinor !== undefined ? { availableMinor: reading.availableMinor } : {}),
    ...('problem' in reading && reading.problem !== undefined ? { problem: reading.problem } : {}),
  };
}

/**
 * The check a report prints: change only when both ends were read, difference only when there is a change.
 * expectedChangeMinor: the MoMo money (less fees and MoMo refunds) that reached the account between the readings;
 * betweenShifts: this report's MoMo money that moved outside them (its own line, never a difference).
 */
export function momoBalanceCheck(expectedChangeMinor: number, betweenShifts: Totals, open?: BalanceReadingView, close?: BalanceReadingView): MomoBalanceCheck {
  const check: MomoBalanceCheck = { ...(open ? { open } : {}), ...(close ? { close } : {}), expectedChangeMinor, ...(betweenShifts.count > 0 ? { betweenShifts } : {}) };
  if (open?.availableMinor !== undefined && close?.availableMinor !== undefined) {
    check.changeMinor = close.availableMinor - open.availableMinor;
    check.differenceMinor = check.changeMinor - expectedChangeMinor;
  }
  return check;
}
