import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/errors';
import { MAX_AMOUNT_MINOR } from '../../../shared/money';
import * as v from '../../../electron/core/ledger/validation';

const refused = (fn: () => unknown, field: string) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    return;
  }
  throw new Error('accepted');
};

describe('ledger input checks', () => {
  it('amounts: positive safe integers up to the maximum', () => {
    expect(v.amount(1, 'a')).toBe(1);
    expect(v.amount(MAX_AMOUNT_MINOR, 'a')).toBe(MAX_AMOUNT_MINOR);
    for (const bad of [0, -1, 1.5, MAX_AMOUNT_MINOR + 1, Number.NaN, Infinity, '100', null, undefined, 2 ** 53]) refused(() => v.amount(bad, 'a'), 'a');
  });

  it('a float or a counted drawer may be zero, never negative', () => {
    expect(v.amountOrZero(0, 'f')).toBe(0);
    refused(() => v.amountOrZero(-1, 'f'), 'f');
  });

  it('currencies: only the ones the app knows', () => {
    expect(v.currency('RWF')).toBe('RWF');
    for (const bad of ['rwf', 'USD', '', 1, undefined, 'toString']) refused(() => v.currency(bad), 'currency');
  });

  it('reference ids: UUID v4 only, stored lower-case', () => {
    expect(v.referenceId('3F2504E0-4F89-41D3-9A0C-0305E82C3301')).toBe('3f2504e0-4f89-41d3-9a0c-0305e82c3301');
    for (const bad of ['', 'abc', '3f2504e0-4f89-11d3-9a0c-0305e82c3301', '3f2504e0-4f89-41d3-ca0c-0305e82c3301', 42]) refused(() => v.referenceId(bad), 'referenceId');
  });

  it('phone numbers: 8 to 15 digits', () => {
    expect(v.msisdn('46733123450')).toBe('46733123450');
    for (const bad of ['', '1234567', '1234567890123456', '+250788123456', '0788 123 456', 250788123456]) refused(() => v.msisdn(bad), 'msisdn');
  });

  it('ids: non-empty, untrimmed text refused', () => {
    for (const bad of ['', '   ', ' x', undefined, null, 7, 'x'.repeat(101)]) refused(() => v.id(bad, 'saleId'), 'saleId');
  });

  it('device ids: letters and digits, 1 to 16', () => {
    expect(v.deviceId('POS1')).toBe('POS1');
    expect(v.deviceId('till2')).toBe('TILL2');
    for (const bad of ['', 'POS-1', 'a'.repeat(17), 'é']) refused(() => v.deviceId(bad), 'deviceId');
  });
});
