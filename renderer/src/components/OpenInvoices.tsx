import { useEffect, useRef } from 'react';
import { latestPayment } from '../../../shared/messages';
import { describeFailure } from '../../../shared/error-text';
import { useT } from '../i18n';
import { useInvoices } from '../stores/useInvoices';

/** Pay later: invoices the customers have not paid yet, with their expiry; check one now, or cancel it (asked first, and said after). */
export function OpenInvoices() {
  const { t, language, money, when } = useT();
  const open = useInvoices((state) => state.open);
  const busy = useInvoices((state) => state.busy);
  const failure = useInvoices((state) => state.failure);
  const confirming = useInvoices((state) => state.confirming);
  const notice = useInvoices((state) => state.notice);
  const connect = useInvoices((state) => state.connect);
  const refresh = useInvoices((state) => state.refresh);
  const checkNow = useInvoices((state) => state.checkNow);
  const askCancel = useInvoices((state) => state.askCancel);
  const cancel = useInvoices((state) => state.cancel);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const unsubscribe = connect();
    void refresh();
    return unsubscribe;
  }, [connect, refresh]);
  // The cancelled row is gone: the keyboard lands on what happened, never on the page body.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);

  if (open.length === 0 && !notice && !failure) return null;
  const problem = failure && describeFailure(failure, language);
  return (
    <section className="panel invoices-panel" aria-labelledby="invoices-title">
      <h2 id="invoices-title">{t('invoices.title', { count: open.length })}</h2>
      {problem && (
        <p className="form-failure" role="alert">
          {problem.sentence} {problem.nextStep}
        </p>
      )}
      {notice && (
        <p ref={noticeRef} tabIndex={-1} className="invoice-notice" role="status">
          {t(notice.outcome === 'paid' ? 'invoices.paidMeanwhile' : 'invoices.cancelled', { receipt: notice.receipt })}
        </p>
      )}
      <ul className="invoice-list">
        {open.map((sale) => {
          const payment = latestPayment(sale.payments);
          if (!payment) return null;
          return (
            <li key={sale.id} className="invoice-row">
              <span className="invoice-what">
                <strong>{money(sale.amountMinor, sale.currency)}</strong> · <span className="nowrap">{sale.receiptNumber}</span> · <span className="nowrap">{sale.maskedPayer}</span>
              </span>
              <span className="invoice-until">{payment.validUntil ? t('invoices.until', { when: when(payment.validUntil) }) : ''}</span>
              {confirming === payment.id ? (
                <span className="invoice-confirm" role="group" aria-label={t('invoices.confirmCancel', { receipt: sale.receiptNumber })}>
                  <span>{t('invoices.confirmCancel', { receipt: sale.receiptNumber })}</span>
                  <button type="button" className="small" disabled={busy === payment.id} onClick={() => void cancel(payment.id)}>
                    {t('invoices.confirmYes')}
                  </button>
                  <button ref={keepRef} type="button" className="small secondary" onClick={() => askCancel(undefined)}>
                    {t('invoices.keep')}
                  </button>
                </span>
              ) : (
                <span className="invoice-actions">
                  <button type="button" className="small" disabled={busy === payment.id} onClick={() => void checkNow(payment.id)} aria-label={t('invoices.checkFor', { receipt: sale.receiptNumber })}>
                    {t('invoices.check')}
                  </button>
                  <button type="button" className="small secondary" disabled={busy === payment.id} onClick={() => askCancel(payment.id)} aria-label={t('invoices.cancelFor', { receipt: sale.receiptNumber })}>
                    {t('invoices.cancel')}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
