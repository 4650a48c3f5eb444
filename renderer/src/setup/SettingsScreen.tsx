import { useEffect, useRef, useState } from 'react';
import { MARKETS, marketFor } from '../../../shared/markets';
import { useT } from '../i18n';
import { useApp } from '../stores/useApp';
import { ConnectionTestPanel } from './ConnectionTest';
import { AreaNotice, KeychainProblem, KeyState } from './Notices';
import { HeadOfficeCard } from './HeadOfficeCard';
import { FiscalCard } from './FiscalCard';
import { countryName } from './MarketFields';
import { ShopForm } from './ShopForm';
import { useSetup } from './useSetup';

/** Later changes: the MoMo connection at a glance, shop details, receipt and printer, language. */
export function SettingsScreen() {
  const { t } = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const status = useSetup((state) => state.status);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="settings-screen">
      <h1 ref={heading} tabIndex={-1}>
        {t('settings.title')}
      </h1>
      <KeychainProblem status={status} />
      <MomoConnection />
      <section className="settings-section" aria-labelledby="settings-shop">
        <h2 id="settings-shop">{t('settings.shop')}</h2>
        <ShopForm submitLabel={t('settings.save')} />
      </section>
      <HeadOfficeCard />
      <FiscalCard />
    </div>
  );
}

function MomoConnection() {
  const { t } = useT();
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
      <h2 id="settings-momo">{t('settings.momo')}</h2>
      <dl className="settings-facts">
        <dt>{t('settings.mode')}</dt>
        <dd>
          {info?.mode !== 'live'
            ? t('settings.modeTraining')
            : fromEnvironment
              ? t('settings.modeLiveEnvironment')
              : t('settings.modeLive')}
        </dd>
        <dt>{t('settings.environment')}</dt>
        <dd>
          {targetEnvironment === 'sandbox'
            ? t('settings.environmentSandbox', { name: MARKETS.sandbox.name })
            : market
              ? t('settings.environmentProduction', { name: countryName(market.country, t) ?? market.name, currency: market.currency })
              : targetEnvironment}
        </dd>
        <dt>{t('settings.apiAddress')}</dt>
        <dd className="url">{String(settings?.baseUrl ?? '')}</dd>
        <dt>{fromEnvironment ? t('settings.keysEnvironment') : t('settings.keysKeychain')}</dt>
        <dd className="key-states">
          <span>
            {t('settings.collectionKey')} <KeyState id="settings-collection-state" isSet={set.collectionSubscriptionKey} />
          </span>
          <span>
            {t('settings.disbursementKey')} <KeyState id="settings-disbursement-state" isSet={set.disbursementSubscriptionKey} />
          </span>
          <span>
            {t('setup.keys.apiUser')} <KeyState id="settings-api-user-state" isSet={set.apiUser} />
          </span>
          <span>
            {t('setup.keys.apiKey')} <KeyState id="settings-api-key-state" isSet={set.apiKey} />
          </span>
        </dd>
      </dl>
      <ConnectionTestPanel />
      <div className="setup-actions">
        <button type="button" className="secondary" onClick={() => void openWizard('country')} disabled={busy !== undefined}>
          {t('settings.change')}
        </button>
        {anySet && !confirming && (
          <button type="button" className="secondary danger" onClick={() => setConfirming(true)} disabled={busy !== undefined}>
            {t('settings.removeKeys')}
          </button>
        )}
      </div>
      {anySet && confirming && (
        <div className="setup-confirm" role="group" aria-label={t('settings.confirmRemove')}>
          <p>{t('settings.confirmRemoveText')}</p>
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
              {t('settings.yesRemove')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={busy !== undefined}>
              {t('settings.keep')}
            </button>
          </div>
        </div>
      )}
      <AreaNotice area={['clear', 'training', 'keys']} />
    </section>
  );
}
