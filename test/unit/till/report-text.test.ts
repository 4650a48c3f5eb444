/** The report as a terminal table: every word from the `report.` catalogue, in the reader's language. */
import { describe, expect, it } from 'vitest';
import type { TillReport, ZFrame } from '../../../shared/till-report';
import { reportTable, RWANDA_FEES } from '../../../electron/core/till';

const totals = (count: number, amountMinor: number) => ({ count, amountMinor });
/** Every part of the report filled, so every label is printed. */
const report: TillReport = {
  kind: 'Z',
  currency: 'RWF',
  generatedAt: '2025-03-10T18:00:00.000Z',
  timeZone: 'UTC',
  businessDay: '2025-03-10',
  shift: { id: 'shift-1', openedAt: '2025-03-10T08:00:00.000Z', openedBy: 'Ann', openingFloatMinor: 5000, closedAt: '2025-03-10T18:00:00.000Z', closedBy: 'manager' },
  journal: { afterSeq: 10, uptoSeq: 40, lastHash: 'a'.repeat(64) },
  sales: { momo: totals(3, 15_000), cash: totals(2, 3000), total: totals(5, 18_000) },
  refunds: { momo: totals(1, 1000), cash: totals(0, 0), total: totals(1, 1000), pending: totals(1, 300), failed: totals(1, 200) },
  netMinor: 17_000,
  salesStarted: 6,
  prompts: { sent: 4, paid: 3, declined: 1, expired: 0, failed: 0, waiting: 0 },
  invoices: { sent: 2, paid: 1, expired: 0, cancelled: 0, declined: 1, failed: 0, open: 0 },
  paidTwice: totals(1, 4500),
  outsideShift: totals(1, 700),
  cash: { openingFloatMinor: 5000, salesMinor: 3000, inMinor: 0, outMinor: 0, refundsMinor: 0, expectedMinor: 8000, countedMinor: 7500, differenceMinor: -500, movements: [] },
  cashiers: [{ name: 'Ann', momo: totals(3, 15_000), cash: totals(2, 3000), total: totals(5, 18_000) }],
  hours: [{ key: '2025-03-10T08', label: '08:00', count: 2, amountMinor: 6000 }],
  fees: { rule: RWANDA_FEES, paymentsCharged: 1, estimatedMinor: 50 },
  momoBalance: { open: { at: '2025-03-10T08:00:00.000Z', availableMinor: 100_000 }, close: { at: '2025-03-10T18:00:00.000Z', problem: 'NETWORK' }, expectedChangeMinor: 13_950, betweenShifts: totals(1, 1000), differenceMinor: -50, changeMinor: 13_900 },
  fiscal: { labels: [{ label: 'NS', count: 3, amountMinor: 18_000 }], rejected: totals(1, 500), unsigned: { count: 1, amountMinor: 200, oldestAt: '2025-03-10T17:00:00.000Z' } },
  wrongPins: 2,
  otherCurrencyFacts: 1,
  headOffice: { seq: 38, hash: 'c'.repeat(64), receivedAt: '2025-03-10T17:59:00.000Z' },
} as TillReport;

/** The labels the table printed in English before its words came from the catalogue. */
const OLD_ENGLISH = [
  'Count', 'Sales', 'Refunds', 'Net (sales', 'Paid twice', 'Taken with no shift', 'Sales rung up', 'MoMo prompts', 'declined', 'expired', 'no answer yet',
  'Invoices', 'Cash drawer', 'opening float', 'cash sales', 'cash in', 'cash out', 'expected', 'counted', 'difference', 'CASH MISSING', 'Estimated MoMo fees',
  'MoMo balance', 'at closing', 'change', 'Tax receipts', 'refused by the tax device', 'waiting for a signature', 'Wrong PIN', 'Cashier', 'Sales per hour',
  'X report', 'Z report', 'Day report', 'TRAINING', 'Journal entries', 'last hash', 'Head office', 'not read',
];

/** The frozen Z around the report: its number and the grand totals carried from Z to Z. */
const z: ZFrame = {
  number: 7,
  closedAt: '2025-03-10T18:00:00.000Z',
  fromSeq: 10,
  toSeq: 40,
  lastHash: 'a'.repeat(64),
  reportHash: 'b'.repeat(64),
  salesMinor: 18_000,
  refundsMinor: 1000,
  previousGrandSalesMinor: 100_000,
  previousGrandRefundsMinor: 2000,
  grandSalesMinor: 118_000,
  grandRefundsMinor: 3000,
} as ZFrame;

describe('the report as a text table', () => {
  it('English: the catalogue’s words, money as the screens write it, columns aligned', () => {
    const table = reportTable(report, { language: 'en', merchant: 'My shop', deviceId: 'POS1', z });
    const lines = table.split('\n');
    expect(lines.slice(0, 3)).toEqual(['My shop', 'Z REPORT No. 7', 'Shift closed — this report is final']);
    expect(table).toMatch(/\nSales +No\. +Amount\n {2}MoMo +3 +RWF\s15,000\n {2}Cash +2 +RWF\s3,000\n {2}Total +5 +RWF\s18,000\n/);
    expect(table).toMatch(/Difference: CASH MISSING +−RWF\s500/);
    expect(table).toMatch(/1 payment charged +RWF\s50/);
    expect(table).toContain('by the manager');
    // The Z's frame, as on paper: grand totals carried on, and the hashes that close it.
    expect(table).toMatch(/After this Z +RWF\s118,000 +RWF\s3,000/);
    expect(table).toContain(`: ${'b'.repeat(64)}`);
    // Columns aligned: every amount of a counted line ends in the same column.
    const counted = lines.filter((line) => /^ {2}(MoMo|Cash|Total) +\d+ +RWF/.test(line));
    expect(counted.length).toBeGreaterThanOrEqual(6);
    expect(new Set(counted.map((line) => line.length)).size).toBe(1);
  });

  it.each([
    ['fr', ['RAPPORT Z N° 7', 'FORMATION — pas d’argent réel', 'Ventes', 'Remboursements', 'Tiroir-caisse', 'Écart: IL MANQUE DE L’ARGENT'], /Ventes +Nb +Montant\n {2}MoMo +3 +15\s000\sRWF/],
    ['rw', ['RAPORO Z No. 7', 'IMYITOZO — nta mafaranga nyayo', 'Ibyagurishijwe', 'Ayasubijwe', 'Isanduku y’amafaranga', 'Itandukaniro: HARABURA AMAFARANGA'], /Ibyagurishijwe +Umubare +Amafaranga\n {2}MoMo +3 +RWF\s15,000/],
  ] as const)('%s: real words of the language, no English label left', (language, words, money) => {
    const table = reportTable(report, { language, merchant: 'My shop', deviceId: 'POS1', z, training: true });
    for (const word of words) expect(table).toContain(word);
    expect(table).toMatch(money);
    expect(OLD_ENGLISH.filter((label) => table.includes(label))).toEqual([]);
  });
});
