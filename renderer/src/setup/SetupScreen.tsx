import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import { SettingsScreen } from './SettingsScreen';
import { SetupWizard } from './SetupWizard';
import { useSetup } from './useSetup';
import './setup.css';

/**
 * Takes the counter's place while the manager sets up or changes settings;
 * Close (or Escape) goes back — after asking, when a field was changed and
 * not saved (a save that worked clears that).
 */
export function SetupScreen() {
  const { t } = useT();
  const screen = useSetup((state) => state.screen);
  const busy = useSetup((state) => state.busy);
  const close = useSetup((state) => state.close);
  const saved = useSetup((state) => (state.message?.tone === 'ok' ? state.message : undefined));
  const [dirty, setDirty] = useState(false);
  const [asking, setAsking] = useState(false);
  const stay = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (saved) setDirty(false);
  }, [saved]);
  useEffect(() => {
    if (asking) stay.current?.focus();
  }, [asking]);

  const leave = () => {
    if (dirty) setAsking(true);
    else close();
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || useSetup.getState().busy || document.querySelector('dialog[open]')) return;
      if (dirty) setAsking(true);
      else close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close, dirty]);

  if (!screen) return null;
  return (
    <main className="setup-screen" onInput={(event) => (event.target as HTMLElement).closest('form') && setDirty(true)}>
      <div className="setup-screen-head">
        <p className="setup-screen-kind">{screen === 'wizard' ? t('setup.wizardTitle') : t('setup.settingsTitle')}</p>
        <button type="button" className="secondary" onClick={leave} disabled={busy !== undefined && busy !== 'load'}>
          {t('setup.backToCounter')}
        </button>
      </div>
      {asking && (
        <div className="setup-notice error" role="alert">
          <p>{t('setup.unsaved')}</p>
          <div className="setup-actions">
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setAsking(false);
                setDirty(false);
                close();
              }}
            >
              {t('setup.leaveUnsaved')}
            </button>
            <button ref={stay} type="button" className="primary" onClick={() => setAsking(false)}>
              {t('setup.stay')}
            </button>
          </div>
        </div>
      )}
      {screen === 'wizard' ? <SetupWizard /> : <SettingsScreen />}
    </main>
  );
}
