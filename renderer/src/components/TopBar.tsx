import type { AppInfo } from '../../../shared/contract';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../shared/i18n/languages';
import { useT } from '../i18n';
import { useApp } from '../stores/useApp';

/** Who is selling, in which market and currency, and the cashier's language. */
export function TopBar({ info }: { info: AppInfo }) {
  const { t, language } = useT();
  const setLanguage = useApp((state) => state.setLanguage);
  return (
    <div className="top-bar">
      <span className="brand" aria-hidden="true">
        MoMo
      </span>
      <span className="merchant" title={info.merchantName}>
        {info.merchantName}
      </span>
      <span className="market">{t('app.market', { currency: info.currency, country: info.country })}</span>
      <label className="language">
        <span>{t('app.language')}</span>
        <select value={language} onChange={(event) => void setLanguage(event.target.value as Language)}>
          {LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
