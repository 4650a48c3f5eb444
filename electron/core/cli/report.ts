/**
 * `pos report [--date YYYY-MM-DD] [--data-dir D] [--training]`: the business
 * day's totals as a table (sales and refunds per method, prompts, the cash
 * drawer, estimated MoMo fees, sales per hour). Read-only.
 */
import { shellLanguage } from '../../../shared/i18n';
import { businessDayBounds, businessDayOf, readActivity } from '../ledger';
import { buildTillReport, feeRuleOf, reportTable } from '../till';
import { EXIT, parseOptions, say, UsageError, type PosCommand } from './command';
import { openLedgerReadOnly } from './read-ledger';

export const reportCommand: PosCommand = {
  name: 'report',
  summary: 'cli.pos.report.summary',
  usage: 'report [--date YYYY-MM-DD] [--data-dir D] [--training]',
  run(args, io) {
    const values = parseOptions(args, { date: { type: 'string' }, 'data-dir': { type: 'string' }, training: { type: 'boolean' } });
    if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError('cli.usage.date', { value: values.date });
    const opened = openLedgerReadOnly({ ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}), training: values.training ?? false }, io);
    if (typeof opened === 'number') return opened;
    try {
      const day = values.date ?? businessDayOf(new Date(), opened.settings.dayStartsAtHour);
      const bounds = businessDayBounds(day, opened.settings.dayStartsAtHour);
      const report = buildTillReport(readActivity(opened.db, bounds), {
        kind: 'day',
        currency: opened.settings.currency,
        feeRule: feeRuleOf(opened.settings),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        generatedAt: new Date().toISOString(),
        businessDay: day,
      });
      io.out(reportTable(report, { language: shellLanguage(io.env), merchant: opened.settings.merchantName, deviceId: opened.deviceId, training: values.training ?? false }));
      if (report.sales.total.count === 0 && report.refunds.total.count === 0) io.out(`\n${say(io)('cli.report.nothing', { day })}`);
      return EXIT.ok;
    } finally {
      opened.close();
    }
  },
};
