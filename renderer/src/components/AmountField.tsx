import type { AppInfo } from '../../../shared/contract';
import { noticeText } from '../../../shared/error-text';
import { useT } from '../i18n';
import { useSale } from '../stores/useSale';
import { useFieldFocus } from '../hooks/useFieldFocus';

/** The amount as text (never a float), with the currency beside it; decimals as the currency allows. */
export function AmountField({ info }: { info: AppInfo }) {
  const { t, language } = useT();
  const amount = useSale((state) => state.amount);
  const error = useSale((state) => state.errors.amount);
  const locked = useSale((state) => state.chargedSaleId !== undefined);
  const setAmount = useSale((state) => state.setAmount);
  const checkField = useSale((state) => state.checkField);
  const ref = useFieldFocus<HTMLInputElement>('amount');

  return (
    <div className="field">
      <label htmlFor="amount">{t('sale.amount')}</label>
      <div className="amount-input">
        <span id="amount-currency" className="currency">
          {info.currency}
        </span>
        <input
          ref={ref}
          id="amount"
          name="amount"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          placeholder="0"
          value={amount}
          readOnly={locked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'amount-currency amount-error' : 'amount-currency'}
          onChange={(event) => setAmount(event.target.value)}
          onBlur={() => checkField('amount')}
        />
      </div>
      {error && (
        <p id="amount-error" className="field-error">
          {noticeText(error, language)}
        </p>
      )}
    </div>
  );
}
