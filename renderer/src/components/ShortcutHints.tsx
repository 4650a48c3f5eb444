import type { MessageKey } from '../../../shared/i18n';
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

/** Every key the counter answers to, always on screen. */
export function ShortcutHints() {
  const { t } = useT();
  return (
    <footer className="shortcut-hints" aria-label={t('keys.title')}>
      <ul>
        {HINTS.map(({ command, label }) => (
          <li key={command}>
            <kbd className="key">{keyLabel(SHORTCUTS[command]?.label ?? '', t)}</kbd> {t(label)}
          </li>
        ))}
      </ul>
    </footer>
  );
}
