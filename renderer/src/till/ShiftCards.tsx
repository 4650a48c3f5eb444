import { useEffect, useState, type FormEvent } from 'react';
import { latestPayment } from '../../../shared/messages';
import { useT } from '../i18n';
import { useInvoices } from '../stores/useInvoices';
import { useSales } from '../stores/useSales';
import { ActionFailure, Card, MoneyField, PinField } from './fields';
import { useTill } from './useTill';

/** The cashier signs in with their own PIN and counts the float into the drawer. */
export function OpenShiftCard() {
  const { t } = useT();
  const status = useTill((state) => state.status);
  const busy = useTill((state) => state.busy === 'openShift');
  const openShift = useTill((state) => state.openShift);
  const names = status?.cashiers ?? [];
  const [cashier, setCashier] = useState(names[0] ?? '');
  const [pin, setPin] = useState('');
  const [float, setFloat] = useState('');
  const chosen = names.includes(cashier) ? cashier : (names[0] ?? '');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await openShift(chosen, pin, float || '0')) {
      setPin('');
      setFloat('');
    }
  };
  return (
    <Card title={t('till.open.title')} id="open-shift">
      {names.length === 0 ? (
        <p className="field-help">{t('till.open.needCashier')}</p>
      ) : (
        <form className="till-form" onSubmit={(event) => void submit(event)}>
          <div className="till-field">
            <label htmlFor="open-cashier">{t('till.open.cashier')}</label>
            <select id="open-cashier" value={chosen} onChange={(event) => setCashier(event.target.value)}>
              {names.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <PinField id="open-pin" label={t('till.open.pin')} value={pin} onChange={setPin} />
          <MoneyField id="open-float" label={t('till.open.float')} value={float} currency={status?.currency ?? ''} onChange={setFloat} help={t('till.open.floatHelp')} />
          <ActionFailure action="openShift" />
          <button type="submit" className="primary" disabled={busy || pin.length < 4} aria-busy={busy}>
            {t('till.open.submit')}
          </button>
        </form>
      )}
    </Card>
  );
}

/** A cash sale, without the network: amount, and what the customer handed over for the change. */
export function CashSaleCard() {
  const { t, money } = useT();
  const currency = useTill((state) => state.status?.currency ?? '');
  const busy = useTill((state) => state.busy === 'cashSale');
  const cashSale = useTill((state) => state.cashSale);
  const [amount, setAmount] = useState('');
  const [tendered, setTendered] = useState('');
  // The change of the sale just recorded: still said once the fields are cleared for the next one.
  const [given, setGiven] = useState<number | undefined>(undefined);
  const change = changeOf(amount, tendered);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await cashSale(amount, tendered.trim() || undefined)) {
      setGiven(change);
      setAmount('');
      setTendered('');
    }
  };
  return (
    <Card title={t('till.cashSale.title')} id="cash-sale">
      <form className="till-form" onSubmit={(event) => void submit(event)}>
        <div className="till-row">
          <MoneyField id="cash-sale-amount" label={t('till.cashSale.amount')} value={amount} currency={currency} onChange={setAmount} />
          <MoneyField id="cash-sale-tendered" label={t('till.cashSale.tendered')} value={tendered} currency={currency} onChange={setTendered} />
        </div>
        {change !== undefined && <p className="till-change">{t('till.cashSale.change', { money: money(change) })}</p>}
        {change === undefined && given !== undefined && given > 0 && (
          <p className="till-change" role="status">
            {t('cash.giveChange', { money: money(given) })}
          </p>
        )}
        <ActionFailure action="cashSale" />
        <button type="submit" className="primary" disabled={busy || !amount.trim()} aria-busy={busy}>
          {t('till.cashSale.submit')}
        </button>
      </form>
    </Card>
  );
}

/** Change for whole-unit currencies only: a hint, the engine keeps the truth. */
function changeOf(amount: string, tendered: string): number | undefined {
  const clean = (text: string) => text.replace(/[\s,'_]/g, '');
  if (!/^\d+$/.test(clean(amount)) || !/^\d+$/.test(clean(tendered))) return undefined;
  const difference = Number(clean(tendered)) - Number(clean(amount));
  return difference >= 0 ? difference : undefined;
}

/** Cash put in (no PIN) or taken out (manager PIN), always with a reason. */
export function CashMovementCard() {
  const { t } = useT();
  const currency = useTill((state) => state.status?.currency ?? '');
  const busy = useTill((state) => state.busy === 'cashMovement');
  const cashMovement = useTill((state) => state.cashMovement);
  const [kind, setKind] = useState<'in' | 'out'>('out');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await cashMovement(kind, amount, reason, kind === 'out' ? pin : undefined)) {
      setAmount('');
      setReason('');
      setPin('');
    }
  };
  return (
    <Card title={t('till.movement.title')} id="cash-movement">
      <form className="till-form" onSubmit={(event) => void submit(event)}>
        <fieldset className="segmented">
          <legend>{t('till.movement.kind')}</legend>
          {(['in', 'out'] as const).map((option) => (
            <label key={option} className={kind === option ? 'is-checked' : undefined}>
              <input type="radio" name="movement-kind" value={option} checked={kind === option} onChange={() => setKind(option)} />
              {t(option === 'in' ? 'till.movement.in' : 'till.movement.out')}
            </label>
          ))}
        </fieldset>
        <div className="till-row">
          <MoneyField id="movement-amount" label={t('till.movement.amount')} value={amount} currency={currency} onChange={setAmount} />
          <div className="till-field">
            <label htmlFor="movement-reason">{t('till.movement.reason')}</label>
            <input id="movement-reason" type="text" autoComplete="off" maxLength={140} value={reason} placeholder={t('till.movement.reasonPlaceholder')} onChange={(event) => setReason(event.target.value)} />
          </div>
        </div>
        {kind === 'out' && <PinField id="movement-pin" label={t('till.managerPinLabel')} value={pin} onChange={setPin} />}
        <ActionFailure action="cashMovement" />
        <button type="submit" className="secondary" disabled={busy || !amount.trim() || !reason.trim() || (kind === 'out' && pin.length < 4)} aria-busy={busy}>
          {t(kind === 'in' ? 'till.movement.submitIn' : 'till.movement.submitOut')}
        </button>
      </form>
    </Card>
  );
}

/**
 * Closing: the manager types what was counted in the drawer without seeing
 * what is expected (a blind count), then the Z report shows both and the
 * difference.
 */
export function CloseShiftCard() {
  const { t } = useT();
  const currency = useTill((state) => state.status?.currency ?? '');
  const busy = useTill((state) => state.busy === 'closeShift');
  const closeShift = useTill((state) => state.closeShift);
  const [counted, setCounted] = useState('');
  const [pin, setPin] = useState('');
  // A prompt still waiting, an invoice still open: said before the manager closes, never a surprise on the Z.
  const promptsWaiting = useSales((state) => state.listIds.filter((id) => state.byId[id]?.status === 'awaiting_payment' && latestPayment(state.byId[id]!.payments)?.kind !== 'invoice').length);
  const invoicesOpen = useInvoices((state) => state.open.length);
  useEffect(() => {
    void useInvoices.getState().refresh();
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await closeShift(counted, pin)) {
      setCounted('');
      setPin('');
    }
  };
  return (
    <Card title={t('till.close.title')} id="close-shift">
      <form className="till-form" onSubmit={(event) => void submit(event)}>
        <p className="field-help">{t('till.close.help')}</p>
        {(promptsWaiting > 0 || invoicesOpen > 0) && (
          <p className="field-warning" role="status">
            {t('till.close.stillOpen', { prompts: promptsWaiting, invoices: invoicesOpen })}
          </p>
        )}
        <MoneyField id="close-counted" label={t('till.close.counted')} value={counted} currency={currency} onChange={setCounted} />
        <PinField id="close-pin" label={t('till.managerPinLabel')} value={pin} onChange={setPin} />
        <ActionFailure action="closeShift" />
        <button type="submit" className="primary" disabled={busy || !counted.trim() || pin.length < 4} aria-busy={busy}>
          {t('till.close.submit')}
        </button>
      </form>
    </Card>
  );
}
