import { useCallback, useEffect, useRef } from 'react';
import type { AppInfo } from '../../../shared/contract';
import { useShortcuts } from '../hooks/useShortcuts';
import { useSales } from '../stores/useSales';
import { OpenInvoices } from './OpenInvoices';
import { PromptStatus } from './PromptStatus';
import { ReceiptPreview } from './ReceiptPreview';
import { SaleForm } from './SaleForm';
import { ShortcutHints } from './ShortcutHints';
import { TodaySales } from './TodaySales';
import { TranscriptDialog } from './TranscriptDialog';

/** The counter: the new sale on the left; the live payment and today's sales on the right. */
export function CounterScreen({ info }: { info: AppInfo }) {
  const connect = useSales((state) => state.connect);
  const refresh = useSales((state) => state.refresh);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const unsubscribe = connect();
    void refresh();
    return unsubscribe;
  }, [connect, refresh]);

  const focusSearch = useCallback(() => {
    search.current?.focus();
    search.current?.select();
  }, []);
  useShortcuts(focusSearch);

  return (
    <>
      <main className="counter">
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
    </>
  );
}
