/**
 * The few words a receipt prints: the `receipt.paper.` part of the one
 * catalogue (shared/i18n), by their short names (`labels.total`).
 * Kinyarwanda is a first draft: have a native speaker check it before a
 * Rwandan merchant sees it.
 */
import { LANGUAGES, section, type Language, type Section } from '../../../shared/i18n';

export type ReceiptLabels = Section<'receipt.paper'>;

export const RECEIPT_LABELS: Readonly<Record<Language, ReceiptLabels>> = Object.fromEntries(LANGUAGES.map((language) => [language, section(language, 'receipt.paper')])) as Record<Language, ReceiptLabels>;

/** The Intl locale used for amounts and dates when the caller gives none: day-first everywhere MoMo runs. */
export const DEFAULT_LOCALE: Readonly<Record<Language, string>> = {
  en: 'en-GB',
  fr: 'fr-FR',
  rw: 'rw-RW',
};
