import { useT } from '../i18n';
import { SHORTCUTS, type CounterCommand } from '../shortcuts';

/** The key cap shown on a button; hidden from screen readers (the button carries aria-keyshortcuts). */
export function Kbd({ command }: { command: CounterCommand }) {
  const { t } = useT();
  const shortcut = SHORTCUTS[command];
  return shortcut ? (
    <kbd className="key" aria-hidden="true">
      {keyLabel(shortcut.label, t)}
    </kbd>
  ) : null;
}

export function ariaKeys(command: CounterCommand): string | undefined {
  return SHORTCUTS[command]?.aria;
}

/** The key cap's word in the cashier's language (French keyboards say "Entrée"); F-keys and Ctrl are the same everywhere. */
export function keyLabel(label: string, t: ReturnType<typeof useT>['t']): string {
  return label === 'Enter' ? t('key.enter') : label;
}
