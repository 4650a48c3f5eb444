import { useEffect, useRef, useState, type FormEvent } from 'react';
import { PosError, type Notice } from '../../../shared/errors';
import { parseAmount } from '../../../shared/money';
import { describeFailure, noticeText } from '../../../shared/error-text';
import { useT } from '../i18n';
import { useCashTender } from '../stores/useCashTender';
import { useSales } from '../stores/useSales';

/** What the customer handed over, minus the amount due: a hint; the engine records the truth. */
function changeOf(text: string, dueMinor: number, currency: Parameters<typeof parseAmount>[1]): { changeMinor?: number; problem?: 'short' | Notice } {
  if (text.trim() === '') return {};
  try {
    const tendered = parseAmount(text, currency, 'tendered');
    return tendered >= dueMinor ? { changeMinor: tendered - dueMinor } : { problem: 'short' };
  } catch (error) {
    if (error instanceof PosError) return { problem: error };
    throw error;
  }
}

/** F8 / Take cash: the cash handed over (Enter alone takes the exact amount), the change to give, then the sale is paid in cash. */
export function CashTenderDialog() {
  const { t, money, language } = useT();
  const saleId = useCashTender((state) => state.saleId);
  const close = useCashTender((state) => state.close);
  const confirm = useCashTender((state) => state.confirm);
  const sale = useSales((state) => (saleId ? state.byId[saleId] : undefined));
  const busy = useSales((state) => (saleId ? state.busy[saleId] === 'cash' : false));
  const failure = useSales((state) => (saleId && state.actionFailure?.saleId === saleId ? state.actionFailure.failure : undefined));
  const [tendered, setTendered] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const open = saleId !== undefined && sale !== undefined;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setTendered('');
      element.showModal();
      input.current?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);

  const change = sale ? changeOf(tendered, sale.amountMinor, sale.currency) : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (change.problem) return;
    void confirm(tendered);
  };
  const refused = failure && describeFailure(failure, language);

  return (
    <dialog ref={dialog} className="dialog cash-dialog" aria-labelledby="cash-title" onClose={close}>
      {open && sale && (
        <form onSubmit={submit} noValidate>
          <div className="dialog-head">
            <h2 id="cash-title">{t('cash.title', { money: money(sale.amountMinor, sale.currency) })}</h2>
          </div>
          <div className="field">
            <label htmlFor="cash-tendered">{t('cash.tendered')}</label>
            <input
              ref={input}
              id="cash-tendered"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              value={tendered}
              placeholder={t('cash.exact')}
              aria-describedby="cash-change"
              onChange={(event) => setTendered(event.target.value)}
            />
          </div>
          <p id="cash-change" className={change.problem ? 'field-error cash-change' : 'cash-change'} role="status">
            {change.changeMinor !== undefined
              ? t('till.cashSale.change', { money: money(change.changeMinor, sale.currency) })
              : change.problem === 'short'
                ? t('cash.short')
                : change.problem
                  ? noticeText(change.problem, language)
                  : t('cash.exactHint')}
          </p>
          {refused && (
            <p className="form-failure" role="alert">
              {refused.sentence} {refused.nextStep}
            </p>
          )}
          <div className="dialog-actions">
            <button type="submit" className="primary" disabled={busy || Boolean(change.problem)} aria-busy={busy || undefined}>
              {t('cash.confirm')}
            </button>
            <button type="button" className="secondary" onClick={close}>
              {t('action.close')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
