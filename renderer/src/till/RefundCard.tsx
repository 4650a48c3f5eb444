import { useEffect, useState, type FormEvent } from 'react';
import type { FiscalReceiptView } from '../../../shared/contract';
import type { MessageKey } from '../../../shared/i18n';
import { describeReason } from '../../../shared/messages';
import type { RefundView } from '../../../shared/till-report';
import { useT } from '../i18n';
import { useSales } from '../stores/useSales';
import { ActionFailure, Card, MoneyField, PinField } from './fields';
import { useTill } from './useTill';
import { pos } from '../pos';

const FINAL = ['successful', 'failed', 'rejected', 'expired'];

function refundStatusKey(refund: RefundView): MessageKey {
  if (refund.status === 'successful') return refund.method === 'cash' ? 'till.refund.status.cashGiven' : 'till.refund.status.sent';
  if (refund.status === 'failed' || refund.status === 'rejected' || refund.status === 'expired') return 'till.refund.status.failed';
  if (refund.status === 'timed_out') return 'till.refund.status.timedOut';
  return 'till.refund.status.waiting';
}

/** One refund's progress, MoMo's reason when it failed, and "check now" while MoMo has not answered. */
function RefundProgress({ refund }: { refund: RefundView }) {
  const { t, money, language } = useT();
  const recheck = useTill((state) => state.recheckRefund);
  const busy = useTill((state) => state.busy === 'recheck');
  const final = FINAL.includes(refund.status);
  const tone = refund.status === 'successful' ? 'success' : final ? 'failure' : 'waiting';
  const reason = refund.reasonCode ? describeReason(refund.reasonCode, language) : undefined;
  return (
    <div className={`till-refund-status tone-${tone}`} role="status" aria-live="polite">
      <p className="till-refund-headline">
        {t(refundStatusKey(refund), { money: money(refund.amountMinor, refund.currency), payee: refund.maskedPayee ?? '' })}
      </p>
      <p className="field-help">
        {refund.receiptNumber} · {refund.reason}
        {refund.method === 'momo' ? ` · ${t(refund.via === 'transfer' ? 'till.refund.sentAsTransfer' : 'till.refund.sentAsRefund')}` : ''}
      </p>
      {refund.status !== 'successful' && reason && (
        <p>
          {reason.sentence} {reason.nextStep}
        </p>
      )}
      {refund.status === 'successful' && <RefundFiscal refundId={refund.id} />}
      {!final && refund.method === 'momo' && (
        <button type="button" className="small" disabled={busy} aria-busy={busy} onClick={() => void recheck()}>
          {t('till.refund.recheck')}
        </button>
      )}
    </div>
  );
}

/** The refund's fiscal receipt (NR, or TR in training): waiting for the EBM, or signed with its numbers; updated when the signature arrives. */
function RefundFiscal({ refundId }: { refundId: string }) {
  const { t } = useT();
  const [fiscal, setFiscal] = useState<FiscalReceiptView>();
  useEffect(() => {
    let live = true;
    // A finished receipt never goes back to pending: an answer read before the event that overtook it is ignored.
    const take = (next: FiscalReceiptView) => setFiscal((old) => (old && old.status !== 'pending' && old.status !== 'none' && (next.status === 'pending' || next.status === 'none') ? old : next));
    void pos.fiscal.receipt({ refundId }).then((result) => live && result.ok && take(result.data));
    const stop = pos.events.subscribe((event) => {
      if (event.type === 'fiscal.updated' && event.refundId === refundId) take(event.receipt);
    });
    return () => {
      live = false;
      stop();
    };
  }, [refundId]);
  if (!fiscal || fiscal.status === 'none') return null;
  const label = fiscal.label ?? 'NR';
  if (fiscal.status === 'signed' && fiscal.sdcId) {
    return (
      <p className="till-refund-fiscal signed">
        {t('till.refund.fiscalSigned', { label, number: `${fiscal.receiptNo ?? '?'}/${fiscal.totalReceiptNo ?? '?'}`, sdcId: fiscal.sdcId, original: fiscal.originalInvoiceNo ?? '?' })}
      </p>
    );
  }
  if (fiscal.status === 'signed' || fiscal.status === 'duplicate') return <p className="till-refund-fiscal signed">{t('till.refund.fiscalDone', { label })}</p>;
  if (fiscal.status === 'rejected') return <p className="till-refund-fiscal refused">{t('till.refund.fiscalRefused', { label, code: fiscal.errorCode ?? '?' })}</p>;
  return <p className="till-refund-fiscal pending">{t('till.refund.fiscalPending', { label })}</p>;
}

/** Find a sale by its receipt number, then give back all or part of it: by MoMo (to the payer) or in cash from the drawer. */
export function RefundCard() {
  const { t, money, when } = useT();
  const status = useTill((state) => state.status);
  const sale = useTill((state) => state.refundSale);
  const refund = useTill((state) => state.refund);
  const busy = useTill((state) => state.busy);
  const findSale = useTill((state) => state.findSale);
  const createRefund = useTill((state) => state.createRefund);
  const clearRefund = useTill((state) => state.clearRefund);
  const [receipt, setReceipt] = useState('');
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<'momo' | 'cash'>('momo');
  const [via, setVia] = useState<'refund' | 'transfer' | ''>('');
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const shiftOpen = status?.shift !== undefined;
  const momoPossible = (sale?.refundableByMomoMinor ?? 0) > 0;
  const chosen = method === 'momo' && !momoPossible ? 'cash' : method;

  const find = async (event: FormEvent) => {
    event.preventDefault();
    // A sale looked up afresh starts from the defaults: MoMo back to the payer, the till's way of sending it.
    if (await findSale(receipt)) {
      setAmount('');
      setPin('');
      setMethod('momo');
      setVia('');
      setReason('');
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await createRefund({ amount, reason, pin, method: chosen, ...(chosen === 'momo' && via ? { via } : {}) });
    if (ok) {
      setAmount('');
      setReason('');
      setPin('');
    }
  };

  // The placeholder looks like this till's own receipt numbers: its newest one, when there is one.
  const example = useSales((state) => (state.listIds[0] ? state.byId[state.listIds[0]]?.receiptNumber : undefined));
  return (
    <Card title={t('till.refund.title')} id="refund">
      <form className="till-form till-find" onSubmit={(event) => void find(event)}>
        <div className="till-field">
          <label htmlFor="refund-receipt">{t('till.refund.receipt')}</label>
          <input id="refund-receipt" type="text" autoComplete="off" spellCheck={false} placeholder={example ?? ''} value={receipt} onChange={(event) => setReceipt(event.target.value)} />
        </div>
        <button type="submit" className="secondary" disabled={busy === 'findSale' || !receipt.trim()} aria-busy={busy === 'findSale'}>
          {t('till.refund.find')}
        </button>
      </form>
      <ActionFailure action="findSale" />
      {sale && (
        <div className="till-sale" aria-label={t('till.refund.saleLabel', { number: sale.receiptNumber })}>
          <p className="till-sale-head">
            <strong>{sale.receiptNumber}</strong> · {when(sale.createdAt)} · {money(sale.amountMinor, sale.currency)}
            {sale.maskedPayer ? ` · ${sale.maskedPayer}` : ''}
          </p>
          <p className="field-help">
            {t('till.refund.paid', { momo: money(sale.paidMomoMinor, sale.currency), cash: money(sale.paidCashMinor, sale.currency) })}{' '}
            {t('till.refund.left', { money: money(sale.refundableMinor, sale.currency), refunded: money(sale.refundedMinor, sale.currency) })}
          </p>
          {sale.refundableMinor === 0 ? (
            <p className="field-warning">{t('till.refund.nothingLeft')}</p>
          ) : (
            <form className="till-form" onSubmit={(event) => void submit(event)}>
              <fieldset className="segmented">
                <legend>{t('till.refund.method')}</legend>
                <label className={chosen === 'momo' ? 'is-checked' : undefined}>
                  <input type="radio" name="refund-method" value="momo" checked={chosen === 'momo'} disabled={!momoPossible} onChange={() => setMethod('momo')} />
                  {t('till.refund.byMomo')}
                </label>
                <label className={chosen === 'cash' ? 'is-checked' : undefined}>
                  <input type="radio" name="refund-method" value="cash" checked={chosen === 'cash'} disabled={!shiftOpen} onChange={() => setMethod('cash')} />
                  {t('till.refund.byCash')}
                </label>
              </fieldset>
              {chosen === 'cash' && !shiftOpen && <p className="field-warning">{t('till.refund.cashNeedsShift')}</p>}
              {chosen === 'momo' && (
                <div className="till-field">
                  <label htmlFor="refund-via">{t('till.refund.via')}</label>
                  <select id="refund-via" value={via || status?.refundVia || 'refund'} onChange={(event) => setVia(event.target.value as 'refund' | 'transfer')}>
                    <option value="refund">{t('till.refund.viaRefund')}</option>
                    <option value="transfer">{t('till.refund.viaTransfer')}</option>
                  </select>
                </div>
              )}
              <MoneyField
                id="refund-amount"
                label={t('till.refund.amount')}
                value={amount}
                currency={sale.currency}
                onChange={setAmount}
                help={t('till.refund.amountHelp', { money: money(chosen === 'momo' ? sale.refundableByMomoMinor : sale.refundableMinor, sale.currency) })}
              />
              <div className="till-field">
                <label htmlFor="refund-reason">{t('till.refund.reason')}</label>
                <input id="refund-reason" type="text" autoComplete="off" maxLength={140} value={reason} placeholder={t('till.refund.reasonPlaceholder')} onChange={(event) => setReason(event.target.value)} />
              </div>
              <PinField id="refund-pin" label={t('till.managerPinLabel')} value={pin} onChange={setPin} />
              <ActionFailure action="refund" />
              <div className="till-buttons">
                <button type="submit" className="primary" disabled={busy === 'refund' || !amount.trim() || !reason.trim() || pin.length < 4} aria-busy={busy === 'refund'}>
                  {t('till.refund.submit')}
                </button>
                <button type="button" className="ghost" onClick={clearRefund}>
                  {t('till.refund.cancel')}
                </button>
              </div>
            </form>
          )}
        </div>
      )}
      {refund && <RefundProgress refund={refund} />}
      <ActionFailure action="recheck" />
      {refund && !sale && (
        <button type="button" className="ghost till-done" onClick={clearRefund}>
          {t('till.refund.done')}
        </button>
      )}
    </Card>
  );
}
