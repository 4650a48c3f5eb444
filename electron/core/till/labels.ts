/**
 * The words an X, Z or day report prints: the `report.` part of the one
 * catalogue (shared/i18n), by their short names (`words.zTitle`).
 */
import { LANGUAGES, section, translate, type Language, type Section } from '../../../shared/i18n';

export type ReportLabels = Section<'report'>;

export const REPORT_LABELS: Readonly<Record<Language, ReportLabels>> = Object.fromEntries(LANGUAGES.map((language) => [language, section(language, 'report')])) as Record<Language, ReportLabels>;

/** "1 payment charged" / "2 payments charged": the language's plural rule picks the words (French: 0 and 1 are singular). */
export function counted(language: Language, count: number, key: 'report.feePayments' | 'report.otherCurrency'): string {
  return translate(language, key, { count });
}

export { fill } from '../../../shared/i18n';
