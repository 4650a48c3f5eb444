import type { AppInfo } from '../../../shared/contract';
import { useT } from '../i18n';
import { ManagerPinDialog } from './ManagerPinDialog';
import { useManagerGate } from './useManagerGate';
import { useSetup } from './useSetup';
import './setup.css';

/**
 * The top bar's set-up controls: the training switch (always there, loud
 * when on), a sandbox badge when live on test money, and the way into set-up
 * and settings.
 */
export function SetupBar({ info }: { info: AppInfo }) {
  const { t } = useT();
  const screen = useSetup((state) => state.screen);
  const openWizard = useSetup((state) => state.openWizard);
  const openSettings = useSetup((state) => state.openSettings);
  const training = info.mode === 'training';
  const guarded = useManagerGate((state) => state.require);
  return (
    <div className="setup-bar">
      <ManagerPinDialog />
      {!training && info.targetEnvironment === 'sandbox' && (
        <span className="sandbox-badge" title={t('setup.sandboxBadgeTitle')}>
          {t('setup.sandboxBadge')}
        </span>
      )}
      <TrainingSwitch training={training} />
      {training && screen !== 'wizard' && (
        <button type="button" className="small setup-open" onClick={() => void guarded(() => void openWizard())}>
          {t('setup.openWizard')}
        </button>
      )}
      {screen !== 'settings' && (
        <button type="button" className="small setup-open" onClick={() => void guarded(() => void openSettings())}>
          {t('setup.openSettings')}
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
  const guarded = useManagerGate((state) => state.require);
  const switching = busy === 'golive' || busy === 'training';
  return (
    <button
      type="button"
      role="switch"
      aria-checked={training}
      className={training ? 'training-switch on' : 'training-switch'}
      disabled={busy !== undefined && busy !== 'load'}
      aria-busy={switching}
      title={training ? t('setup.switchTitleOn') : t('setup.switchTitleOff')}
      onClick={() => void guarded(() => void (training ? leaveTraining() : useTraining()))}
    >
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      {t('app.trainingLabel')}
      <span className="switch-state" aria-hidden="true">
        {switching ? '…' : training ? t('setup.switchOn') : t('setup.switchOff')}
      </span>
    </button>
  );
}
