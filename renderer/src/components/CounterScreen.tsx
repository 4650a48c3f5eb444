import { useCallback, useEffect, useRef } from 'react';
import type { AppInfo } from '../../../shared/contract';
import { useShortcuts } from '../hooks/useShortcuts';
import { useT } from '../i18n';
import { CashTenderDialog } from './CashTenderDialog';
import { resumeCounter } from '../open-sale';
import { useSales } from '../stores/useSales';
import { OpenInvoices } from './OpenInvoices';
import { PayLaterDialog } from './PayLaterDialog';
import { PromptStatus } from './PromptStatus';
import { ReceiptPreview } from './ReceiptPreview';
import { SaleForm } from './SaleForm';
import { ShortcutHints } from './ShortcutHints';
import { TodaySales } from './TodaySales';
import { TranscriptDialog } from './TranscriptDialog';

/** The counter: the new sale on the left; the live payment and today's sales on the right. */
export function CounterScreen({ info }: { info: AppInfo }) {
  const { t } = useT();
  const connect = useSales((state) => state.connect);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // The engine is the truth: on every (re)connect the list and a payment still waiting come back.
    const unsubscribe = connect(() => void resumeCounter());
    void resumeCounter();
    return unsubscribe;
  }, [connect]);

  const focusSearch = useCallback(() => {
    search.current?.focus();
    search.current?.select();
  }, []);
  useShortcuts(focusSearch);

  return (
    <>
      <main className="counter" aria-labelledby="counter-title">
        <h1 id="counter-title" className="visually-hidden">
          {t('counter.title')}
        </h1>
        <SaleForm info={info} />
        <div className="counter-side">
          <PromptStatus />
          <OpenInvoices />
          <TodaySales ref={search} />
        </div>
      </main>
      <ShortcutHints />
      <ReceiptPreview />
      <TranscriptDialog />
      <CashTenderDialog />
      <PayLaterDialog />
    </>
  );
}
