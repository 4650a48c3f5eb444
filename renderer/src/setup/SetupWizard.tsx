import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useApp } from '../stores/useApp';
import { ConnectionTestPanel } from './ConnectionTest';
import { KeysForm } from './KeysForm';
import { BaseUrlField, CountryField, EnvironmentField } from './MarketFields';
import { AreaNotice, KeychainProblem } from './Notices';
import { ShopForm } from './ShopForm';
import { COUNTRIES, marketOfChoice, STEPS, useSetup, type StepId } from './useSetup';

const STEP_NAMES: Record<StepId, string> = {
  country: 'Country',
  environment: 'Environment',
  keys: 'Keys',
  test: 'Test connection',
  shop: 'Shop details',
  golive: 'Go live',
};

/** Country → environment → keys (→ sandbox API user) → test → shop details → go live. */
export function SetupWizard() {
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
      <nav aria-label="Set-up steps">
        <ol className="setup-steps">
          {STEPS.map((id, position) => {
            const done = position < index && succeeded[id];
            return (
              <li key={id}>
                <button
                  type="button"
                  className={position === index ? 'step current' : done ? 'step done' : 'step'}
                  aria-current={position === index ? 'step' : undefined}
                  aria-label={`Step ${position + 1}: ${STEP_NAMES[id]}${done ? ' (done)' : ''}`}
                  disabled={position > index}
                  onClick={() => goTo(id)}
                >
                  <span className="step-number" aria-hidden="true">
                    {done ? '✓' : position + 1}
                  </span>
                  {STEP_NAMES[id]}
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
  const title = (text: string) => (
    <h1 id="setup-step-title" ref={heading} tabIndex={-1}>
      {text}
    </h1>
  );
  switch (step) {
    case 'country':
      return (
        <>
          {title('Where is your MoMo account?')}
          <CountryField />
          <Navigation next="environment" />
        </>
      );
    case 'environment':
      return (
        <>
          {title('Test money or real payments?')}
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
          {title('Your MoMo keys')}
          <MarketSummary />
          <LiveWarning />
          <KeysForm />
          <Navigation back="environment" next="test" />
        </>
      );
    case 'test':
      return (
        <>
          {title('Test the connection')}
          <p>The till asks MoMo for an access token with your keys, then reads your account balance. Nothing is charged.</p>
          <MarketSummary />
          <ConnectionTestPanel />
          <Navigation back="keys" next="shop" />
        </>
      );
    case 'shop':
      return (
        <>
          {title('Your shop on the receipt')}
          <ShopForm submitLabel="Save and continue" onSaved={() => useSetup.getState().goTo('golive')} />
          <Navigation back="test" />
        </>
      );
    case 'golive':
      return (
        <>
          {title('Ready to take payments')}
          <GoLive />
          <Navigation back="shop" />
        </>
      );
  }
}

function Navigation({ back, next, beforeNext }: { back?: StepId; next?: StepId; beforeNext?: () => Promise<boolean> }) {
  const goTo = useSetup((state) => state.goTo);
  const busy = useSetup((state) => state.busy);
  return (
    <div className="setup-navigation">
      {back && (
        <button type="button" className="secondary" onClick={() => goTo(back)} disabled={busy !== undefined}>
          Back
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
          Next
        </button>
      )}
    </div>
  );
}

/** What the keys are being set for, so nobody types production keys into the sandbox. */
function MarketSummary() {
  const country = useSetup((state) => state.country);
  const environment = useSetup((state) => state.environment);
  const baseUrl = useSetup((state) => state.baseUrl);
  const market = marketOfChoice(country, environment);
  const countryName = COUNTRIES.find((candidate) => candidate.targetEnvironment === country)?.name ?? country;
  return (
    <p className="market-summary">
      {environment === 'sandbox' ? (
        <>
          <strong>MTN sandbox</strong> (test money, {market.currency}) for {countryName}
        </>
      ) : (
        <>
          <strong>{countryName}, production</strong> (real payments in {market.currency})
        </>
      )}{' '}
      at {hostOf(baseUrl || market.baseUrl)}
    </p>
  );
}

function LiveWarning() {
  const mode = useApp((state) => state.info?.mode);
  if (mode !== 'live') return null;
  return <p className="setup-notice warning">The till is live now. Changing the country, the environment or a key takes it back to training until the connection is tested and you go live again.</p>;
}

function GoLive() {
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
        <Check done={Boolean(set.collectionSubscriptionKey)}>Collection subscription key saved</Check>
        <Check done={Boolean(set.apiUser && set.apiKey)}>API user and API key saved</Check>
        <Check done={Boolean(set.disbursementSubscriptionKey)} optional>
          Disbursement key for refunds (optional)
        </Check>
        <Check done={typeof settings?.merchantName === 'string' && settings.merchantName !== ''}>Shop name: {String(settings?.merchantName ?? '')}</Check>
      </ul>
      <p>
        {environment === 'sandbox'
          ? 'Going live here sends payment requests to MTN’s sandbox: test money, nothing real is charged. The training banner goes away.'
          : 'Going live sends real payment requests to your customers’ phones. Training sales stay apart in their own file.'}{' '}
        The connection is tested again first.
      </p>
      <div className="setup-actions">
        <button type="button" className="primary big" onClick={() => void goLive()} disabled={busy !== undefined || !ready} aria-busy={busy === 'golive'}>
          {busy === 'golive' ? 'Testing and switching…' : environment === 'sandbox' ? 'Go live in the sandbox' : 'Go live'}
        </button>
      </div>
      <AreaNotice area="golive" />
    </>
  );
}

function Check({ done, optional, children }: { done: boolean; optional?: boolean; children: ReactNode }) {
  return (
    <li className={done ? 'check done' : optional ? 'check optional' : 'check'}>
      <span aria-hidden="true">{done ? '✓' : optional ? '–' : '✗'}</span> {children}
      <span className="visually-hidden">{done ? ' (done)' : optional ? ' (not set)' : ' (missing)'}</span>
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
