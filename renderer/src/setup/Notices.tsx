import type { CredentialsStatus } from '../../../shared/contract';
import { describeFailure } from '../../../shared/error-text';
import { useT } from '../i18n';
import { useSetup, type Area } from './useSetup';

/** The store's message, where it belongs: an alert when something failed, a status line when it worked. */
export function AreaNotice({ area }: { area: Area | Area[] }) {
  const { t, language } = useT();
  const message = useSetup((state) => state.message);
  const areas = Array.isArray(area) ? area : [area];
  if (!message || !areas.includes(message.area)) return null;
  // MoMo's set-up refusals (provisioning, go live) carry the key of their reason: worded in the manager's language, never "(MOMO)".
  const failure = message.failure && describeFailure(message.failure, language);
  const text = message.key ? t(message.key) : failure ? [failure.sentence, failure.nextStep].filter(Boolean).join(' ') : '';
  return message.tone === 'error' ? (
    <p className="setup-notice error" role="alert">
      {text}
    </p>
  ) : (
    <p className="setup-notice ok" role="status">
      {text}
    </p>
  );
}

/** No Secret Service, a locked keyring, keytar not loadable: said first and plainly, with the fix. Nothing is stored elsewhere instead. */
export function KeychainProblem({ status }: { status: CredentialsStatus | undefined }) {
  const { t } = useT();
  if (!status || status.available) return null;
  return (
    <section className="keychain-problem" role="alert" aria-labelledby="keychain-problem-title">
      <h2 id="keychain-problem-title">{t('setup.keychain.title')}</h2>
      {/* Plain words in the manager's language; the engine's technical sentence (English, for whoever fixes the computer) folded below. */}
      <p>
        {t('setup.keychain.unavailable')} {t('setup.keychain.whatToDo')}
      </p>
      <p>{t('setup.keychain.never')}</p>
      {status.problem && (
        <details className="keychain-details">
          <summary>{t('setup.keychain.details')}</summary>
          <p lang="en">{status.problem}</p>
        </details>
      )}
      <div>
        <button type="button" className="secondary" onClick={() => void useSetup.getState().load()}>
          {t('setup.keychain.again')}
        </button>
      </div>
    </section>
  );
}

/** "set ✓" or "not set" next to a key: the renderer never sees the key itself. */
export function KeyState({ isSet, id }: { isSet: boolean | undefined; id: string }) {
  const { t } = useT();
  return (
    <span id={id} className={isSet ? 'key-state set' : 'key-state'}>
      {isSet ? t('setup.keys.set') : t('setup.keys.notSet')}
    </span>
  );
}
