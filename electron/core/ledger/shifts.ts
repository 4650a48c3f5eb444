/**
 * Shifts and the cash drawer: the basic records. The till (X/Z reports,
 * expected vs counted cash) builds on these.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { PosError, ValidationError } from '../../../shared/errors';
import type { Currency } from '../../../shared/money';
import type { LedgerContext } from './context';
import { statement } from './statements';
import { appendJournal } from './journal';
import { toCashMovement, toShift, type CashMovementRow, type ShiftRow } from './rows';
import type { CashMovement, CashMovementKind, Shift } from './types';
import * as v from './validation';

export function openShiftRow(db: Database.Database, deviceId: string): ShiftRow | undefined {
  return statement(db, 'SELECT * FROM shifts WHERE device_id = ? AND closed_at IS NULL').get(deviceId) as ShiftRow | undefined;
}

/** The shift a new sale belongs to: the one named (must be open), else this device's open shift, else none. */
export function shiftForSale(db: Database.Database, deviceId: string, shiftId: string | undefined): string | undefined {
  if (shiftId === undefined) return openShiftRow(db, deviceId)?.id;
  const shift = statement(db, 'SELECT * FROM shifts WHERE id = ?').get(shiftId) as ShiftRow | undefined;
  if (!shift) throw new PosError('NOT_FOUND', 'error.ledger.noShiftWithId', { shiftId }, 'shiftId');
  if (shift.closed_at !== null) throw new PosError('CONFLICT', 'error.ledger.shiftClosed', {}, 'shiftId');
  return shift.id;
}

export function createShiftsRepository(ctx: LedgerContext) {
  const { db } = ctx;
  const shiftRow = (id: string) => statement(db, 'SELECT * FROM shifts WHERE id = ?').get(id) as ShiftRow | undefined;

  return {
    openShift(input: { openingFloatMinor: number; currency: Currency; openedBy: string; note?: string }): Shift {
      const i = v.object(input, 'input');
      const openingFloatMinor = v.amountOrZero(i.openingFloatMinor, 'openingFloatMinor');
      const currency = v.currency(i.currency);
      const openedBy = v.requiredText(i.openedBy, 'openedBy', 100);
      const note = v.optionalText(i.note, 'note', 500);
      return ctx.write(() => {
        if (openShiftRow(db, ctx.deviceId)) throw new PosError('CONFLICT', 'error.ledger.shiftAlreadyOpenTill');
        const row: ShiftRow = {
          id: randomUUID(),
          device_id: ctx.deviceId,
          opened_at: ctx.now().toISOString(),
          opened_by: openedBy,
          opening_float_minor: openingFloatMinor,
          currency,
          closed_at: null,
          closed_by: null,
          counted_cash_minor: null,
          note: note ?? null,
        };
        statement(db, 
          `INSERT INTO shifts (id, device_id, opened_at, opened_by, opening_float_minor, currency, note)
           VALUES (@id, @device_id, @opened_at, @opened_by, @opening_float_minor, @currency, @note)`,
        ).run(row);
        appendJournal(db, {
          at: row.opened_at,
          kind: 'shift.opened',
          subjectId: row.id,
          body: {
            shiftId: row.id,
            deviceId: row.device_id,
            openedAt: row.opened_at,
            openedBy: row.opened_by,
            openingFloatMinor: row.opening_float_minor,
            currency: row.currency,
          },
        });
        return toShift(row);
      });
    },

    currentShift(): Shift | undefined {
      const row = openShiftRow(db, ctx.deviceId);
      return row && toShift(row);
    },

    getShift(id: string): Shift | undefined {
      const row = shiftRow(v.id(id, 'shiftId'));
      return row && toShift(row);
    },

    closeShift(input: { shiftId: string; countedCashMinor: number; closedBy: string; note?: string }): Shift {
      const i = v.object(input, 'input');
      const shiftId = v.id(i.shiftId, 'shiftId');
      const countedCashMinor = v.totalOrZero(i.countedCashMinor, 'countedCashMinor');
      const closedBy = v.requiredText(i.closedBy, 'closedBy', 100);
      const note = v.optionalText(i.note, 'note', 500);
      return ctx.write(() => {
        const shift = shiftRow(shiftId);
        if (!shift) throw new PosError('NOT_FOUND', 'error.ledger.noShiftWithId', { shiftId }, 'shiftId');
        if (shift.closed_at !== null) throw new PosError('CONFLICT', 'error.ledger.shiftAlreadyClosed', {}, 'shiftId');
        const at = ctx.now().toISOString();
        statement(db, 'UPDATE shifts SET closed_at = ?, closed_by = ?, counted_cash_minor = ?, note = coalesce(?, note) WHERE id = ?').run(
          at,
          closedBy,
          countedCashMinor,
          note ?? null,
          shiftId,
        );
        appendJournal(db, {
          at,
          kind: 'shift.closed',
          subjectId: shiftId,
          body: { shiftId, closedAt: at, closedBy, countedCashMinor, currency: shift.currency },
        });
        return toShift(shiftRow(shiftId)!);
      });
    },

    addCashMovement(input: { shiftId: string; kind: CashMovementKind; amountMinor: number; currency: Currency; reason: string; by: string }): CashMovement {
      const i = v.object(input, 'input');
      const shiftId = v.id(i.shiftId, 'shiftId');
      const kind = v.oneOf(i.kind, ['in', 'out'] as const, 'kind');
      const amountMinor = v.amount(i.amountMinor, 'amountMinor');
      const currency = v.currency(i.currency);
      const reason = v.requiredText(i.reason, 'reason', 200);
      const by = v.requiredText(i.by, 'by', 100);
      return ctx.write(() => {
        const shift = shiftRow(shiftId);
        if (!shift) throw new PosError('NOT_FOUND', 'error.ledger.noShiftWithId', { shiftId }, 'shiftId');
        if (shift.closed_at !== null) throw new PosError('CONFLICT', 'error.ledger.shiftClosed', {}, 'shiftId');
        if (shift.currency !== currency) throw new ValidationError('currency', 'error.ledger.shiftSDrawerCounts', { currency: shift.currency });
        const row: CashMovementRow = { id: randomUUID(), shift_id: shiftId, kind, amount_minor: amountMinor, currency, reason, by_whom: by, at: ctx.now().toISOString() };
        statement(db, 
          `INSERT INTO cash_movements (id, shift_id, kind, amount_minor, currency, reason, by_whom, at)
           VALUES (@id, @shift_id, @kind, @amount_minor, @currency, @reason, @by_whom, @at)`,
        ).run(row);
        appendJournal(db, {
          at: row.at,
          kind: 'cash.movement',
          subjectId: row.id,
          body: { movementId: row.id, shiftId, kind, amountMinor, currency, reason, by, at: row.at },
        });
        return toCashMovement(row);
      });
    },

    cashMovements(shiftId: string): CashMovement[] {
      const id = v.id(shiftId, 'shiftId');
      return (statement(db, 'SELECT * FROM cash_movements WHERE shift_id = ? ORDER BY at, rowid').all(id) as CashMovementRow[]).map(toCashMovement);
    },
  };
}

export type ShiftsRepository = ReturnType<typeof createShiftsRepository>;
