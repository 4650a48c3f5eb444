/**
 * `hq web`: head office's page, on the same stack and token guard as browser
 * mode (electron/core/web): 127.0.0.1 only, a random token traded for a
 * cookie, strict CSP. Its one call, `day`, answers readHeadOfficeDay; each
 * call opens its own connection, so a restarted PostgreSQL costs one failed
 * refresh at most.
 */
import path from 'node:path';
import type { Router } from '../api';
import { createEventBus } from '../events';
import { startWebServer, type WebServer } from '../web';
import { connectHeadOffice, headOfficeProblem } from './connection';
import { formatTotal, readHeadOfficeDay, type DayTotals, type HeadOfficeDay, type TillFiscal } from './report';
import { formatDateTime } from '../../../shared/dates';
import { keyedFailure, type ErrorKey } from '../../../shared/errors';
import { LANGUAGES, section, translate, type Language } from '../../../shared/i18n';

/** Amounts as people read them (the currency's own decimals, the page's language), exact; money fields travel as integer text (JSON has no bigint). */
function withAmountsInWords(day: HeadOfficeDay, language: Language) {
  const money = (minor: bigint, currency: string) => formatTotal(minor, currency, language);
  const words = (t: DayTotals) => ({
    ...t,
    cashMinor: String(t.cashMinor),
    momoMinor: String(t.momoMinor),
    refundsMinor: String(t.refundsMinor),
    netMinor: String(t.netMinor),
    text: {
      cash: money(t.cashMinor, t.currency),
      momo: money(t.momoMinor, t.currency),
      refunds: money(t.refundsMinor, t.currency),
      net: money(t.netMinor, t.currency),
      cashSales: translate(language, 'hq.salesCount', { count: t.cashSales }),
      momoSales: translate(language, 'hq.salesCount', { count: t.momoSales }),
    },
  });
  return {
    ...day,
    // Times too: the one date format of the language (shared/dates), as on the tills' screens and reports.
    tills: day.tills.map((till) => ({
      ...till,
      totals: till.totals.map(words),
      ...(till.lastPushAt ? { lastPushText: formatDateTime(till.lastPushAt, language) } : {}),
      ...(till.fiscal ? { fiscalText: fiscalTimes(till.fiscal, language) } : {}),
    })),
    totals: day.totals.map(words),
    hours: day.hours.map((hour) => ({ ...hour, salesMinor: String(hour.salesMinor), text: money(hour.salesMinor, hour.currency) })),
  };
}

/** A till's fiscal times in the page's language; a time that does not parse stays out (it came from a till). */
function fiscalTimes(fiscal: TillFiscal, language: (typeof LANGUAGES)[number]) {
  const text = (iso: string | null) => (iso && Number.isFinite(Date.parse(iso)) ? formatDateTime(iso, language) : undefined);
  const oldest = text(fiscal.oldestPendingAt);
  const last = text(fiscal.lastSignedAt);
  return { ...(oldest ? { oldestPending: oldest } : {}), ...(last ? { lastSigned: last } : {}) };
}

export const PAGE_DIR = path.join(import.meta.dirname, 'page');
/** The refusals the page can meet once it has its words, sent with them: the page has no catalogue of its own. */
const PAGE_REFUSALS: readonly ErrorKey[] = ['error.web.unknownHost', 'error.web.notFound', 'error.web.usePost', 'error.web.crossOrigin', 'error.web.tooLarge', 'error.web.notJson', 'error.web.methodNotAllowed', 'error.web.noSession', 'error.unknownMethod', 'error.till.dayWrittenYyyyMm', 'error.internal', 'error.headoffice.loginRefused', 'error.headoffice.tillRefused', 'error.headoffice.unreachable'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function headOfficeRouter(url: string, log: (line: string) => void = () => {}): Router {
  return {
    served: () => [],
    async call(method, input) {
      const asked = (input as { language?: unknown } | null)?.language;
      const language = LANGUAGES.find((known) => known === asked) ?? 'en';
      // The page's words, from the one catalogue (hq.*), in the language the browser asked for.
      if (method === 'words') return { ok: true, data: { language, words: section(language, 'hq'), refusals: Object.fromEntries(PAGE_REFUSALS.map((key) => [key, translate(language, key)])) } };
      if (method !== 'day') return keyedFailure('UNKNOWN_METHOD', 'error.unknownMethod');
      const date = (input as { date?: unknown } | null)?.date;
      if (typeof date !== 'string' || !DAY.test(date)) return keyedFailure('VALIDATION', 'error.till.dayWrittenYyyyMm', {}, 'date');
      try {
        const client = await connectHeadOffice(url);
        try {
          return { ok: true, data: withAmountsInWords(await readHeadOfficeDay(client, date), language) };
        } finally {
          await client.end().catch(() => {});
        }
      } catch (error) {
        const problem = headOfficeProblem(error, url);
        log(problem.message);
        return { ok: false, code: 'HEAD_OFFICE', message: problem.message, key: problem.key, params: problem.params };
      }
    },
  };
}

export function startHeadOfficeWeb(options: { url: string; port?: number; log?: (line: string) => void }): Promise<WebServer> {
  return startWebServer({
    router: headOfficeRouter(options.url, options.log),
    events: createEventBus(),
    staticDir: PAGE_DIR,
    cookiePrefix: 'momo_hq',
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
}
