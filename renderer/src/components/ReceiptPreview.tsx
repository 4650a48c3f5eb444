import { useEffect, useRef } from 'react';
import { describeFailure, noticeText } from '../../../shared/error-text';
import { useT } from '../i18n';
import type { ReceiptWidth } from '../stores/useApp';
import { useReceipt } from '../stores/useReceipt';
import { useSales } from '../stores/useSales';
import { ariaKeys, Kbd } from './Kbd';
import type { FiscalReceiptView } from '../../../shared/contract';
import { pos } from '../pos';

const WIDTHS: Array<{ width: ReceiptWidth; label: string }> = [
  { width: '58mm', label: '58 mm' },
  { width: '80mm', label: '80 mm' },
  { width: 'A4', label: 'A4' },
];

/**
 * The receipt as the engine renders it, in a sandboxed frame (no scripts, no
 * access to this page), at the chosen paper width; print or save as PDF.
 */
export function ReceiptPreview() {
  const { t, language } = useT();
  const { saleId, copy, width, html, loading, failure, notice, setWidth, close, print, savePdf } = useReceipt();
  const listed = useSales((state) => (saleId ? state.byId[saleId]?.receiptNumber : undefined));
  const given = useReceipt((state) => state.receiptNumber);
  const receiptNumber = listed ?? given;
  const dialog = useRef<HTMLDialogElement>(null);
  const open = saleId !== undefined;
  const fiscal = useReceipt((state) => state.fiscal);
  const fiscalJustSigned = useReceipt((state) => state.fiscalJustSigned);
  const fiscalUpdated = useReceipt((state) => state.fiscalUpdated);

  // The device's signature may arrive while the receipt is on screen: the block fills in and the official print is offered.
  useEffect(() => {
    if (!saleId) return;
    return pos.events.subscribe((event) => {
      if (event.type === 'fiscal.updated' && event.saleId === saleId) void fiscalUpdated(event.receipt);
    });
  }, [saleId, fiscalUpdated]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  const problem = failure && describeFailure(failure, language);
  return (
    <dialog ref={dialog} className="dialog receipt-dialog" aria-labelledby="receipt-title" onClose={close}>
      {open && (
        <>
          <div className="dialog-head">
            <h2 id="receipt-title">{t(copy ? 'receipt.copyTitle' : 'receipt.title', { number: receiptNumber ?? '' })}</h2>
            <button type="button" className="ghost" onClick={close}>
              {t('action.close')}
              <Kbd command="cancelWaiting" />
            </button>
          </div>
          <fieldset className="segmented">
            <legend>{t('receipt.width')}</legend>
            {WIDTHS.map((option) => (
              <label key={option.width} className={width === option.width ? 'is-checked' : undefined}>
                <input type="radio" name="receipt-width" value={option.width} checked={width === option.width} onChange={() => void setWidth(option.width)} />
                {option.label}
              </label>
            ))}
          </fieldset>
          {fiscal && <FiscalNotice fiscal={fiscal} justSigned={fiscalJustSigned} />}
          <div className="receipt-stage" tabIndex={0} role="region" aria-label={t('receipt.preview')}>
            {html ? (
              <iframe title={t('receipt.preview')} sandbox="" srcDoc={html} className={`receipt-frame width-${width}`} />
            ) : (
              <p className="field-help">{loading ? t('receipt.loading') : ''}</p>
            )}
          </div>
          {problem && (
            <p className="form-failure" role="alert">
              {problem.sentence} {problem.nextStep}
            </p>
          )}
          {notice && (
            <p className={notice.kind === 'problem' ? 'field-warning' : 'field-help'} role="status">
              {notice.kind === 'engine' ? noticeText(notice.said, language) : t(notice.key, { path: notice.path ?? '' })}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="primary" disabled={!html} aria-keyshortcuts={ariaKeys('print')} onClick={() => void print()}>
              <span>{fiscalJustSigned ? t('receipt.fiscal.printOfficial') : t('receipt.print')}</span>
              <Kbd command="print" />
            </button>
            <button type="button" className="secondary" disabled={!html} onClick={() => void savePdf()}>
              {t('receipt.savePdf')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

/** Above the receipt: whether the tax authority's device signed it (the official receipt), is still to sign it, or refused it. */
function FiscalNotice({ fiscal, justSigned }: { fiscal: FiscalReceiptView; justSigned: boolean }) {
  const { t } = useT();
  if (fiscal.status === 'signed' || fiscal.status === 'duplicate') {
    const training = fiscal.label === 'TS' || fiscal.label === 'TR';
    return (
      <p className={['fiscal-notice', training ? 'training' : 'signed', ...(justSigned ? ['fresh'] : [])].join(' ')} role="status">
        {justSigned ? t('receipt.fiscal.justSigned', { label: fiscal.label ?? '' }) : training ? t('receipt.fiscal.training', { label: fiscal.label ?? '' }) : t('receipt.fiscal.signed', { label: fiscal.label ?? '' })}
      </p>
    );
  }
  if (fiscal.status === 'rejected') {
    return (
      <p className="fiscal-notice refused" role="alert">
        {t('receipt.fiscal.refused', { code: fiscal.errorCode ?? '?' })}
      </p>
    );
  }
  return (
    <p className="fiscal-notice pending" role="status">
      <strong>{t('receipt.fiscal.notYet')}</strong> {t('receipt.fiscal.notYetDetail')}
    </p>
  );
}
