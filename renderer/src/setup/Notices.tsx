import type { CredentialsStatus } from '../../../shared/contract';
import { useSetup, type Area } from './useSetup';

/** The store's message, where it belongs: an alert when something failed, a status line when it worked. */
export function AreaNotice({ area }: { area: Area | Area[] }) {
  const message = useSetup((state) => state.message);
  const areas = Array.isArray(area) ? area : [area];
  if (!message || !areas.includes(message.area)) return null;
  return message.tone === 'error' ? (
    <p className="setup-notice error" role="alert">
      {message.text}
    </p>
  ) : (
    <p className="setup-notice ok" role="status">
      {message.text}
    </p>
  );
}

/** No Secret Service, a locked keyring, keytar not loadable: said first and plainly, with the fix. Nothing is stored elsewhere instead. */
export function KeychainProblem({ status }: { status: CredentialsStatus | undefined }) {
  if (!status || status.available) return null;
  return (
    <section className="keychain-problem" role="alert" aria-labelledby="keychain-problem-title">
      <h2 id="keychain-problem-title">MoMo keys cannot be saved on this computer</h2>
      <p>{status.problem ?? 'The system keychain is not available.'}</p>
      <p>MoMo POS never keeps keys in a file instead. Until the keychain works, the till stays in training mode.</p>
      <div>
        <button type="button" className="secondary" onClick={() => void useSetup.getState().load()}>
          Check the keychain again
        </button>
      </div>
    </section>
  );
}

/** "set ✓" or "not set" next to a key: the renderer never sees the key itself. */
export function KeyState({ isSet, id }: { isSet: boolean | undefined; id: string }) {
  return (
    <span id={id} className={isSet ? 'key-state set' : 'key-state'}>
      {isSet ? 'set ✓' : 'not set'}
    </span>
  );
}
