import type { AppInfo } from '../../../shared/contract';
import { checkAmount } from '../counter-rules';
import { useT } from '../i18n';
import { useSale } from '../stores/useSale';
import { useSales } from '../stores/useSales';
import { ariaKeys, Kbd } from './Kbd';

/** Submits the form (Enter does too). Names the amount once it is a valid one. */
export function ChargeButton({ info }: { info: AppInfo }) {
  const { t, money } = useT();
  const amount = useSale((state) => state.amount);
  const charging = useSale((state) => state.charging);
  const charged = useSale((state) => state.chargedSaleId !== undefined);
  // After a refusal the hint must not say "Sent": the sale was not paid.
  const notPaid = useSales((state) => {
    const id = useSale.getState().chargedSaleId;
    return id !== undefined && state.byId[id]?.status === 'not_paid';
  });
  if (charged) {
    return (
      <p className="charged-hint" role="status">
        {t(notPaid ? 'sale.doneNotPaid' : 'sale.sent')} <Kbd command="newSale" />
      </p>
    );
  }
  const parsed = amount.trim() ? checkAmount(amount, info) : undefined;
  return (
    <button type="submit" className="charge-button" disabled={charging} aria-busy={charging || undefined} aria-keyshortcuts={ariaKeys('charge')}>
      <span>{charging ? t('sale.charging') : parsed?.ok ? t('sale.chargeAmount', { money: money(parsed.value) }) : t('sale.charge')}</span>
      {!charging && <Kbd command="charge" />}
    </button>
  );
}
