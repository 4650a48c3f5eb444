/**
 * The report's fiscal receipts: how many the device signed in the range per
 * label (with their totals, VAT included, from the lines sent), how many it
 * refused, and how many still wait for a signature at the range's end.
 */
import type { FiscalActivity, FiscalReceiptRecord } from '../ledger';
import type { FiscalLabelLine, FiscalReceiptLabel, FiscalSummary } from '../../../shared/till-report';
import { lineAmounts, type FiscalItemLine } from '../fiscal';

const ORDER: readonly FiscalReceiptLabel[] = ['NS', 'NR', 'CS', 'CR', 'TS', 'TR', 'PS'];

/** A receipt's total as sent (the sum of its lines), or undefined where the stored event cannot be read as lines. */
export function fiscalReceiptTotal(record: FiscalReceiptRecord): number | undefined {
  try {
    const event = JSON.parse(record.event) as { lines?: unknown };
    if (!Array.isArray(event.lines) || event.lines.length === 0) return undefined;
    let total = 0;
    // The total does not depend on the tax rate: a line's total is its taxable amount, VAT included.
    for (const line of event.lines as FiscalItemLine[]) total += lineAmounts(line, 0).totalMinor;
    return Number.isSafeInteger(total) ? total : undefined;
  } catch {
    return undefined;
  }
}

interface Sum {
  count: number;
  amountMinor?: number;
}
const addTo = (sum: Sum, record: FiscalReceiptRecord) => {
  const amount = fiscalReceiptTotal(record);
  sum.count += 1;
  // One unreadable receipt makes the amount unknown rather than wrong.
  if (sum.count === 1 || sum.amountMinor !== undefined) sum.amountMinor = amount === undefined ? undefined : (sum.amountMinor ?? 0) + amount;
};
const clean = <T extends Sum>(sum: T): T => {
  if (sum.amountMinor === undefined) delete sum.amountMinor;
  return sum;
};

/** Absent when the ledger holds no fiscal receipt and the till is not set up for a fiscal device. */
export function fiscalSummary(fiscal: FiscalActivity | undefined, configured: boolean): FiscalSummary | undefined {
  if (!fiscal?.inUse && !configured) return undefined;
  const byLabel = new Map<FiscalReceiptLabel, Sum>();
  const rejected: Sum = { count: 0 };
  for (const record of Object.values(fiscal?.finished ?? {})) {
    if (record.status === 'rejected') addTo(rejected, record);
    else if (record.status === 'signed' || record.status === 'duplicate') {
      const sum = byLabel.get(record.label) ?? { count: 0 };
      addTo(sum, record);
      byLabel.set(record.label, sum);
    }
  }
  const unsigned: Sum & { oldestAt?: string } = { count: 0 };
  for (const record of fiscal?.waiting ?? []) {
    addTo(unsigned, record);
    if (unsigned.oldestAt === undefined || record.createdAt < unsigned.oldestAt) unsigned.oldestAt = record.createdAt;
  }
  const labels: FiscalLabelLine[] = ORDER.filter((label) => byLabel.has(label)).map((label) => clean({ label, ...byLabel.get(label)! }));
  return { labels, rejected: clean(rejected), unsigned: clean(unsigned) };
}
