import { useRef, useState } from 'react';
import { useT } from '../i18n';
import { useSetup } from './useSetup';

/**
 * Production set-up: what to register in MTN's partner portal so MoMo calls
 * head office back (each with a copy button), or, plainly, that callbacks are
 * off and the till checks payments by polling alone.
 */
export function CallbackRegistration() {
  const { t } = useT();
  const callbacks = useSetup((state) => state.status?.callbacks);
  if (!callbacks) return null;
  if (callbacks.state === 'off') {
    return (
      <p className="setup-notice callback-off" data-testid="callbacks-off">
        {t(callbacks.reason === 'notSet' ? 'setup.callbacks.offNotSet' : 'setup.callbacks.offNotHttps')}
      </p>
    );
  }
  return (
    <section className="callback-registration" aria-labelledby="callback-registration-title" data-testid="callbacks-on">
      <h2 id="callback-registration-title">{t('setup.callbacks.title')}</h2>
      <p>{t('setup.callbacks.intro')}</p>
      <CopyRow id="callback-host" label={t('setup.callbacks.host')} value={callbacks.host} />
      <CopyRow id="callback-url" label={t('setup.callbacks.url')} value={callbacks.url} />
      <p className="hint">{t('setup.callbacks.pollingStays')}</p>
    </section>
  );
}

function CopyRow({ id, label, value }: { id: string; label: string; value: string }) {
  const { t } = useT();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | undefined>(undefined);
  const copy = async () => {
    field.current?.select();
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // No clipboard here: the text is selected, ready for Ctrl+C.
      setCopied(false);
      field.current?.focus();
      field.current?.select();
    }
  };
  return (
    <div className="copy-row">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row-value">
        <input id={id} ref={field} readOnly value={value} onFocus={(event) => event.currentTarget.select()} spellCheck={false} />
        <button type="button" className="secondary" onClick={() => void copy()} aria-describedby={`${id}-copied`}>
          {t('setup.callbacks.copy')}
        </button>
      </div>
      <span id={`${id}-copied`} role="status" className={copied === false ? 'copy-state error' : 'copy-state'}>
        {copied === true ? t('setup.callbacks.copied') : copied === false ? t('setup.callbacks.copyFailed') : ''}
      </span>
    </div>
  );
}
