import { DICTIONARIES, type MessageKey } from '../../../shared/i18n';
import { useT } from '../i18n';
import { COUNTRIES, marketOfChoice, useSetup, type Environment } from './useSetup';

/** A market's country in the manager's language (shared/i18n), or undefined for one the dictionaries do not know. */
export function countryName(country: string, t: ReturnType<typeof useT>['t']): string | undefined {
  const key = `country.${country}`;
  return key in DICTIONARIES.en ? t(key as MessageKey) : undefined;
}

export function CountryField() {
  const { t } = useT();
  const country = useSetup((state) => state.country);
  const chooseCountry = useSetup((state) => state.chooseCountry);
  return (
    <div className="setup-field">
      <label htmlFor="setup-country">{t('setup.country')}</label>
      <select id="setup-country" value={country} onChange={(event) => chooseCountry(event.target.value)} aria-describedby="setup-country-hint">
        {COUNTRIES.map((market) => (
          <option key={market.targetEnvironment} value={market.targetEnvironment}>
            {`${countryName(market.country, t) ?? market.name} (${market.currency})`}
          </option>
        ))}
      </select>
      <p id="setup-country-hint" className="hint">
        {t('setup.countryHint')}
      </p>
    </div>
  );
}

const CHOICES: Array<{ value: Environment; title: MessageKey; text: MessageKey }> = [
  { value: 'sandbox', title: 'setup.sandboxTitle', text: 'setup.sandboxText' },
  { value: 'production', title: 'setup.productionTitle', text: 'setup.productionText' },
];

export function EnvironmentField() {
  const { t } = useT();
  const country = useSetup((state) => state.country);
  const environment = useSetup((state) => state.environment);
  const chooseEnvironment = useSetup((state) => state.chooseEnvironment);
  const currency = marketOfChoice(country, 'production').currency;
  return (
    <fieldset className="setup-choices">
      <legend>{t('setup.environment')}</legend>
      {CHOICES.map((choice) => (
        <label key={choice.value} className={environment === choice.value ? 'choice chosen' : 'choice'}>
          <input type="radio" name="setup-environment" value={choice.value} checked={environment === choice.value} onChange={() => chooseEnvironment(choice.value)} />
          <span>
            <strong>{t(choice.title)}</strong>
            <span className="hint">{t(choice.text, { currency })}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export function BaseUrlField() {
  const { t } = useT();
  const country = useSetup((state) => state.country);
  const environment = useSetup((state) => state.environment);
  const baseUrl = useSetup((state) => state.baseUrl);
  const setBaseUrl = useSetup((state) => state.setBaseUrl);
  const market = marketOfChoice(country, environment);
  const changed = baseUrl.trim() !== '' && baseUrl.trim() !== market.baseUrl;
  return (
    <details className="advanced" open={changed}>
      <summary>{t('setup.advanced')}</summary>
      <div className="setup-field">
        <label htmlFor="setup-base-url">{t('setup.baseUrl')}</label>
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
          {t('setup.baseUrlHint', { market: countryName(market.country, t) ?? market.name, url: market.baseUrl })}
        </p>
        {changed && (
          <button type="button" className="link" onClick={() => setBaseUrl(market.baseUrl)}>
            {t('setup.baseUrlDefault')}
          </button>
        )}
      </div>
    </details>
  );
}
