import { describeFailure, noticeText } from '../../../shared/error-text';
import { useT } from '../i18n';
import { useSale } from '../stores/useSale';

/** Optional: MTN's registered name for the number, for the cashier to confirm with the customer before charging. */
export function PayerCheck() {
  const { t, language } = useT();
  const phone = useSale((state) => state.phone);
  const payer = useSale((state) => state.payer);
  const locked = useSale((state) => state.chargedSaleId !== undefined);
  const lookupPayer = useSale((state) => state.lookupPayer);
  const current = payer?.phone === phone ? payer : undefined;
  const lookup = current?.lookup;

  return (
    <>
      <button type="button" className="secondary check-name" disabled={locked || phone.trim() === '' || current?.loading} onClick={() => void lookupPayer()}>
        {current?.loading ? t('sale.checkingName') : t('sale.checkName')}
      </button>
      <div className="payer-result" role="status">
        {lookup?.name && (
          <>
            <p className="payer-name">{t('sale.registeredName', { name: lookup.name })}</p>
            <p className="field-help">{t('sale.confirmName')}</p>
          </>
        )}
        {lookup && !lookup.name && lookup.active !== false && <p className="field-help">{t('sale.noName')}</p>}
        {lookup?.active === false && <p className="field-warning">{t('sale.inactive')}</p>}
        {lookup?.warning && <p className="field-warning">{noticeText(lookup.warning, language)}</p>}
        {current?.failure && <p className="field-warning">{describeFailure(current.failure, language).sentence}</p>}
      </div>
    </>
  );
}
