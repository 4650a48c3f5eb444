import { useT } from '../i18n';
import { usePayLater } from '../stores/usePayLater';
import { useSale } from '../stores/useSale';

/** The same phone and amount as a MoMo invoice: the customer gets an SMS and pays later from their own phone. */
export function PayLaterButton() {
  const { t } = useT();
  const ask = usePayLater((state) => state.ask);
  const charging = useSale((state) => state.charging);
  const charged = useSale((state) => state.chargedSaleId !== undefined);
  if (charged) return null;
  return (
    <button type="button" className="secondary pay-later-button" disabled={charging} onClick={() => ask()}>
      {t('sale.payLater')}
    </button>
  );
}
