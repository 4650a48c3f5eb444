import { useT } from '../i18n';
import { connectionSentence } from './connection-words';
import { useSetup } from './useSetup';

/** "Test connection" and its answer, in one plain sentence. */
export function ConnectionTestPanel() {
  const words = useT();
  const { t } = words;
  const busy = useSetup((state) => state.busy);
  const connection = useSetup((state) => state.connection);
  const testConnection = useSetup((state) => state.testConnection);
  const problem = useSetup((state) => (state.status?.available === false ? state.status.problem : undefined));
  return (
    <div className="setup-test">
      <button type="button" className="primary" onClick={() => void testConnection()} disabled={busy !== undefined} aria-busy={busy === 'test'}>
        {busy === 'test' ? t('setup.test.busy') : t('setup.test.button')}
      </button>
      <div aria-live="polite">
        {busy === 'test' && <p className="hint">{t('setup.test.asking')}</p>}
        {connection && (
          <p className={connection.ok ? 'connection-result ok' : 'connection-result error'} role={connection.ok ? 'status' : 'alert'} aria-label={t('setup.test.result')}>
            {!connection.ok && <strong>{t('setup.test.notConnected')} </strong>}
            {problem && connection.message === problem ? t('setup.test.noKeychain') : connectionSentence(connection, words)}
          </p>
        )}
      </div>
    </div>
  );
}
