import { SHORTCUTS, type CounterCommand } from '../shortcuts';

/** The key cap shown on a button; hidden from screen readers (the button carries aria-keyshortcuts). */
export function Kbd({ command }: { command: CounterCommand }) {
  const shortcut = SHORTCUTS[command];
  return shortcut ? (
    <kbd className="key" aria-hidden="true">
      {shortcut.label}
    </kbd>
  ) : null;
}

export function ariaKeys(command: CounterCommand): string | undefined {
  return SHORTCUTS[command]?.aria;
}
