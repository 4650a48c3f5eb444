/**
 * A report as a plain-text table for the terminal (`npm run pos -- report`):
 * amounts in major units, digits grouped, columns aligned.
 */
import { toDecimalString, type Currency } from '../../../shared/money';
import type { Totals, TillReport } from '../../../shared/till-report';
import { formatRate } from './fees';

function grouped(minor: number, currency: Currency): string {
  const text = toDecimalString(minor, currency);
  const negative = text.startsWith('-');
  const [whole, fraction] = (negative ? text.slice(1) : text).split('.');
  const withCommas = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${withCommas}${fraction === undefined ? '' : `.${fraction}`}`;
}

export function reportTable(report: TillReport, options: { title?: string; training?: boolean } = {}): string {
  const currency = report.currency;
  const money = (minor: number) => grouped(minor, currency);
  const rows: [string, string, string][] = [];
  const totals = (label: string, t: Totals) => rows.push([label, String(t.count), money(t.amountMinor)]);
  const gap = () => rows.push(['', '', '']);

  rows.push(['', 'Count', `Amount ${currency}`]);
  totals('Sales  MoMo', report.sales.momo);
  totals('       Cash', report.sales.cash);
  totals('       Total', report.sales.total);
  totals('Refunds MoMo', report.refunds.momo);
  totals('        Cash', report.refunds.cash);
  totals('        Total', report.refunds.total);
  if (report.refunds.pending.count) totals('        Pending (MoMo)', report.refunds.pending);
  if (report.refunds.failed.count) totals('        Failed', report.refunds.failed);
  rows.push(['Net (sales - refunds)', '', money(report.netMinor)]);
  if (report.paidTwice.count) totals('Paid twice: refund one', report.paidTwice);
  if (report.outsideShift.count) totals('Taken with no shift open', report.outsideShift);
  gap();
  const p = report.prompts;
  rows.push(['Sales rung up', String(report.salesStarted), '']);
  rows.push(['MoMo prompts sent', String(p.sent), '']);
  rows.push(['  paid', String(p.paid), '']);
  rows.push(['  declined', String(p.declined), '']);
  rows.push(['  expired', String(p.expired), '']);
  rows.push(['  failed', String(p.failed), '']);
  rows.push(['  no answer yet', String(p.waiting), '']);
  const inv = report.invoices;
  if (inv && (inv.sent || inv.paid || inv.expired || inv.cancelled || inv.failed || inv.declined)) {
    rows.push(['Invoices (pay later) sent', String(inv.sent), '']);
    rows.push(['  paid', String(inv.paid), '']);
    rows.push(['  expired', String(inv.expired), '']);
    rows.push(['  cancelled', String(inv.cancelled), '']);
    if (inv.declined !== undefined) rows.push(['  declined by the customer', String(inv.declined), '']);
    rows.push(['  failed', String(inv.failed), '']);
    rows.push(['  still open', String(inv.open), '']);
  }
  gap();
  const c = report.cash;
  rows.push(['Cash drawer: opening float', '', money(c.openingFloatMinor)]);
  rows.push(['  + cash sales', '', money(c.salesMinor)]);
  rows.push(['  + cash in', '', money(c.inMinor)]);
  rows.push(['  - cash out', '', money(c.outMinor)]);
  rows.push(['  - cash refunds', '', money(c.refundsMinor)]);
  rows.push(['  = expected', '', money(c.expectedMinor)]);
  if (c.countedMinor !== undefined) {
    rows.push(['  counted', '', money(c.countedMinor)]);
    const d = c.differenceMinor ?? 0;
    rows.push([d === 0 ? '  difference' : d < 0 ? '  difference: CASH MISSING' : '  difference: CASH OVER', '', d > 0 ? `+${money(d)}` : money(d)]);
  } else rows.push(['  counted', '', 'not counted']);
  gap();
  const rule = report.fees.rule;
  const feeLabel = rule.rateBasisPoints === 0 ? 'Estimated MoMo fees (no fee rule set)' : `Estimated MoMo fees (${formatRate(rule.rateBasisPoints)} above ${money(rule.aboveMinor)})`;
  rows.push([feeLabel, String(report.fees.paymentsCharged), money(report.fees.estimatedMinor)]);
  if (report.momoBalance) {
    const b = report.momoBalance;
    const shown = (r: typeof b.open) => (r === undefined ? 'not read yet' : r.availableMinor === undefined ? `not read (${r.problem ?? '?'})` : money(r.availableMinor));
    const signedMoney = (minor: number) => (minor > 0 ? `+${money(minor)}` : money(minor));
    gap();
    rows.push(['MoMo balance at opening', '', shown(b.open)]);
    rows.push([report.kind === 'Z' ? '  at closing' : '  now', '', shown(b.close)]);
    if (b.changeMinor !== undefined) rows.push(['  change', '', signedMoney(b.changeMinor)]);
    rows.push(['  expected (MoMo received in the shift - refunds - fees)', '', signedMoney(b.expectedChangeMinor)]);
    if (b.betweenShifts) rows.push(['  paid between shifts (not a difference)', String(b.betweenShifts.count), signedMoney(b.betweenShifts.amountMinor)]);
    if (b.differenceMinor !== undefined) rows.push([b.differenceMinor === 0 ? '  difference' : '  difference: CHECK THE MOMO ACCOUNT', '', signedMoney(b.differenceMinor)]);
  }
  if (report.fiscal) {
    const f = report.fiscal;
    const maybe = (minor: number | undefined) => (minor === undefined ? '-' : money(minor));
    gap();
    rows.push(['Tax receipts (EBM) signed', String(f.labels.reduce((sum, line) => sum + line.count, 0)), '']);
    for (const line of f.labels) rows.push([`  ${line.label}`, String(line.count), maybe(line.amountMinor)]);
    if (f.rejected.count) rows.push(['  refused by the tax device', String(f.rejected.count), maybe(f.rejected.amountMinor)]);
    rows.push([f.unsigned.count ? `  waiting for a signature (since ${f.unsigned.oldestAt ?? '?'})` : '  waiting for a signature', String(f.unsigned.count), f.unsigned.count ? maybe(f.unsigned.amountMinor) : '']);
  }
  if (report.wrongPins) rows.push(['Wrong PIN entries', String(report.wrongPins), '']);
  if (report.cashiers.length) {
    gap();
    for (const line of report.cashiers) rows.push([`Cashier ${line.name ?? '(no name)'}`, String(line.total.count), money(line.total.amountMinor)]);
  }

  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines = rows.map(([label, count, amount]) => `${label.padEnd(widths[0]!)}  ${count.padStart(widths[1]!)}  ${amount.padStart(widths[2]!)}`.trimEnd());

  if (report.hours.length) {
    lines.push('', 'Sales per hour');
    const most = Math.max(...report.hours.map((h) => h.amountMinor), 1);
    const amountWidth = Math.max(...report.hours.map((h) => money(h.amountMinor).length));
    for (const h of report.hours) {
      const bar = '#'.repeat(Math.round((h.amountMinor / most) * 30));
      lines.push(`  ${h.label}  ${String(h.count).padStart(4)}  ${money(h.amountMinor).padStart(amountWidth)}  ${bar}`.trimEnd());
    }
  }
  const title = options.title ?? (report.kind === 'day' ? `Day report ${report.businessDay ?? ''}` : report.kind === 'X' ? 'X report' : 'Z report');
  const head = `${title}${options.training ? ' (TRAINING ledger)' : ''}`;
  const journal = `Journal entries #${report.journal.afterSeq + 1} to #${report.journal.uptoSeq}${report.journal.lastHash ? `, last hash ${report.journal.lastHash}` : ''}`;
  const anchor = report.headOffice ? [`Head office holds up to #${report.headOffice.seq}, hash ${report.headOffice.hash.slice(0, 16)}, received ${report.headOffice.receivedAt}`] : [];
  return [head, '='.repeat(head.length), ...lines, '', journal, ...anchor].join('\n');
}
