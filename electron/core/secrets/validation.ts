import { ValidationError } from '../../../shared/errors';
import { isSecretName, type SecretName } from './names';

/** Longer than any MoMo key or user id (32-36 characters); the PosApi contract allows 200 too. */
export const MAX_SECRET_LENGTH = 200;

// C0 and C1 control characters, DEL included: a pasted key never holds one.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

export function assertSecretName(name: unknown): asserts name is SecretName {
  if (!isSecretName(name)) throw new ValidationError('name', 'error.secrets.notCredentialMomoPos');
}

/**
 * The value as it will be stored: trimmed, non-empty, no control characters,
 * at most MAX_SECRET_LENGTH. `field` names what the person typed or set.
 * Messages never repeat the value.
 */
export function normalizeSecretValue(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new ValidationError(field, 'error.secrets.enterValueAsText');
  const trimmed = value.trim();
  if (trimmed === '') throw new ValidationError(field, 'error.secrets.enterValueCannotEmpty');
  if (CONTROL_CHARACTER.test(trimmed)) {
    throw new ValidationError(field, 'error.secrets.valueContainsLineBreak');
  }
  if (trimmed.length > MAX_SECRET_LENGTH) {
    throw new ValidationError(field, 'error.secrets.valueLongerThanCharacters', { MAX_SECRET_LENGTH });
  }
  return trimmed;
}
