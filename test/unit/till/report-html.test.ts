import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TillReport } from '../../../shared/till-report';
import { renderReportHtml, RWANDA_FEES } from '../../../electron/core/till';

const totals = (count: number, amountMinor: number) => ({ count, amountMinor });
const report: TillReport = {
  kind: 'Z',
  currency: 'RWF',
  generatedAt: '2025-03-10T18:00:00.000Z',
  timeZone: 'UTC',
  businessDay: '2025-03-10',
  shift: { id: 'shift-1', openedAt: '2025-03-10T08:00:00.000Z', openedBy: 'Ann <script>', openingFloatMinor: 5000, closedAt: '2025-03-10T18:00:00.000Z', closedBy: 'manager' },
  journal: { afterSeq: 10, uptoSeq: 40, lastHash: 'a'.repeat(64) },
  sales: { momo: totals(3, 15_000), cash: totals(2, 3000), total: totals(5, 18_000) },
  refunds: { momo: totals(1, 1000), cash: totals(0, 0), total: totals(1, 1000), pending: totals(0, 0), failed: totals(0, 0) },
  netMinor: 17_000,
  salesStarted: 6,
  prompts: { sent: 4, paid: 3, declined: 1, expired: 0, failed: 0, waiting: 0 },
  paidTwice: totals(0, 0),
  outsideShift: totals(0, 0),
  cash: { openingFloatMinor: 5000, salesMinor: 3000, inMinor: 0, outMinor: 0, refundsMinor: 0, expectedMinor: 8000, countedMinor: 7500, differenceMinor: -500, movements: [] },
  cashiers: [{ name: 'Ann <script>', momo: totals(3, 15_000), cash: totals(2, 3000), total: totals(5, 18_000) }],
  hours: [
    { key: '2025-03-10T08', label: '08:00', count: 2, amountMinor: 6000 },
    { key: '2025-03-10T09', label: '09:00', count: 0, amountMinor: 0 },
    { key: '2025-03-10T10', label: '10:00', count: 3, amountMinor: 12_000 },
  ],
  fees: { rule: RWANDA_FEES, paymentsCharged: 1, estimatedMinor: 50 },
  wrongPins: 2,
  otherCurrencyFacts: 0,
};
const z = { number: 7, closedAt: report.generatedAt, fromSeq: 10, toSeq: 40, lastHash: 'a'.repeat(64), reportHash: 'b'.repeat(64), salesMinor: 18_000, refundsMinor: 1000, previousGrandSalesMinor: 100_000, previousGrandRefundsMinor: 2000, grandSalesMinor: 118_000, grandRefundsMinor: 3000, grandRestarted: false };
const input = { report, z, merchant: { name: 'Chez <Nous> & Co' }, deviceId: 'POS1', training: false, language: 'en' as const };

describe('the report as HTML for print and PDF', () => {
  it('A4 and 80 mm each have an explicit page size (the roll’s height computed)', () => {
    expect(renderReportHtml({ ...input, width: 'A4' })).toContain('@page { size: A4;');
    expect(renderReportHtml({ ...input, width: '80mm' })).toMatch(/@page \{ size: 80mm \d+mm; margin: 0; \}/);
  });

  it('escapes every text, uses no style attributes or scripts, and allows its one style block by hash', () => {
    const html = renderReportHtml({ ...input, width: 'A4' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('Ann &lt;script&gt;');
    expect(html).toContain('Chez &lt;Nous&gt; &amp; Co');
    expect(html).not.toMatch(/\sstyle="/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    expect(html).toContain(`style-src &#39;sha256-${hash}&#39;`);
  });

  it('shows the number, the difference plainly, the grand totals, the journal hash and a bar per hour', () => {
    const html = renderReportHtml({ ...input, width: '80mm' });
    expect(html).toContain('Z REPORT No. 7');
    expect(html).toContain('CASH MISSING');
    expect(html).toMatch(/class="line cols alert"/);
    expect(html).toContain('Grand total (never reset)');
    expect(html).toContain('RWF\u00a0118,000');
    expect(html).toContain('a'.repeat(32));
    expect((html.match(/<rect /g) ?? []).length).toBe(3);
    expect(html).toContain('0.5 % of each payment above RWF\u00a04,000');
    expect(html).toContain('Wrong PIN entries');
  });

  it('a reprint says COPY; training says so; French words in French', () => {
    expect(renderReportHtml({ ...input, width: 'A4', copy: true })).toContain('COPY — reprint');
    expect(renderReportHtml({ ...input, width: 'A4', training: true })).toContain('TRAINING — no real money');
    expect(renderReportHtml({ ...input, width: 'A4', language: 'fr' })).toContain('RAPPORT Z N° 7');
  });
});

describe('counts in words', () => {
  it('one is singular, more are plural, in each language’s own rule ("1 payment charged", never "1 payments")', () => {
    const feeLine = (count: number, language: 'en' | 'fr' | 'rw') =>
      /<span class="label">([^<]*)<\/span><span class="amount">[^<]*<\/span><\/div>\s*<p class="note h1">(?:An estimate|Une estimation|Ni igereranya)/.exec(
        renderReportHtml({ ...input, report: { ...report, fees: { ...report.fees, paymentsCharged: count } }, language, width: 'A4' }),
      )?.[1];
    expect(feeLine(1, 'en')).toBe('1 payment charged');
    expect(feeLine(2, 'en')).toBe('2 payments charged');
    expect(feeLine(0, 'en')).toBe('0 payments charged');
    expect(feeLine(1, 'fr')).toBe('1 paiement concerné');
    expect(feeLine(0, 'fr')).toBe('0 paiement concerné');
    expect(feeLine(3, 'fr')).toBe('3 paiements concernés');
    expect(feeLine(1, 'rw')).toBe('Kwishyura 1');
    const one = renderReportHtml({ ...input, report: { ...report, otherCurrencyFacts: 1 }, width: 'A4' });
    expect(one).toContain('1 entry in another currency is not in these sums.');
  });
});

describe('the report in the manager’s language, numbers included', () => {
  it('French writes the fee rate "0,5 %" and the tax number NIF', () => {
    const html = renderReportHtml({ ...input, merchant: { name: 'Chez Nous', tin: '102345678' }, width: 'A4', language: 'fr' });
    expect(html).toContain('0,5 %');
    expect(html).not.toContain('0.5 %');
    expect(html).toContain('NIF 102345678');
    expect(renderReportHtml({ ...input, merchant: { name: 'Chez Nous', tin: '102345678' }, width: 'A4' })).toContain('TIN 102345678');
  });

  it('Kinyarwanda amounts are the ones the screen shows (RWF 8,000, never RF 8.000)', () => {
    const html = renderReportHtml({ ...input, width: 'A4', language: 'rw' });
    expect(html).toContain('RWF\u00a08,000');
    expect(html).not.toMatch(/RF\s?8\.000/);
  });
});
