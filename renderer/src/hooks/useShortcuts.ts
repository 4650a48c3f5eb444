/** The counter's keyboard: F-keys and Esc act on the sale in the status panel (see shortcuts.ts). */
import { useEffect } from 'react';
import { describeSale } from '../../../shared/messages';
import { runPaymentAction } from '../payment-actions';
import { commandFor } from '../shortcuts';
import { useReceipt } from '../stores/useReceipt';
import { useSale } from '../stores/useSale';
import { useSales } from '../stores/useSales';

export function useShortcuts(onSearch: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = commandFor(event);
      if (!command) return;
      // A dialog is open: it owns Esc (closes itself); Ctrl+P prints what it shows.
      if (document.querySelector('dialog[open]')) {
        if (command === 'print') {
          event.preventDefault();
          if (useReceipt.getState().saleId) void useReceipt.getState().print();
        }
        return;
      }
      if (command === 'newSale') {
        event.preventDefault();
        return useSale.getState().newSale();
      }
      if (command === 'search') {
        event.preventDefault();
        return onSearch();
      }
      if (command === 'charge') return;
      if (command === 'print') event.preventDefault(); // never print the counter screen itself
      const { shownSaleId, byId } = useSales.getState();
      const sale = shownSaleId ? byId[shownSaleId] : undefined;
      if (!sale) return;
      const actions = describeSale(sale).actions;
      // F4 on an invoice that ended is "Send a new invoice" (asked first), never a prompt.
      const wanted = command === 'retry' && actions.includes('newInvoice') ? 'newInvoice' : command;
      if (!actions.includes(wanted)) return;
      event.preventDefault();
      runPaymentAction(wanted, sale.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onSearch]);
}
