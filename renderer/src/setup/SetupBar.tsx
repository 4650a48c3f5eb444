import type { AppInfo } from '../../../shared/contract';
import { useT } from '../i18n';
import { useSetup } from './useSetup';
import './setup.css';

/**
 * The top bar's set-up controls: the training switch (always there, loud
 * when on), a sandbox badge when live on test money, and the way into set-up
 * and settings.
 */
export function SetupBar({ info }: { info: AppInfo }) {
  const screen = useSetup((state) => state.screen);
  const openWizard = useSetup((state) => state.openWizard);
  const openSettings = useSetup((state) => state.openSettings);
  const training = info.mode === 'training';
  return (
    <div className="setup-bar">
      {!training && info.targetEnvironment === 'sandbox' && (
        <span className="sandbox-badge" title="Live against MTN’s sandbox: test money only">
          SANDBOX · test money
        </span>
      )}
      <TrainingSwitch training={training} />
      {training && screen !== 'wizard' && (
        <button type="button" className="small setup-open" onClick={() => void openWizard()}>
          Set up MoMo
        </button>
      )}
      {screen !== 'settings' && (
        <button type="button" className="small setup-open" onClick={() => void openSettings()}>
          Settings
        </button>
      )}
    </div>
  );
}

function TrainingSwitch({ training }: { training: boolean }) {
  const { t } = useT();
  const busy = useSetup((state) => state.busy);
  const leaveTraining = useSetup((state) => state.leaveTraining);
  const useTraining = useSetup((state) => state.useTraining);
  const switching = busy === 'golive' || busy === 'training';
  return (
    <button
      type="button"
      role="switch"
      aria-checked={training}
      className={training ? 'training-switch on' : 'training-switch'}
      disabled={busy !== undefined && busy !== 'load'}
      aria-busy={switching}
      title={training ? 'Turn off to take real payments (set-up must be finished)' : 'Turn on to practise: sales go to a separate training file'}
      onClick={() => void (training ? leaveTraining() : useTraining())}
    >
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      {t('app.trainingLabel')}
      <span className="switch-state" aria-hidden="true">
        {switching ? '…' : training ? 'ON' : 'OFF'}
      </span>
    </button>
  );
}
