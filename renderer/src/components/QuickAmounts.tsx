import type { AppInfo } from '../../../shared/contract';
import { checkAmount } from '../counter-rules';
import { useT } from '../i18n';
import { useSale } from '../stores/useSale';

/** One press fills the amount (from settings' quick amounts); focus goes back to Amount so Enter charges. */
export function QuickAmounts({ info }: { info: AppInfo }) {
  const { t, money } = useT();
  const locked = useSale((state) => state.chargedSaleId !== undefined);
  const setAmount = useSale((state) => state.setAmount);
  const focusOn = useSale((state) => state.focusOn);
  const amounts = info.quickAmounts.flatMap((text) => {
    const parsed = checkAmount(text, info);
    return parsed.ok ? [{ text, label: money(parsed.value) }] : [];
  });
  if (amounts.length === 0) return null;
  return (
    <div className="quick-amounts" role="group" aria-label={t('sale.quickAmounts')}>
      {amounts.map(({ text, label }) => (
        <button
          key={text}
          type="button"
          className="quick-amount"
          disabled={locked}
          onClick={() => {
            setAmount(text);
            focusOn('amount');
          }}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
