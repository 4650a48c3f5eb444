import { forwardRef, Fragment } from 'react';
import type { SaleView } from '../../../shared/contract';
import { describeSale } from '../../../shared/messages';
import { describeFailure } from '../../../shared/error-text';
import { useT } from '../i18n';
import { useReceipt } from '../stores/useReceipt';
import { openSale } from '../open-sale';
import { useSales } from '../stores/useSales';
import { Kbd } from './Kbd';

const RECHECKABLE = new Set(['sending', 'waiting', 'checking', 'timed_out', 'stopped']);

/** Today's sales, newest first, live: status per sale, search, re-check what is not final, reprint. */
export const TodaySales = forwardRef<HTMLInputElement>(function TodaySales(_props, searchRef) {
  const { t, money, language } = useT();
  const listIds = useSales((state) => state.listIds);
  const byId = useSales((state) => state.byId);
  const search = useSales((state) => state.search);
  const loaded = useSales((state) => state.loaded);
  const listFailure = useSales((state) => state.listFailure);
  const setSearch = useSales((state) => state.setSearch);
  const sales = listIds.flatMap((id) => (byId[id] ? [byId[id]] : []));
  const today = useSales((state) => state.today);
  const waiting = sales.filter((sale) => sale.status === 'awaiting_payment').length;
  const notPaid = sales.filter((sale) => sale.status === 'not_paid').length;
  // Today's money as the X counts it (from the engine): what came in, what went back out, what is left.
  const paid = today?.taken.count ?? 0;
  const refunded = today && today.refunded.count > 0 ? today.refunded.amountMinor : undefined;
  const problem = listFailure && describeFailure(listFailure, language);

  return (
    <section className="panel sales-panel" aria-labelledby="sales-title">
      <div className="sales-head">
        <h2 id="sales-title">{t('sales.title')}</h2>
        {sales.length > 0 && !search && (
          <span className="sales-count">
            {/* Sold means paid: declined, failed and cancelled attempts are counted apart, never as sales. */}
            {[
              today ? t('sales.summary', { count: paid, paid, money: money(today.taken.amountMinor, today.currency) }) : '',
              today && refunded !== undefined ? t('sales.summaryRefunded', { money: money(refunded, today.currency) }) : '',
              today && refunded !== undefined ? t('sales.summaryNet', { money: money(today.netMinor, today.currency) }) : '',
              waiting > 0 ? t('sales.summaryWaiting', { count: waiting }) : '',
              notPaid > 0 ? t('sales.summaryNotPaid', { count: notPaid }) : '',
            ]
              .filter(Boolean)
              // Each part on one line ("net RWF 7,000" never split): the line breaks between parts.
              .map((part, index) => (
                <Fragment key={index}>
                  {index > 0 ? ' · ' : ''}
                  <span className="sales-count-part">{part}</span>
                </Fragment>
              ))}
          </span>
        )}
      </div>
      <div className="sales-search">
        <label htmlFor="sales-search" className="visually-hidden">
          {t('sales.search')}
        </label>
        <input
          ref={searchRef}
          id="sales-search"
          type="search"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('sales.searchPlaceholder')}
          value={search}
          aria-keyshortcuts="F3"
          onChange={(event) => setSearch(event.target.value)}
        />
        <Kbd command="search" />
      </div>
      {problem && (
        <p className="form-failure" role="alert">
          {problem.sentence} {problem.nextStep}
        </p>
      )}
      {!problem && sales.length === 0 && <p className="sales-empty">{!loaded ? t('sales.loading') : search.trim() ? t('sales.noMatch', { search: search.trim() }) : t('sales.empty')}</p>}
      <ul className="sales-list">
        {sales.map((sale) => (
          <SaleRow key={sale.id} sale={sale} />
        ))}
      </ul>
    </section>
  );
});

function SaleRow({ sale }: { sale: SaleView }) {
  const { t, money, time, language } = useT();
  const shown = useSales((state) => state.shownSaleId === sale.id);
  const busy = useSales((state) => state.busy[sale.id]);
  const recheck = useSales((state) => state.recheck);
  const openReceipt = useReceipt((state) => state.open);
  const description = describeSale(sale, language);
  const label = t('sales.saleLabel', { number: sale.receiptNumber });
  const paid = description.tone === 'success' || description.kind === 'paid_twice';
  // Pay later reads apart from a prompt at a glance.
  const invoice = sale.payments.some((payment) => payment.kind === 'invoice');

  return (
    <li className={`sale-row${shown ? ' is-shown' : ''}`} aria-label={label} aria-current={shown || undefined} data-outcome={description.kind}>
      <span className="sale-who">
        <span className="sale-line">
          <span className="sale-time">{time(sale.createdAt)}</span>
          {shown ? (
            <span className="sale-receipt">#{sale.receiptNumber}</span>
          ) : (
            // The receipt number opens the sale in the status panel (its actions, its timer).
            <button type="button" className="link sale-receipt" aria-label={`${t('action.show')} — ${label}`} onClick={() => openSale(sale.id)}>
              #{sale.receiptNumber}
            </button>
          )}
        </span>
        <span className="sale-line">
          {invoice && <span className="sale-kind">{t('sales.invoice')}</span>}
          <span className="sale-payer">{sale.maskedPayer ?? t('sales.cash')}</span>
          {sale.payerName && <span className="sale-payer-name">{sale.payerName}</span>}
        </span>
      </span>
      <span className="sale-what">
        <span className="sale-amount">{money(sale.amountMinor, sale.currency)}</span>
        <span className={`badge tone-${description.tone}`}>{description.headline}</span>
        {description.kind === 'stopped' && <span className="sale-note">{t('sales.stillChecking')}</span>}
      </span>
      <span className="sale-buttons">
        {RECHECKABLE.has(description.kind) && (
          <button type="button" className="small" disabled={busy !== undefined} aria-label={`${t('action.recheck')} — ${label}`} onClick={() => void recheck(sale.id)}>
            {t('action.recheck')}
          </button>
        )}
        {paid && (
          <button type="button" className="small" aria-label={`${t('action.reprint')} — ${label}`} onClick={() => void openReceipt(sale.id)}>
            {t('action.reprint')}
          </button>
        )}
      </span>
    </li>
  );
}
