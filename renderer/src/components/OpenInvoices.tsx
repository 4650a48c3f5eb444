import { useEffect } from 'react';
import { isSingular } from '../../../shared/i18n';
import { describeError, latestPayment } from '../../../shared/messages';
import { useT } from '../i18n';
import { useInvoices } from '../stores/useInvoices';

/** Pay later: invoices the customers have not paid yet, with their expiry; check one now, or cancel it. */
export function OpenInvoices() {
  const { t, language, money, time } = useT();
  const open = useInvoices((state) => state.open);
  const busy = useInvoices((state) => state.busy);
  const failure = useInvoices((state) => state.failure);
  const connect = useInvoices((state) => state.connect);
  const refresh = useInvoices((state) => state.refresh);
  const checkNow = useInvoices((state) => state.checkNow);
  const cancel = useInvoices((state) => state.cancel);

  useEffect(() => {
    const unsubscribe = connect();
    void refresh();
    return unsubscribe;
  }, [connect, refresh]);

  if (open.length === 0) return null;
  const problem = failure && describeError(failure.code, failure.message, language);
  return (
    <section className="panel invoices-panel" aria-labelledby="invoices-title">
      <h2 id="invoices-title">{t(isSingular(language, open.length) ? 'invoices.titleOne' : 'invoices.title', { count: open.length })}</h2>
      {problem && (
        <p className="form-failure" role="alert">
          {problem.sentence} {problem.nextStep}
        </p>
      )}
      <ul className="invoice-list">
        {open.map((sale) => {
          const payment = latestPayment(sale.payments);
          if (!payment) return null;
          const until = payment.validUntil ? new Date(payment.validUntil) : undefined;
          const sameDay = until && until.toDateString() === new Date().toDateString();
          return (
            <li key={sale.id} className="invoice-row">
              <span className="invoice-what">
                <strong>{money(sale.amountMinor, sale.currency)}</strong> · {sale.receiptNumber} · {sale.maskedPayer}
              </span>
              <span className="invoice-until">
                {until ? t('invoices.until', { when: sameDay ? time(payment.validUntil!) : `${until.toLocaleDateString(language)} ${time(payment.validUntil!)}` }) : ''}
              </span>
              <span className="invoice-actions">
                <button type="button" className="small" disabled={busy === payment.id} onClick={() => void checkNow(payment.id)} aria-label={t('invoices.checkFor', { receipt: sale.receiptNumber })}>
                  {t('invoices.check')}
                </button>
                <button type="button" className="small secondary" disabled={busy === payment.id} onClick={() => void cancel(payment.id)} aria-label={t('invoices.cancelFor', { receipt: sale.receiptNumber })}>
                  {t('invoices.cancel')}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
