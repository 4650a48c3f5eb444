import type { SaleView } from '../../../shared/contract';
import type { PaymentAction, PaymentDescription } from '../../../shared/messages';
import type { MessageKey } from '../../../shared/i18n';
import { useT } from '../i18n';
import { runPaymentAction } from '../payment-actions';
import { useSale } from '../stores/useSale';
import { useSales } from '../stores/useSales';
import { ariaKeys, Kbd } from './Kbd';

const LABEL: Record<PaymentAction, MessageKey> = {
  retry: 'action.retry',
  cash: 'action.cash',
  recheck: 'action.recheck',
  transcript: 'action.transcript',
  cancelWaiting: 'action.cancelWaiting',
  print: 'action.print',
  newInvoice: 'action.newInvoice',
};

/**
 * What the cashier can do now, the likeliest first, each with its key; New
 * sale is always there. The support transcript is not a till action: it sits
 * with the explanation (TranscriptLink).
 */
export function PaymentActions({ sale, description }: { sale: SaleView; description: PaymentDescription }) {
  const { t } = useT();
  const busy = useSales((state) => state.busy[sale.id]);
  const newSale = useSale((state) => state.newSale);
  const actions = description.actions.filter((action) => action !== 'transcript');
  return (
    <div className="payment-actions" role="group" aria-label={t('action.actions')}>
      {actions.map((action, index) => (
        <button
          key={action}
          type="button"
          className={index === 0 ? 'primary' : 'secondary'}
          disabled={busy !== undefined}
          aria-busy={busy === action || undefined}
          aria-keyshortcuts={ariaKeys(action)}
          onClick={() => runPaymentAction(action, sale.id)}
        >
          <span>{t(LABEL[action])}</span>
          <Kbd command={action} />
        </button>
      ))}
      <button type="button" className={`new-sale ${actions.length === 0 ? 'primary' : 'secondary'}`} aria-keyshortcuts={ariaKeys('newSale')} onClick={newSale}>
        <span>{t('action.newSale')}</span>
        <Kbd command="newSale" />
      </button>
    </div>
  );
}

/** "Copy support transcript", under the explanation it belongs to. */
export function TranscriptLink({ sale, description }: { sale: SaleView; description: PaymentDescription }) {
  const { t } = useT();
  if (!description.actions.includes('transcript')) return null;
  return (
    <button type="button" className="link" onClick={() => runPaymentAction('transcript', sale.id)}>
      {t(LABEL.transcript)}
    </button>
  );
}
