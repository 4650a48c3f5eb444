/**
 * A report as a plain-text table for the terminal (`npm run pos -- report`):
 * the same lines as the printed report (report-lines.ts, in the reader's
 * language), laid out in aligned columns.
 */
import type { Language } from '../../../shared/i18n';
import type { TillReport, ZFrame } from '../../../shared/till-report';
import { reportLines, type Line } from './report-lines';

export interface ReportTableOptions {
  language: Language;
  /** The shop's name and the till's id, printed at the top (the command line gives them). */
  merchant?: string;
  deviceId?: string;
  /** A frozen Z's frame: its number, grand totals and hashes. */
  z?: ZFrame;
  training?: boolean;
}

const INDENT = '  ';
/** Characters of the widest hour bar. */
const BAR = 30;

export function reportTable(report: TillReport, options: ReportTableOptions): string {
  // A terminal is wide: the fiscal labels in words, as on A4.
  const lines = reportLines({ report, ...(options.z ? { z: options.z } : {}), merchant: { name: options.merchant ?? '' }, deviceId: options.deviceId ?? '', training: options.training ?? false, language: options.language, width: 'A4' });
  const cols = lines.filter((line): line is Extract<Line, { kind: 'cols' }> => line.kind === 'cols');
  // Columns as wide as their widest cell; a label with nothing beside it (a heading, the journal range) does not widen them.
  const labelOf = (line: Extract<Line, { kind: 'cols' }>) => `${line.indent ? INDENT : ''}${line.label}`;
  const labelWidth = Math.max(0, ...cols.filter((line) => line.count !== undefined || line.amount !== undefined).map((line) => labelOf(line).length));
  const countWidth = Math.max(0, ...cols.map((line) => (line.count ?? '').length));
  const amountWidth = Math.max(0, ...cols.map((line) => (line.amount ?? '').length));
  const out: string[] = [];
  let ruled = false;
  for (const line of lines) {
    if (line.kind === 'rule') {
      // A rule is a blank line; never two in a row, never one at the top.
      if (!ruled && out.length > 0) out.push('');
      ruled = true;
      continue;
    }
    ruled = false;
    switch (line.kind) {
      case 'title':
      case 'center':
        if (line.text) out.push(line.text);
        break;
      case 'heading':
        out.push(line.text);
        break;
      case 'note':
        out.push(`${INDENT}${line.text}`);
        break;
      case 'hash':
        out.push(`${INDENT}${line.label}: ${line.value}`);
        break;
      case 'chart': {
        const valueWidth = Math.max(...line.bars.map((bar) => bar.value.length));
        for (const bar of line.bars) out.push(`${INDENT}${bar.label}  ${bar.value.padStart(valueWidth)}  ${'#'.repeat(Math.round(bar.fraction * BAR))}`.trimEnd());
        break;
      }
      case 'cols':
        out.push(line.count === undefined && line.amount === undefined ? labelOf(line) : `${labelOf(line).padEnd(labelWidth)}  ${(line.count ?? '').padStart(countWidth)}  ${(line.amount ?? '').padStart(amountWidth)}`.trimEnd());
        break;
    }
  }
  return out.join('\n');
}
