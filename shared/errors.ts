/** Errors as values with a code; turned into sentences only in shared/messages. */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHORIZED'
  | 'LEDGER_TOO_NEW'
  | 'LEDGER_TAMPERED'
  | 'KEYCHAIN_UNAVAILABLE'
  | 'MOMO'
  | 'INTERNAL'
  /** The ledger file failed its integrity check: refused, never written, never copied. */
  | 'LEDGER_DAMAGED'
  /** SQLITE_FULL / ENOSPC: the action was not saved. */
  | 'DISK_FULL'
  /** The computer's clock is behind the ledger's last entry: nothing was saved. */
  | 'CLOCK_BEHIND'
  /** Too many receipts wait for the fiscal device's signature (or one waited too long): no new sale until it signs. */
  | 'FISCAL_UNSIGNED_LIMIT'
  /** The fiscal device could not be reached or refused during set-up: nothing was stored. */
  | 'FISCAL_DEVICE';

export class PosError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'PosError';
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}

/** Bad input: names the field so the UI can point at it. */
export class ValidationError extends PosError {
  constructor(field: string, message: string) {
    super('VALIDATION', message, field);
    this.name = 'ValidationError';
  }
}

/**
 * MoMo could not be reached or refused, during set-up (provisioning, go
 * live): the English sentence, plus the reason code and facts (host,
 * environment) the screen words it from in the manager's language — as the
 * connection test's answer carries them.
 */
export class MomoSetupError extends PosError {
  readonly reason: string;
  readonly facts: Record<string, string>;
  constructor(message: string, reason: string, facts: Record<string, string> = {}) {
    super('MOMO', message);
    this.name = 'MomoSetupError';
    this.reason = reason;
    this.facts = facts;
  }
}
