import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../electron/core/ledger';

describe('canonical JSON for journal entries', () => {
  it('sorts keys at every depth and leaves out whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}');
  });

  it('gives the same bytes whatever order the keys were written in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(object));
      }),
    );
  });

  it('round-trips: parsing canonical JSON and writing it again changes nothing', () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
      node: fc.oneof({ maxDepth: 3 }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        const text = canonicalJson(v);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('escapes text exactly as JSON does (non-ASCII kept as is)', () => {
    expect(canonicalJson({ note: 'Café "Chez Nous"\n₵' })).toBe('{"note":"Café \\"Chez Nous\\"\\n₵"}');
  });

  it('refuses floats, NaN, infinities and unsafe integers: money is whole minor units', () => {
    for (const bad of [1.5, Number.NaN, Infinity, 2 ** 53]) expect(() => canonicalJson({ amountMinor: bad })).toThrow(TypeError);
  });

  it('refuses what JSON cannot hold faithfully', () => {
    for (const bad of [() => 1, Symbol('x'), 10n, new Date(0), new Map()]) expect(() => canonicalJson({ x: bad })).toThrow(TypeError);
  });

  it('drops undefined object fields, like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});
