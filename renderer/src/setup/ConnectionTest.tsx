import { useSetup } from './useSetup';

/** "Test connection" and its answer, in one plain sentence. */
export function ConnectionTestPanel() {
  const busy = useSetup((state) => state.busy);
  const connection = useSetup((state) => state.connection);
  const testConnection = useSetup((state) => state.testConnection);
  const problem = useSetup((state) => (state.status?.available === false ? state.status.problem : undefined));
  return (
    <div className="setup-test">
      <button type="button" className="primary" onClick={() => void testConnection()} disabled={busy !== undefined} aria-busy={busy === 'test'}>
        {busy === 'test' ? 'Testing…' : 'Test connection'}
      </button>
      <div aria-live="polite">
        {busy === 'test' && <p className="hint">Asking MoMo for a token and the account balance…</p>}
        {connection && (
          <p className={connection.ok ? 'connection-result ok' : 'connection-result error'} role={connection.ok ? 'status' : 'alert'} aria-label="Connection test result">
            {!connection.ok && <strong>Not connected. </strong>}
            {problem && connection.message === problem ? 'The system keychain is not available (see above), so the keys cannot be read.' : connection.message}
          </p>
        )}
      </div>
    </div>
  );
}
