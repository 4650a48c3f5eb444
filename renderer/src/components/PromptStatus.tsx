import { describeSale, latestPayment } from '../../../shared/messages';
import { describeFailure } from '../../../shared/error-text';
import { useT } from '../i18n';
import { useApp } from '../stores/useApp';
import { useCashTender } from '../stores/useCashTender';
import { useConnection } from '../stores/useConnection';
import { useSales } from '../stores/useSales';
import { ElapsedTimer } from './ElapsedTimer';
import { PaymentActions, TranscriptLink } from './PaymentActions';
import { useFieldFocus } from '../hooks/useFieldFocus';

const STILL_RUNNING = new Set(['sending', 'waiting', 'checking']);
/** Stopped waiting is the cashier's choice, not an answer: the payment is still live, so its time keeps counting. */
const TIMER_RUNNING = new Set([...STILL_RUNNING, 'stopped']);

/** The live status of the sale on screen: where the prompt went, how long ago, the outcome and what to do next. */
export function PromptStatus() {
  const { t, money, time, dateTime, language } = useT();
  const sale = useSales((state) => (state.shownSaleId ? state.byId[state.shownSaleId] : undefined));
  const actionFailure = useSales((state) => (sale && state.actionFailure?.saleId === sale.id ? state.actionFailure.failure : undefined));
  const ref = useFieldFocus<HTMLElement>('status');
  const connectionLost = useConnection((state) => state.lost);
  // A failure in training came from the simulator: its next step must not send the cashier to MTN.
  const training = useApp((state) => state.info?.mode === 'training');
  const checkedAt = useSales((state) => (sale ? state.checkedAt[sale.id] : undefined));
  const changeMinor = useCashTender((state) => (sale && state.lastChange?.saleId === sale.id ? state.lastChange.changeMinor : undefined));

  if (!sale) {
    return (
      <section ref={ref} tabIndex={-1} className="panel status-panel status-idle" aria-labelledby="status-title">
        <h2 id="status-title">{t('status.title')}</h2>
        <p className="status-idle-text">{t('status.idle')}</p>
        <p className="field-help">{t('status.idleHint')}</p>
      </section>
    );
  }

  const payment = latestPayment(sale.payments);
  const description = describeSale(sale, language);
  const running = STILL_RUNNING.has(description.kind);
  // Pay later: the customer is not at the counter; no timer, no spinner — the expiry and what they do instead.
  const invoice = payment?.kind === 'invoice';
  const invoiceOpen = invoice && description.kind === 'waiting';
  const failure = actionFailure && describeFailure(actionFailure, language);

  return (
    <section
      ref={ref}
      tabIndex={-1}
      className={`panel status-panel tone-${description.tone}${invoice ? ' is-invoice' : ''}`}
      aria-labelledby="status-title"
      data-outcome={description.kind}
    >
      <div className="status-top">
        <h2 id="status-title">{t('status.title')}</h2>
        <span className="status-receipt">{t('status.receipt', { number: sale.receiptNumber })}</span>
      </div>
      <div className="status-amount-row">
        <span className="status-amount">{money(sale.amountMinor, sale.currency)}</span>
        {payment && !invoice && <ElapsedTimer since={payment.createdAt} until={TIMER_RUNNING.has(description.kind) ? undefined : payment.updatedAt} />}
      </div>
      <p className="status-meta">
        {payment
          ? t(payment.kind === 'invoice' ? 'status.invoiceSentTo' : description.kind === 'not_sent' ? 'status.promptNotSentTo' : 'status.promptSentTo', { payer: payment.maskedPayer })
          : t('status.cashSale')}
        {sale.payerName && <span className="status-payer-name"> · {sale.payerName}</span>}
        {payment && payment.attempt > 1 && <span> · {t('status.attempt', { number: payment.attempt })}</span>}
      </p>
      <div className={`status-outcome tone-${description.tone}`}>
        <div className="status-words" aria-live="polite" aria-atomic="true">
          <p className="status-headline">
            <span className="status-icon" aria-hidden="true" />
            {description.headline}
          </p>
          <p className="status-sentence">{description.sentence}</p>
          {changeMinor !== undefined && description.kind === 'paid_cash' && <p className="status-change">{t('cash.giveChange', { money: money(changeMinor, sale.currency) })}</p>}
          {invoiceOpen && payment.validUntil && <p className="status-until">{t('payLater.until', { when: dateTime(payment.validUntil) })}</p>}
          {invoiceOpen && <p className="status-customer">{t('status.invoiceCustomer')}</p>}
          <p className="status-next">{training && description.kind === 'failed' ? t('status.nextStepTraining') : description.nextStep}</p>
          {running && connectionLost && <p className="status-stale">{t('status.stale')}</p>}
          {checkedAt && (
            <p className="status-checked" role="status">
              {running || description.kind === 'stopped' || description.kind === 'timed_out'
                ? t('status.checkedWaiting', { time: time(checkedAt) })
                : t('status.checkedAnswer', { time: time(checkedAt), answer: description.headline })}
            </p>
          )}
        </div>
        {payment?.financialTransactionId && description.kind === 'paid' && (
          <p className="status-detail">{t('status.financialId', { id: payment.financialTransactionId })}</p>
        )}
        <TranscriptLink sale={sale} description={description} />
      </div>
      {failure && (
        <p className="form-failure" role="alert">
          {failure.sentence} {failure.nextStep}
        </p>
      )}
      <PaymentActions sale={sale} description={description} />
    </section>
  );
}
