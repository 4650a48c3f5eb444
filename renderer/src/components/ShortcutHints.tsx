import type { MessageKey } from '../../../shared/i18n';
import { describeSale, type PaymentAction } from '../../../shared/messages';
import { useSales } from '../stores/useSales';
import { useT } from '../i18n';
import { SHORTCUTS, type CounterCommand } from '../shortcuts';
import { keyLabel } from './Kbd';

const HINTS: Array<{ command: CounterCommand; label: MessageKey }> = [
  { command: 'charge', label: 'keys.charge' },
  { command: 'cancelWaiting', label: 'keys.stopOrClose' },
  { command: 'newSale', label: 'action.newSale' },
  { command: 'search', label: 'keys.search' },
  { command: 'retry', label: 'action.retry' },
  { command: 'cash', label: 'action.cash' },
  { command: 'recheck', label: 'action.recheck' },
  { command: 'print', label: 'keys.receipt' },
];

/** Always answered: typing a sale, a new one, the search. */
const ALWAYS = new Set<CounterCommand>(['charge', 'cancelWaiting', 'newSale', 'search']);

/** The keys the counter answers to now: the sale's own actions (F4, F8, F9, Ctrl+P) only when they do something. */
export function ShortcutHints() {
  const { t, language } = useT();
  const sale = useSales((state) => (state.shownSaleId ? state.byId[state.shownSaleId] : undefined));
  const actions = sale ? describeSale(sale, language).actions : [];
  const shown = HINTS.flatMap((hint) => {
    if (ALWAYS.has(hint.command)) return [hint];
    // F4 on an invoice that ended is "Send a new invoice".
    if (hint.command === 'retry' && actions.includes('newInvoice')) return [{ command: 'newInvoice' as const, label: 'action.newInvoice' as const }];
    return actions.includes(hint.command as PaymentAction) ? [hint] : [];
  });
  return (
    <footer className="shortcut-hints" aria-label={t('keys.title')}>
      <ul>
        {shown.map(({ command, label }) => (
          <li key={command}>
            <kbd className="key">{keyLabel(SHORTCUTS[command]?.label ?? '', t)}</kbd> {t(label)}
          </li>
        ))}
      </ul>
    </footer>
  );
}
