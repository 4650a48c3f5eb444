import { useEffect, useRef } from 'react';
import type { TillReport, ZReport } from '../../../shared/till-report';
import { useT } from '../i18n';
import { useTill, type ReportWidth } from './useTill';

const WIDTHS: Array<{ width: ReportWidth; label: string }> = [
  { width: 'A4', label: 'A4' },
  { width: '80mm', label: '80 mm' },
];

/** The numbers a manager looks for first, big: money in, money back, the drawer — and any difference, plainly. */
function KeyNumbers({ report }: { report: TillReport | ZReport }) {
  const { t, money, language } = useT();
  const c = report.cash;
  const difference = c.differenceMinor;
  const balance = report.momoBalance;
  const momoDifference = balance?.differenceMinor;
  return (
    <dl className="till-numbers">
      <div>
        <dt>{t('till.numbers.sales')}</dt>
        <dd>{money(report.sales.total.amountMinor, report.currency)}</dd>
        <dd className="till-sub">
          {t('till.numbers.split', { momo: money(report.sales.momo.amountMinor, report.currency), cash: money(report.sales.cash.amountMinor, report.currency) })}
        </dd>
      </div>
      <div>
        <dt>{t('till.numbers.refunds')}</dt>
        <dd>{money(report.refunds.total.amountMinor, report.currency)}</dd>
        {report.refunds.pending.count > 0 && <dd className="till-sub warn">{t('till.numbers.pending', { count: report.refunds.pending.count })}</dd>}
      </div>
      <div>
        <dt>{t('till.numbers.net')}</dt>
        <dd>{money(report.netMinor, report.currency)}</dd>
      </div>
      <div className="till-row-start">
        <dt>{t('till.numbers.expected')}</dt>
        <dd>{money(c.expectedMinor, report.currency)}</dd>
      </div>
      <div>
        <dt>{t('till.numbers.counted')}</dt>
        <dd>{c.countedMinor === undefined ? <span className="till-sub">{t('till.numbers.notCounted')}</span> : money(c.countedMinor, report.currency)}</dd>
      </div>
      {difference !== undefined && (
        <div className={difference === 0 ? 'till-difference ok' : 'till-difference bad'} role={difference === 0 ? undefined : 'alert'}>
          <dt>{difference === 0 ? t('till.numbers.matches') : difference < 0 ? t('till.numbers.short') : t('till.numbers.over')}</dt>
          <dd>{money(Math.abs(difference), report.currency)}</dd>
        </div>
      )}
      {balance && (
        <div className="till-row-start">
          <dt>{t('till.numbers.momoBalance')}</dt>
          <dd>{balance.close?.availableMinor !== undefined ? money(balance.close.availableMinor, report.currency) : <span className="till-sub">{t('till.numbers.balanceNotRead')}</span>}</dd>
          <dd className="till-sub">
            {t('till.numbers.balanceOpen', {
              amount: balance.open?.availableMinor !== undefined ? money(balance.open.availableMinor, report.currency) : t('till.numbers.balanceNotRead'),
            })}
          </dd>
          {balance.betweenShifts && <dd className="till-sub">{t('till.numbers.betweenShifts', { amount: money(balance.betweenShifts.amountMinor, report.currency) })}</dd>}
        </div>
      )}
      {momoDifference !== undefined && (
        <div className={momoDifference === 0 ? 'till-difference ok' : 'till-difference bad'} role={momoDifference === 0 ? undefined : 'alert'}>
          <dt>{momoDifference === 0 ? t('till.numbers.momoMatches') : t('till.numbers.momoDifference')}</dt>
          <dd>{money(momoDifference, report.currency)}</dd>
        </div>
      )}
    </dl>
  );
}

/** The live X report, or the Z just closed (or reprinted), as it will print: preview, paper width, print or PDF. */
export function ReportPanel() {
  const { t } = useT();
  const x = useTill((state) => state.x);
  const z = useTill((state) => state.z);
  const showing = useTill((state) => (state.showing === 'z' && state.z ? 'z' : 'x'));
  const width = useTill((state) => state.width);
  const setWidth = useTill((state) => state.setWidth);
  const showReport = useTill((state) => state.showReport);
  const print = useTill((state) => state.print);
  const readBalance = useTill((state) => state.readBalance);
  const reading = useTill((state) => state.busy === 'readBalance');
  const shiftOpen = useTill((state) => state.status?.shift?.status === 'open');
  const shown = showing === 'z' ? z : x;
  const zNumber = z?.report.z.number;
  const heading = useRef<HTMLHeadingElement>(null);
  const zShown = showing === 'z' ? z : undefined;
  // A Z just closed (or reprinted) is what the manager came for: bring it into view.
  useEffect(() => {
    if (!zShown) return;
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start' });
  }, [zShown]);
  const title = showing === 'z' && zNumber !== undefined ? t(z?.report.copy ? 'till.report.zCopyTitle' : 'till.report.zTitle', { number: zNumber }) : t('till.report.xTitle');

  return (
    <section className="till-report panel" aria-labelledby="till-report-title">
      <div className="till-report-head">
        <h2 id="till-report-title" ref={heading} tabIndex={-1}>
          {title}
        </h2>
        {z && (
          <div className="till-tabs" role="group" aria-label={t('till.report.which')}>
            <button type="button" className={showing === 'x' ? 'small is-current' : 'small'} aria-pressed={showing === 'x'} onClick={() => showReport('x')}>
              {t('till.report.xTab')}
            </button>
            <button type="button" className={showing === 'z' ? 'small is-current' : 'small'} aria-pressed={showing === 'z'} onClick={() => showReport('z')}>
              {t('till.report.zTab', { number: zNumber ?? '' })}
            </button>
          </div>
        )}
      </div>
      <p className="field-help">{showing === 'z' ? t('till.report.zHelp') : t('till.report.xHelp')}</p>
      {shown && <KeyNumbers report={shown.report} />}
      <div className="till-report-tools">
        <fieldset className="segmented">
          <legend>{t('receipt.width')}</legend>
          {WIDTHS.map((option) => (
            <label key={option.width} className={width === option.width ? 'is-checked' : undefined}>
              <input type="radio" name="report-width" value={option.width} checked={width === option.width} onChange={() => setWidth(option.width)} />
              {option.label}
            </label>
          ))}
        </fieldset>
        <button type="button" className="primary" disabled={!shown} onClick={print}>
          {t('till.report.print')}
        </button>
        <button type="button" className="secondary" disabled={!shown} onClick={print}>
          {t('receipt.savePdf')}
        </button>
        {showing === 'x' && shiftOpen && (
          <button type="button" className="secondary" disabled={reading} onClick={() => void readBalance()}>
            {reading ? t('till.report.readingBalance') : t('till.report.readBalance')}
          </button>
        )}
      </div>
      <p className="field-help">{t('receipt.pdfHint')}</p>
      <div className="till-report-stage">
        {shown ? (
          // No scripts (no allow-scripts); same origin only so it renders in this page's process, like any document.
          <iframe title={t('till.report.preview')} sandbox="allow-same-origin" srcDoc={shown.html[width]} className={`till-report-frame width-${width}`} />
        ) : (
          <p className="field-help">{t('till.loading')}</p>
        )}
      </div>
    </section>
  );
}
