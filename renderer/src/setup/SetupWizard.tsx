import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import { useT } from '../i18n';
import { useApp } from '../stores/useApp';
import { CallbackRegistration } from './CallbackRegistration';
import { ConnectionTestPanel } from './ConnectionTest';
import { KeysForm } from './KeysForm';
import { BaseUrlField, CountryField, EnvironmentField } from './MarketFields';
import { AreaNotice, KeychainProblem } from './Notices';
import { ShopForm } from './ShopForm';
import { COUNTRIES, marketOfChoice, STEPS, useSetup, type StepId } from './useSetup';

const STEP_NAMES: Record<StepId, MessageKey> = {
  country: 'setup.step.country',
  environment: 'setup.step.environment',
  keys: 'setup.step.keys',
  test: 'setup.step.test',
  shop: 'setup.step.shop',
  golive: 'setup.step.golive',
};

/** Country → environment → keys (→ sandbox API user) → test → shop details → go live. */
export function SetupWizard() {
  const { t } = useT();
  const step = useSetup((state) => state.step);
  const status = useSetup((state) => state.status);
  const goTo = useSetup((state) => state.goTo);
  const connection = useSetup((state) => state.connection);
  const settings = useSetup((state) => state.settings);
  const heading = useRef<HTMLHeadingElement>(null);
  const index = STEPS.indexOf(step);
  const keys = status?.set ?? {};
  // A step passed is ticked only when it worked: Next after "Not saved…" or "Not connected…" is no tick.
  const succeeded: Record<StepId, boolean> = {
    country: true,
    environment: true,
    keys: Boolean(keys.collectionSubscriptionKey && keys.apiUser && keys.apiKey),
    test: connection?.ok === true,
    shop: typeof settings?.merchantName === 'string' && settings.merchantName !== '',
    golive: false,
  };

  useEffect(() => {
    heading.current?.focus();
  }, [step]);

  return (
    <div className="setup-wizard">
      <nav aria-label={t('setup.steps')}>
        <ol className="setup-steps">
          {STEPS.map((id, position) => {
            const done = position < index && succeeded[id];
            const label = t('setup.stepLabel', { number: position + 1, name: t(STEP_NAMES[id]) });
            return (
              <li key={id}>
                <button
                  type="button"
                  className={position === index ? 'step current' : done ? 'step done' : 'step'}
                  aria-current={position === index ? 'step' : undefined}
                  aria-label={done ? t('setup.stepDone', { label }) : label}
                  disabled={position > index}
                  onClick={() => goTo(id)}
                >
                  <span className="step-number" aria-hidden="true">
                    {done ? '✓' : position + 1}
                  </span>
                  {t(STEP_NAMES[id])}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <section className="setup-step" aria-labelledby="setup-step-title">
        <KeychainProblem status={status} />
        <AreaNotice area="training" />
        <StepBody step={step} heading={heading} />
      </section>
    </div>
  );
}

function StepBody({ step, heading }: { step: StepId; heading: RefObject<HTMLHeadingElement | null> }) {
  const { t } = useT();
  // The last connection test (or go-live's own) failed: the page must not say "Ready to take payments".
  const goLiveFailed = useSetup((state) => state.connection?.ok === false || (state.message?.tone === 'error' && (state.message.area === 'golive' || state.message.area === 'training')));
  const title = (key: MessageKey) => (
    <h1 id="setup-step-title" ref={heading} tabIndex={-1}>
      {t(key)}
    </h1>
  );
  switch (step) {
    case 'country':
      return (
        <>
          {title('setup.title.country')}
          <CountryField />
          <Navigation next="environment" />
        </>
      );
    case 'environment':
      return (
        <>
          {title('setup.title.environment')}
          <EnvironmentField />
          <BaseUrlField />
          <LiveWarning />
          <AreaNotice area="market" />
          <Navigation back="country" next="keys" beforeNext={() => useSetup.getState().saveMarket()} />
        </>
      );
    case 'keys':
      return (
        <>
          {title('setup.title.keys')}
          <MarketSummary />
          <LiveWarning />
          <ProductionCallbacks />
          <KeysForm />
          <Navigation back="environment" next="test" />
        </>
      );
    case 'test':
      return (
        <>
          {title('setup.title.test')}
          <p>{t('setup.testIntro')}</p>
          <MarketSummary />
          <ConnectionTestPanel />
          <Navigation back="keys" next="shop" />
        </>
      );
    case 'shop':
      return (
        <>
          {title('setup.title.shop')}
          <ShopForm submitLabel={t('setup.saveAndContinue')} onSaved={() => useSetup.getState().goTo('golive')} />
          <Navigation back="test" />
        </>
      );
    case 'golive':
      return (
        <>
          {title(goLiveFailed ? 'setup.title.goliveNotReady' : 'setup.title.golive')}
          <GoLive />
          <Navigation back="shop" />
        </>
      );
  }
}

function Navigation({ back, next, beforeNext }: { back?: StepId; next?: StepId; beforeNext?: () => Promise<boolean> }) {
  const { t } = useT();
  const goTo = useSetup((state) => state.goTo);
  const busy = useSetup((state) => state.busy);
  return (
    <div className="setup-navigation">
      {back && (
        <button type="button" className="secondary" onClick={() => goTo(back)} disabled={busy !== undefined}>
          {t('setup.back')}
        </button>
      )}
      {next && (
        <button
          type="button"
          className="primary"
          disabled={busy !== undefined}
          aria-busy={busy === 'market'}
          onClick={async () => {
            if (beforeNext && !(await beforeNext())) return;
            goTo(next);
          }}
        >
          {t('setup.next')}
        </button>
      )}
    </div>
  );
}

/** What the keys are being set for, so nobody types production keys into the sandbox. */
function MarketSummary() {
  const { t } = useT();
  const country = useSetup((state) => state.country);
  const environment = useSetup((state) => state.environment);
  const baseUrl = useSetup((state) => state.baseUrl);
  const market = marketOfChoice(country, environment);
  const countryName = COUNTRIES.find((candidate) => candidate.targetEnvironment === country)?.name ?? country;
  const params = { country: countryName, currency: market.currency, host: hostOf(baseUrl || market.baseUrl) };
  return <p className="market-summary">{t(environment === 'sandbox' ? 'setup.summarySandbox' : 'setup.summaryProduction', params)}</p>;
}

/** Production keys come from MTN's partner portal: the callback host to register there goes with them (the sandbox user gets it by itself). */
function ProductionCallbacks() {
  const environment = useSetup((state) => state.environment);
  return environment === 'sandbox' ? null : <CallbackRegistration />;
}

function LiveWarning() {
  const { t } = useT();
  const mode = useApp((state) => state.info?.mode);
  if (mode !== 'live') return null;
  return <p className="setup-notice warning">{t('setup.liveWarning')}</p>;
}

function GoLive() {
  const { t } = useT();
  const environment = useSetup((state) => state.environment);
  const status = useSetup((state) => state.status);
  const busy = useSetup((state) => state.busy);
  const settings = useSetup((state) => state.settings);
  const goLive = useSetup((state) => state.goLive);
  const set = status?.set ?? {};
  const ready = Boolean(set.collectionSubscriptionKey && set.apiUser && set.apiKey);
  return (
    <>
      <MarketSummary />
      <ul className="setup-checklist">
        <Check done={Boolean(set.collectionSubscriptionKey)}>{t('setup.check.collection')}</Check>
        <Check done={Boolean(set.apiUser && set.apiKey)}>{t('setup.check.apiUser')}</Check>
        <Check done={Boolean(set.disbursementSubscriptionKey)} optional>
          {t('setup.check.disbursement')}
        </Check>
        <Check done={typeof settings?.merchantName === 'string' && settings.merchantName !== ''}>{t('setup.check.shop', { name: String(settings?.merchantName ?? '') })}</Check>
      </ul>
      <p>
        {t(environment === 'sandbox' ? 'setup.goLiveSandbox' : 'setup.goLiveProduction')} {t('setup.goLiveTestedFirst')}
      </p>
      <div className="setup-actions">
        <button type="button" className="primary big" onClick={() => void goLive()} disabled={busy !== undefined || !ready} aria-busy={busy === 'golive'}>
          {busy === 'golive' ? t('setup.goLiveBusy') : environment === 'sandbox' ? t('setup.goLiveInSandbox') : t('setup.goLiveButton')}
        </button>
      </div>
      <AreaNotice area="golive" />
    </>
  );
}

function Check({ done, optional, children }: { done: boolean; optional?: boolean; children: ReactNode }) {
  const { t } = useT();
  return (
    <li className={done ? 'check done' : optional ? 'check optional' : 'check'}>
      <span aria-hidden="true">{done ? '✓' : optional ? '–' : '✗'}</span> {children}
      <span className="visually-hidden">{done ? t('setup.check.done') : optional ? t('setup.check.notSet') : t('setup.check.missing')}</span>
    </li>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
