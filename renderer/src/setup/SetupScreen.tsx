import { useEffect } from 'react';
import { useT } from '../i18n';
import { SettingsScreen } from './SettingsScreen';
import { SetupWizard } from './SetupWizard';
import { useSetup } from './useSetup';
import './setup.css';

/** Takes the counter's place while the manager sets up or changes settings; Close (or Escape) goes back. */
export function SetupScreen() {
  const { t } = useT();
  const screen = useSetup((state) => state.screen);
  const busy = useSetup((state) => state.busy);
  const close = useSetup((state) => state.close);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !useSetup.getState().busy) close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  if (!screen) return null;
  return (
    <main className="setup-screen">
      <div className="setup-screen-head">
        <p className="setup-screen-kind">{screen === 'wizard' ? t('setup.wizardTitle') : t('setup.settingsTitle')}</p>
        <button type="button" className="secondary" onClick={close} disabled={busy !== undefined && busy !== 'load'}>
          {t('setup.backToCounter')}
        </button>
      </div>
      {screen === 'wizard' ? <SetupWizard /> : <SettingsScreen />}
    </main>
  );
}
