import { COUNTRIES, marketOfChoice, useSetup, type Environment } from './useSetup';

export function CountryField() {
  const country = useSetup((state) => state.country);
  const chooseCountry = useSetup((state) => state.chooseCountry);
  return (
    <div className="setup-field">
      <label htmlFor="setup-country">Country</label>
      <select id="setup-country" value={country} onChange={(event) => chooseCountry(event.target.value)} aria-describedby="setup-country-hint">
        {COUNTRIES.map((market) => (
          <option key={market.targetEnvironment} value={market.targetEnvironment}>
            {market.name} ({market.currency})
          </option>
        ))}
      </select>
      <p id="setup-country-hint" className="hint">
        The country of your MTN MoMo merchant account. It sets the currency, the phone numbers the till expects and the MoMo address.
      </p>
    </div>
  );
}

const CHOICES: Array<{ value: Environment; title: string; text: (currency: string) => string }> = [
  {
    value: 'sandbox',
    title: 'Sandbox (test money)',
    text: () => 'MTN’s test system: no real money moves, amounts are in EUR. Use it to try the till with keys from momodeveloper.mtn.com.',
  },
  {
    value: 'production',
    title: 'Production (real payments)',
    text: (currency) => `Real customers pay you in ${currency}. Needs the keys MTN gives after your Go Live approval.`,
  },
];

export function EnvironmentField() {
  const country = useSetup((state) => state.country);
  const environment = useSetup((state) => state.environment);
  const chooseEnvironment = useSetup((state) => state.chooseEnvironment);
  const currency = marketOfChoice(country, 'production').currency;
  return (
    <fieldset className="setup-choices">
      <legend>Environment</legend>
      {CHOICES.map((choice) => (
        <label key={choice.value} className={environment === choice.value ? 'choice chosen' : 'choice'}>
          <input type="radio" name="setup-environment" value={choice.value} checked={environment === choice.value} onChange={() => chooseEnvironment(choice.value)} />
          <span>
            <strong>{choice.title}</strong>
            <span className="hint">{choice.text(currency)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export function BaseUrlField() {
  const country = useSetup((state) => state.country);
  const environment = useSetup((state) => state.environment);
  const baseUrl = useSetup((state) => state.baseUrl);
  const setBaseUrl = useSetup((state) => state.setBaseUrl);
  const market = marketOfChoice(country, environment);
  const changed = baseUrl.trim() !== '' && baseUrl.trim() !== market.baseUrl;
  return (
    <details className="advanced" open={changed}>
      <summary>Advanced: MoMo API address</summary>
      <div className="setup-field">
        <label htmlFor="setup-base-url">MoMo API address</label>
        <input
          id="setup-base-url"
          type="url"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          value={baseUrl}
          placeholder={market.baseUrl}
          onChange={(event) => setBaseUrl(event.target.value)}
          aria-describedby="setup-base-url-hint"
        />
        <p id="setup-base-url-hint" className="hint">
          Leave it as it is unless MTN gave you another address. Default for {market.name}: {market.baseUrl}
        </p>
        {changed && (
          <button type="button" className="link" onClick={() => setBaseUrl(market.baseUrl)}>
            Use the default address
          </button>
        )}
      </div>
    </details>
  );
}
