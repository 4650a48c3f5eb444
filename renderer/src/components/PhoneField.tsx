import type { AppInfo } from '../../../shared/contract';
import { noticeText } from '../../../shared/error-text';
import { checkPhone } from '../counter-rules';
import { useT } from '../i18n';
import { useSale } from '../stores/useSale';
import { useFieldFocus } from '../hooks/useFieldFocus';

const SANDBOX_SUFFIX = ' (sandbox test number)';

/** The customer's MoMo number as typed, with the number the prompt will really go to, and a warning when it may not be MTN. */
export function PhoneField({ info }: { info: AppInfo }) {
  const { t, language } = useT();
  const phone = useSale((state) => state.phone);
  const error = useSale((state) => state.errors.phone);
  const engineWarning = useSale((state) => state.phoneWarning);
  const locked = useSale((state) => state.chargedSaleId !== undefined);
  const setPhone = useSale((state) => state.setPhone);
  const checkField = useSale((state) => state.checkField);
  const ref = useFieldFocus<HTMLInputElement>('phone');

  const parsed = phone.trim() && !error ? checkPhone(phone, info) : undefined;
  const number = parsed?.ok ? parsed.value : undefined;
  const display = number?.display.endsWith(SANDBOX_SUFFIX) ? `${number.display.slice(0, -SANDBOX_SUFFIX.length)} (${t('sale.sandboxNumber')})` : number?.display;
  const warning = number?.warning ?? engineWarning;
  const describedBy = [error && 'phone-error', display && 'phone-help', warning && 'phone-warning'].filter(Boolean).join(' ') || undefined;

  return (
    <div className="field">
      <label htmlFor="phone">{t('sale.phone')}</label>
      <input
        ref={ref}
        id="phone"
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('sale.phonePlaceholder')}
        value={phone}
        readOnly={locked}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => setPhone(event.target.value)}
        onBlur={() => checkField('phone')}
      />
      {error && (
        <p id="phone-error" className="field-error">
          {noticeText(error, language)}
        </p>
      )}
      {display && (
        <p id="phone-help" className="field-help">
          {t('sale.phoneWillPrompt', { number: display })}
        </p>
      )}
      {warning && (
        <p id="phone-warning" className="field-warning" role="status">
          {noticeText(warning, language)}
        </p>
      )}
    </div>
  );
}
