/**
 * The counter's keys, in one table: shown on the buttons and in the hints
 * bar, and handled by useShortcuts. F-keys the browser keeps for itself
 * (F5 reload, F6 address bar, F11 full screen, F12 tools) are avoided.
 */
import type { PaymentAction } from '../../shared/messages';

export type CounterCommand = PaymentAction | 'newSale' | 'search' | 'charge';

/** `label` is what the key cap shows; `aria` follows aria-keyshortcuts' spelling. */
export const SHORTCUTS: Partial<Record<CounterCommand, { label: string; aria: string }>> = {
  charge: { label: 'Enter', aria: 'Enter' },
  cancelWaiting: { label: 'Esc', aria: 'Escape' },
  newSale: { label: 'F2', aria: 'F2' },
  search: { label: 'F3', aria: 'F3' },
  retry: { label: 'F4', aria: 'F4' },
  newInvoice: { label: 'F4', aria: 'F4' },
  cash: { label: 'F8', aria: 'F8' },
  recheck: { label: 'F9', aria: 'F9' },
  print: { label: 'Ctrl+P', aria: 'Control+P' },
};

/** Which command a key press means, if any. */
export function commandFor(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): CounterCommand | undefined {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'p') return 'print';
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  switch (event.key) {
    case 'Escape':
      return 'cancelWaiting';
    case 'F2':
      return 'newSale';
    case 'F3':
      return 'search';
    case 'F4':
      return 'retry';
    case 'F8':
      return 'cash';
    case 'F9':
      return 'recheck';
  }
  return undefined;
}
