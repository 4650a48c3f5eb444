import { useEffect, useRef, useState } from 'react';
import { MARKETS, marketFor } from '../../../shared/markets';
import { useApp } from '../stores/useApp';
import { ConnectionTestPanel } from './ConnectionTest';
import { AreaNotice, KeychainProblem, KeyState } from './Notices';
import { ShopForm } from './ShopForm';
import { useSetup } from './useSetup';

/** Later changes: the MoMo connection at a glance, shop details, receipt and printer, language. */
export function SettingsScreen() {
  const heading = useRef<HTMLHeadingElement>(null);
  const status = useSetup((state) => state.status);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="settings-screen">
      <h1 ref={heading} tabIndex={-1}>
        Settings
      </h1>
      <KeychainProblem status={status} />
      <MomoConnection />
      <section className="settings-section" aria-labelledby="settings-shop">
        <h2 id="settings-shop">Shop, receipt and printer</h2>
        <ShopForm submitLabel="Save" />
      </section>
    </div>
  );
}

function MomoConnection() {
  const info = useApp((state) => state.info);
  const settings = useSetup((state) => state.settings);
  const status = useSetup((state) => state.status);
  const busy = useSetup((state) => state.busy);
  const openWizard = useSetup((state) => state.openWizard);
  const clearKeys = useSetup((state) => state.clearKeys);
  const set = status?.set ?? {};
  const targetEnvironment = typeof settings?.targetEnvironment === 'string' ? settings.targetEnvironment : '';
  const market = marketFor(targetEnvironment);
  const fromEnvironment = status?.source === 'environment';
  // MOMO_* keys are read-only here: nothing to remove from a keychain.
  const anySet = !fromEnvironment && Object.values(set).some(Boolean);
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="settings-section" aria-labelledby="settings-momo">
      <h2 id="settings-momo">MoMo connection</h2>
      <dl className="settings-facts">
        <dt>Mode</dt>
        <dd>
          {info?.mode !== 'live'
            ? 'Training: no payment is real'
            : fromEnvironment
              ? 'Live: taking payments with the keys from MOMO_* environment variables'
              : 'Live: taking payments'}
        </dd>
        <dt>Environment</dt>
        <dd>{targetEnvironment === 'sandbox' ? `${MARKETS.sandbox.name} (test money, EUR)` : market ? `${market.name}, production (${market.currency})` : targetEnvironment}</dd>
        <dt>API address</dt>
        <dd className="url">{String(settings?.baseUrl ?? '')}</dd>
        <dt>{fromEnvironment ? 'Keys from MOMO_* environment variables' : 'Keys in the system keychain'}</dt>
        <dd className="key-states">
          <span>
            Collection key <KeyState id="settings-collection-state" isSet={set.collectionSubscriptionKey} />
          </span>
          <span>
            Disbursement key <KeyState id="settings-disbursement-state" isSet={set.disbursementSubscriptionKey} />
          </span>
          <span>
            API user <KeyState id="settings-api-user-state" isSet={set.apiUser} />
          </span>
          <span>
            API key <KeyState id="settings-api-key-state" isSet={set.apiKey} />
          </span>
        </dd>
      </dl>
      <ConnectionTestPanel />
      <div className="setup-actions">
        <button type="button" className="secondary" onClick={() => void openWizard('country')} disabled={busy !== undefined}>
          Change country, environment or keys
        </button>
        {anySet && !confirming && (
          <button type="button" className="secondary danger" onClick={() => setConfirming(true)} disabled={busy !== undefined}>
            Remove saved keys
          </button>
        )}
      </div>
      {anySet && confirming && (
        <div className="setup-confirm" role="group" aria-label="Confirm removing the keys">
          <p>Remove every MoMo key saved for this environment from the system keychain? The till goes back to training until new keys are saved and tested.</p>
          <div className="setup-actions">
            <button
              type="button"
              className="secondary danger"
              onClick={async () => {
                await clearKeys();
                setConfirming(false);
              }}
              disabled={busy !== undefined}
              aria-busy={busy === 'clear'}
            >
              Yes, remove the keys
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={busy !== undefined}>
              Keep them
            </button>
          </div>
        </div>
      )}
      <AreaNotice area={['clear', 'training', 'keys']} />
    </section>
  );
}
