import { describe, expect, it } from 'vitest';
import { MAX_SECRET_LENGTH, normalizeSecretValue } from '../../../electron/core/secrets';
import { ValidationError } from '../../../shared/errors';

function refusal(value: unknown): ValidationError {
  try {
    normalizeSecretValue('apiKey', value);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('the value was accepted');
}

describe('secret values', () => {
  it('are stored trimmed', () => {
    expect(normalizeSecretValue('apiKey', '  0f1e2d3c4b5a69788796a5b4c3d2e1f0\r\n')).toBe('0f1e2d3c4b5a69788796a5b4c3d2e1f0');
  });

  it('may be exactly the longest allowed', () => {
    expect(normalizeSecretValue('apiKey', 'k'.repeat(MAX_SECRET_LENGTH))).toHaveLength(MAX_SECRET_LENGTH);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   \t '],
    ['not text', 42],
    ['undefined', undefined],
    ['a line break inside', 'abc\ndef'],
    ['a tab inside', 'abc\tdef'],
    ['a NUL', 'abc\u0000def'],
    ['DEL', 'abc\u007fdef'],
    ['a C1 control (NEL)', 'abc\u0085def'],
    ['too long', 'k'.repeat(MAX_SECRET_LENGTH + 1)],
  ])('are refused when %s, naming the field', (_, value) => {
    const error = refusal(value);
    expect(error.code).toBe('VALIDATION');
    expect(error.field).toBe('apiKey');
  });

  it('never repeat the refused value in the message', () => {
    const value = 'secret-part-1\nsecret-part-2';
    expect(refusal(value).message).not.toContain('secret-part');
  });
});
