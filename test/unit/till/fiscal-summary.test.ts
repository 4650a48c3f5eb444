/** The report's fiscal summary from the ledger's records: per label in the fixed order, amounts only where every receipt's lines read. */
import { describe, expect, it } from 'vitest';
import { fiscalReceiptTotal, fiscalSummary } from '../../../electron/core/till/fiscal-summary';
import type { FiscalReceiptRecord } from '../../../electron/core/ledger';

const line = (priceMinor: number, qtyMilli = 1000, discountMinor = 0) => ({ itemCode: 'RW2NTU0000001', priceMinor, qtyMilli, discountMinor, taxType: 'B' });
let n = 0;
const record = (label: FiscalReceiptRecord['label'], status: FiscalReceiptRecord['status'], event: string, createdAt = '2026-12-04T10:00:00.000Z'): FiscalReceiptRecord => ({
  eventKey: `sale:${++n}`,
  invoiceNo: n,
  label,
  event,
  status,
  createdAt,
  updatedAt: createdAt,
});
const lines = (...items: ReturnType<typeof line>[]) => JSON.stringify({ lines: items });

describe('fiscal summary', () => {
  it('a receipt’s total is its lines’ (quantity in thousandths, half up; discount off)', () => {
    expect(fiscalReceiptTotal(record('NS', 'signed', lines(line(7000), line(333, 1500, 100))))).toBe(7000 + 500 - 100);
    expect(fiscalReceiptTotal(record('NS', 'signed', 'not json'))).toBeUndefined();
    expect(fiscalReceiptTotal(record('NS', 'signed', lines(line(-5))))).toBeUndefined();
  });

  it('labels in the order NS NR CS CR TS TR PS; a duplicate counts as signed; one unreadable receipt leaves its group without an amount', () => {
    const finished = [
      record('TS', 'signed', lines(line(100))),
      record('NR', 'duplicate', lines(line(300))),
      record('NS', 'signed', lines(line(1000))),
      record('NS', 'signed', '{}'),
      record('NR', 'rejected', lines(line(50))),
    ];
    const waiting = [record('NS', 'pending', lines(line(20)), '2026-12-04T11:00:00.000Z'), record('NS', 'pending', lines(line(30)), '2026-12-04T09:30:00.000Z')];
    const summary = fiscalSummary({ inUse: true, finished: Object.fromEntries(finished.map((r) => [r.eventKey, r])), waiting }, false);
    expect(summary).toEqual({
      labels: [
        { label: 'NS', count: 2 },
        { label: 'NR', count: 1, amountMinor: 300 },
        { label: 'TS', count: 1, amountMinor: 100 },
      ],
      rejected: { count: 1, amountMinor: 50 },
      unsigned: { count: 2, amountMinor: 50, oldestAt: '2026-12-04T09:30:00.000Z' },
    });
  });

  it('nothing fiscal and not set up: no section; set up: an empty one', () => {
    expect(fiscalSummary({ inUse: false, finished: {}, waiting: [] }, false)).toBeUndefined();
    expect(fiscalSummary(undefined, true)).toEqual({ labels: [], rejected: { count: 0 }, unsigned: { count: 0 } });
  });
});
