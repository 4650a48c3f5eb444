import { useEffect, useRef, type FormEvent } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import { checkAmount, checkPhone } from '../counter-rules';
import { useT } from '../i18n';
import { useApp } from '../stores/useApp';
import { INVOICE_HOURS, usePayLater } from '../stores/usePayLater';
import { useSale } from '../stores/useSale';
import { useSales } from '../stores/useSales';

const HOURS_LABEL: Record<(typeof INVOICE_HOURS)[number], MessageKey> = {
  1: 'payLater.hours1',
  4: 'payLater.hours4',
  24: 'payLater.hours24',
  72: 'payLater.days3',
  168: 'payLater.days7',
};

/** Pay later, confirmed: who gets the invoice, how much, how long it stays payable, and what the customer will do. */
export function PayLaterDialog() {
  const { t, money, dateTime } = useT();
  const info = useApp((state) => state.info);
  const asking = usePayLater((state) => state.asking);
  const hours = usePayLater((state) => state.hours);
  const setHours = usePayLater((state) => state.setHours);
  const close = usePayLater((state) => state.close);
  const confirm = usePayLater((state) => state.confirm);
  const phone = useSale((state) => state.phone);
  const amount = useSale((state) => state.amount);
  const sale = useSales((state) => (asking?.saleId ? state.byId[asking.saleId] : undefined));
  const dialog = useRef<HTMLDialogElement>(null);
  const send = useRef<HTMLButtonElement>(null);
  const open = asking !== undefined;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      send.current?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);

  let what: { money: string; payer: string } | undefined;
  if (asking && info) {
    if (sale) what = { money: money(sale.amountMinor, sale.currency), payer: sale.maskedPayer ?? '' };
    else {
      const payer = checkPhone(phone, info);
      const minor = checkAmount(amount, info);
      if (payer.ok && minor.ok) what = { money: money(minor.value), payer: payer.value.display };
    }
  }
  const until = new Date(Date.now() + hours * 3_600_000).toISOString();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void confirm();
  };

  return (
    <dialog ref={dialog} className="dialog pay-later-dialog" aria-labelledby="pay-later-title" aria-describedby="pay-later-what" onClose={close}>
      {open && what && (
        <form onSubmit={submit} noValidate>
          <div className="dialog-head">
            <h2 id="pay-later-title">{t('payLater.title')}</h2>
          </div>
          <p id="pay-later-what">{t('payLater.what', what)}</p>
          <div className="field">
            <label htmlFor="pay-later-hours">{t('payLater.validity')}</label>
            <select id="pay-later-hours" value={hours} aria-describedby="pay-later-until" onChange={(event) => setHours(Number(event.target.value))}>
              {INVOICE_HOURS.map((h) => (
                <option key={h} value={h}>
                  {t(HOURS_LABEL[h])}
                </option>
              ))}
            </select>
            <p id="pay-later-until" className="field-help">
              {t('payLater.until', { when: dateTime(until) })}
            </p>
          </div>
          <p className="field-help">{t('status.invoiceCustomer')}</p>
          <div className="dialog-actions">
            <button ref={send} type="submit" className="primary">
              {t('payLater.send')}
            </button>
            <button type="button" className="secondary" onClick={close}>
              {t('payLater.back')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
