import { useState, type FormEvent } from 'react';
import { toDecimalString } from '../../../shared/money';
import { useT } from '../i18n';
import { formatRate } from '../../../shared/rates';
import { ActionFailure, Card, PinField, TextField } from './fields';
import { useTill } from './useTill';

/** First use: the manager chooses a PIN (typed twice). Later: changing it needs the current one. */
export function ManagerPinCard({ first }: { first: boolean }) {
  const { t } = useT();
  const busy = useTill((state) => state.busy === 'managerPin');
  const setManagerPin = useTill((state) => state.setManagerPin);
  const [current, setCurrent] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const mismatch = again !== '' && pin !== again;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mismatch || pin.length < 4) return;
    if (await setManagerPin(pin, first ? undefined : current)) {
      setCurrent('');
      setPin('');
      setAgain('');
    }
  };
  return (
    <Card title={t(first ? 'till.managerPin.firstTitle' : 'till.managerPin.changeTitle')} id="manager-pin" tone={first ? 'alert' : undefined}>
      <form className="till-form" onSubmit={(event) => void submit(event)}>
        {first && <p className="field-help">{t('till.managerPin.why')}</p>}
        {!first && <PinField id="manager-pin-current" label={t('till.managerPin.current')} value={current} onChange={setCurrent} />}
        <PinField id="manager-pin-new" label={t('till.managerPin.new')} value={pin} onChange={setPin} />
        <PinField id="manager-pin-again" label={t('till.managerPin.again')} value={again} onChange={setAgain} invalid={mismatch} />
        {mismatch && <p className="field-error">{t('till.managerPin.mismatch')}</p>}
        <p className="field-help">{t('till.pinRule')}</p>
        <ActionFailure action="managerPin" />
        <button type="submit" className="primary" disabled={busy || pin.length < 4 || pin !== again} aria-busy={busy}>
          {t('till.managerPin.save')}
        </button>
      </form>
    </Card>
  );
}

/** The manager adds a cashier (name + their own PIN), or gives one a new PIN. */
export function CashierCard({ emphasise }: { emphasise?: boolean }) {
  const { t } = useT();
  const busy = useTill((state) => state.busy === 'cashier');
  const names = useTill((state) => state.status?.cashiers ?? []);
  const setCashier = useTill((state) => state.setCashier);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [managerPin, setManagerPin] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await setCashier(name, pin, managerPin)) {
      setName('');
      setPin('');
      setManagerPin('');
    }
  };
  return (
    <Card title={t('till.cashier.title')} id="cashiers" tone={emphasise ? 'alert' : undefined}>
      <p className="field-help">{names.length ? t('till.cashier.list', { names: names.join(', ') }) : t('till.cashier.none')}</p>
      <form className="till-form" onSubmit={(event) => void submit(event)}>
        <TextField id="cashier-new-name" label={t('till.cashier.name')} value={name} onChange={setName} />
        <PinField id="cashier-new-pin" label={t('till.cashier.pin')} value={pin} onChange={setPin} />
        <PinField id="cashier-manager-pin" label={t('till.managerPinLabel')} value={managerPin} onChange={setManagerPin} />
        <ActionFailure action="cashier" />
        <button type="submit" className="secondary" disabled={busy || !name.trim() || pin.length < 4 || managerPin.length < 4} aria-busy={busy}>
          {t('till.cashier.save')}
        </button>
      </form>
    </Card>
  );
}

/** The market's MoMo fee rule (for the reports' estimate), how MoMo refunds go out, and the most for one payment. */
export function RulesCard() {
  const { t, money, language } = useT();
  const status = useTill((state) => state.status);
  const busy = useTill((state) => state.busy === 'rules');
  const setRules = useTill((state) => state.setRules);
  const [rate, setRate] = useState('');
  const [above, setAbove] = useState('');
  const [via, setVia] = useState<'refund' | 'transfer' | ''>('');
  const [maxSale, setMaxSale] = useState('');
  const [managerPin, setManagerPin] = useState('');
  if (!status) return null;
  const limit = status.saleLimit;
  const rule = status.feeRule;
  const rateText = formatRate(rule.rateBasisPoints, language);
  /** limitText: the most for one payment as typed; '' goes back to MTN's limit; undefined leaves it. */
  const save = async (limitText: string | undefined) => {
    const ok = await setRules({
      managerPin,
      ...(rate.trim() ? { feeRate: rate } : {}),
      ...(above.trim() ? { feeAbove: above } : {}),
      ...(via ? { refundVia: via } : {}),
      ...(limitText !== undefined ? { maxSale: limitText } : {}),
    });
    if (ok) {
      setRate('');
      setAbove('');
      setVia('');
      setMaxSale('');
      setManagerPin('');
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await save(maxSale.trim() ? maxSale : undefined);
  };
  return (
    <Card title={t('till.rules.title')} id="rules">
      <p className="field-help">
        {rule.rateBasisPoints === 0 ? t('till.rules.noFees') : t('till.rules.current', { rate: rateText, above: money(rule.aboveMinor, status.currency) })}{' '}
        {t(status.refundVia === 'transfer' ? 'till.rules.viaTransfer' : 'till.rules.viaRefund')}{' '}
        {t(`till.rules.limit.${limit.source}`, { money: money(limit.amountMinor, limit.currency), market: limit.market ?? '' })}
      </p>
      <form className="till-form" onSubmit={(event) => void submit(event)}>
        <div className="till-row">
          <TextField id="fee-rate" label={t('till.rules.rate')} value={rate} onChange={setRate} placeholder="0.5" />
          <TextField id="fee-above" label={t('till.rules.above', { currency: status.currency })} value={above} onChange={setAbove} placeholder="4000" />
        </div>
        <TextField id="max-sale" label={t('till.rules.maxSale', { currency: status.currency })} value={maxSale} onChange={setMaxSale} placeholder={toDecimalString(limit.amountMinor, limit.currency)} />
        <div className="till-field">
          <label htmlFor="refund-via-setting">{t('till.rules.via')}</label>
          <select id="refund-via-setting" value={via} onChange={(event) => setVia(event.target.value as 'refund' | 'transfer' | '')}>
            <option value="">{t('till.rules.keep')}</option>
            <option value="refund">{t('till.refund.viaRefund')}</option>
            <option value="transfer">{t('till.refund.viaTransfer')}</option>
          </select>
        </div>
        <PinField id="rules-manager-pin" label={t('till.managerPinLabel')} value={managerPin} onChange={setManagerPin} />
        <ActionFailure action="rules" />
        <div className="till-buttons">
          <button type="submit" className="secondary" disabled={busy || managerPin.length < 4 || (!rate.trim() && !above.trim() && !via && !maxSale.trim())} aria-busy={busy}>
            {t('till.rules.save')}
          </button>
          {limit.source === 'shop' && (
            <button type="button" className="ghost" disabled={busy || managerPin.length < 4} onClick={() => void save('')}>
              {t('till.rules.limitReset')}
            </button>
          )}
        </div>
      </form>
    </Card>
  );
}
