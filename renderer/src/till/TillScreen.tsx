import { useEffect } from 'react';
import type { TillNotice } from './useTill';
import { useT, type Words } from '../i18n';
import { ManagerPinCard, CashierCard, RulesCard } from './SetupCards';
import { CashMovementCard, CashSaleCard, CloseShiftCard, OpenShiftCard } from './ShiftCards';
import { RefundCard } from './RefundCard';
import { ReportPanel } from './ReportPanel';
import { ExportCard, ReprintZCard } from './ManagerTools';
import { ActionFailure } from './fields';
import { useTill } from './useTill';
import { ReceiptPreview } from '../components/ReceiptPreview';
import { useReceipt } from '../stores/useReceipt';
import './till.css';

function noticeText(notice: TillNotice, words: Words): string {
  switch (notice.key) {
    case 'till.done.cashier':
    case 'till.done.openShift':
      return words.t(notice.key, { name: notice.name });
    case 'till.done.cashSale':
      return words.t(notice.key, { receipt: notice.receipt });
    case 'till.done.cashIn':
    case 'till.done.cashOut':
      return words.t(notice.key, { money: words.money(notice.amountMinor) });
    case 'till.done.export':
      return words.t(notice.key, { rows: notice.rows, fileName: notice.fileName });
    default:
      return words.t(notice.key);
  }
}

/** Whose shift, since when, with what float: or that none is open. */
function ShiftBanner() {
  const words = useT();
  const { t, money, when } = words;
  const status = useTill((state) => state.status);
  const notice = useTill((state) => state.notice);
  if (!status) return null;
  const shift = status.shift;
  return (
    <div className={shift ? 'till-banner open' : 'till-banner closed'}>
      <p className="till-banner-main" role="status">
        {shift
          ? t('till.banner.open', { name: shift.cashier, time: when(shift.openedAt), money: money(shift.openingFloatMinor, shift.currency) })
          : t('till.banner.closed')}
      </p>
      {status.lastZ && <p className="till-banner-side">{t('till.banner.lastZ', { number: status.lastZ.number, time: when(status.lastZ.closedAt) })}</p>}
      {notice && (
        <p className="till-notice" role="status">
          {noticeText(notice, words)}
        </p>
      )}
      {notice?.key === 'till.done.cashSale' && notice.saleId && (
        <button type="button" className="small" onClick={() => void useReceipt.getState().open(notice.saleId!, notice.receipt)}>
          {t('till.cashSale.print', { receipt: notice.receipt })}
        </button>
      )}
    </div>
  );
}

/**
 * The till: opening (cashier signs in, float), the shift's cash (cash sales,
 * cash in and out), refunds, closing with the counted cash, and the reports.
 * The first time, the manager chooses a PIN before anything else.
 */
export function TillScreen() {
  const { t } = useT();
  const status = useTill((state) => state.status);
  const connect = useTill((state) => state.connect);
  const load = useTill((state) => state.load);

  useEffect(() => {
    const unsubscribe = connect();
    void load();
    return unsubscribe;
  }, [connect, load]);
  // F2 (new sale) and Esc lead back to the counter, as the button does; a dialog open here keeps Esc for itself.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F2' && event.key !== 'Escape') return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      useTill.getState().show(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!status) {
    return (
      <main className="till-screen">
        <p className="field-help">{t('till.loading')}</p>
        <ActionFailure action="load" />
      </main>
    );
  }
  if (!status.managerPinSet) {
    return (
      <main className="till-screen till-first">
        <h1>{t('till.title')}</h1>
        <ManagerPinCard first />
      </main>
    );
  }
  const shiftOpen = status.shift !== undefined;
  return (
    <main className="till-screen">
      <div className="till-head">
        <h1>{t('till.title')}</h1>
        <ShiftBanner />
      </div>
      {status.pinLockedForSeconds !== undefined && (
        <p className="form-failure" role="alert">
          {t('till.locked', { seconds: status.pinLockedForSeconds })}
        </p>
      )}
      <ReceiptPreview />
      <div className="till-grid">
        <div className="till-actions">
          {shiftOpen ? (
            <>
              <CashSaleCard />
              <CashMovementCard />
              <RefundCard />
              <CloseShiftCard />
            </>
          ) : (
            <>
              {status.cashiers.length === 0 && <CashierCard emphasise />}
              <OpenShiftCard />
              <RefundCard />
            </>
          )}
          <details className="till-manager-tools">
            <summary>{t('till.managerTools')}</summary>
            <ReprintZCard />
            <ExportCard />
            {status.cashiers.length > 0 && <CashierCard />}
            <RulesCard />
            <ManagerPinCard first={false} />
          </details>
        </div>
        <ReportPanel />
      </div>
    </main>
  );
}
