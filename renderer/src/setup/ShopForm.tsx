import { useState, type FormEvent } from 'react';
import type { SettingsView } from '../../../shared/contract';
import type { MessageKey } from '../../../shared/i18n';
import { LANGUAGE_NAMES, LANGUAGES } from '../../../shared/i18n/languages';
import { useT } from '../i18n';
import { AreaNotice } from './Notices';
import { useSetup, type ShopPatch } from './useSetup';

const WIDTHS: ReadonlyArray<{ value: string; name: MessageKey }> = [
  { value: '58mm', name: 'shop.width58' },
  { value: '80mm', name: 'shop.width80' },
  { value: 'A4', name: 'shop.widthA4' },
];
const COLUMNS: ReadonlyArray<{ columns: number; name: MessageKey }> = [
  { columns: 32, name: 'shop.columns32' },
  { columns: 42, name: 'shop.columns42' },
  { columns: 48, name: 'shop.columns48' },
];
type PrinterKind = 'none' | 'network' | 'spooler';

const text = (settings: SettingsView | undefined, key: string, fallback = ''): string => {
  const value = settings?.[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;
};

interface ShopFormProps {
  submitLabel: string;
  onSaved?: () => void;
}

/** Merchant details for receipts, the receipt and printer, and the language: non-secret settings of the current ledger. */
export function ShopForm(props: ShopFormProps) {
  const settings = useSetup((state) => state.settings);
  // Keyed by the stored values, so a reload or a save shows what is stored.
  return <ShopFormFields key={JSON.stringify(settings ?? {})} settings={settings} {...props} />;
}

function ShopFormFields({ submitLabel, onSaved, settings }: ShopFormProps & { settings: SettingsView | undefined }) {
  const { t } = useT();
  const busy = useSetup((state) => state.busy);
  const saveShop = useSetup((state) => state.saveShop);
  const [printerKind, setPrinterKind] = useState<PrinterKind>((text(settings, 'printerKind', 'none') as PrinterKind) || 'none');

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const patch: ShopPatch = {
      merchantName: value('merchantName'),
      merchantAddress: value('merchantAddress'),
      merchantTin: value('merchantTin'),
      merchantPhone: value('merchantPhone'),
      receiptHeader: value('receiptHeader'),
      receiptFooter: value('receiptFooter'),
      merchantMomoNumber: value('merchantMomoNumber'),
      textReceipts: data.get('textReceipts') === 'on',
      receiptWidth: value('receiptWidth') as ShopPatch['receiptWidth'],
      language: value('language') as ShopPatch['language'],
      printerKind,
    };
    if (printerKind === 'network') {
      patch.printerHost = value('printerHost');
      const port = Number(value('printerPort') || '9100');
      patch.printerPort = Number.isInteger(port) ? port : 0;
    }
    if (printerKind === 'spooler') patch.printerQueue = value('printerQueue');
    if (printerKind !== 'none') patch.printerColumns = Number(value('printerColumns')) as ShopPatch['printerColumns'];
    if (await saveShop(patch)) onSaved?.();
  };

  return (
    <form className="setup-form shop-form" onSubmit={(event) => void onSubmit(event)} aria-label={t('shop.form')}>
      <fieldset>
        <legend>{t('shop.onReceipt')}</legend>
        <Field name="merchantName" label={t('shop.name')} defaultValue={text(settings, 'merchantName')} maxLength={60} required />
        <Field name="merchantAddress" label={t('shop.address')} defaultValue={text(settings, 'merchantAddress')} maxLength={120} />
        <div className="setup-row">
          <Field name="merchantTin" label={t('shop.tin')} defaultValue={text(settings, 'merchantTin')} maxLength={40} inputMode="numeric" />
          <Field name="merchantPhone" label={t('shop.phone')} defaultValue={text(settings, 'merchantPhone')} maxLength={40} inputMode="tel" type="tel" />
        </div>
        <Field name="receiptHeader" label={t('shop.header')} defaultValue={text(settings, 'receiptHeader')} maxLength={200} />
        <Field name="receiptFooter" label={t('shop.footer')} defaultValue={text(settings, 'receiptFooter')} maxLength={200} />
      </fieldset>

      <fieldset>
        <legend>{t('setup.momoLegend')}</legend>
        <Field name="merchantMomoNumber" label={t('setup.momoNumber')} defaultValue={text(settings, 'merchantMomoNumber')} maxLength={40} inputMode="tel" type="tel" />
        <p className="field-help">{t('setup.momoNumberHelp')}</p>
        <div className="setup-field setup-check">
          <label>
            <input type="checkbox" name="textReceipts" defaultChecked={settings?.textReceipts !== false} /> {t('setup.textReceipts')}
          </label>
        </div>
        <p className="field-help">{t('setup.textReceiptsHelp')}</p>
      </fieldset>

      <fieldset>
        <legend>{t('shop.receiptAndPrinter')}</legend>
        <div className="setup-row">
          <div className="setup-field">
            <label htmlFor="setup-receiptWidth">{t('shop.receiptSize')}</label>
            <select id="setup-receiptWidth" name="receiptWidth" defaultValue={text(settings, 'receiptWidth', '80mm')}>
              {WIDTHS.map((width) => (
                <option key={width.value} value={width.value}>
                  {t(width.name)}
                </option>
              ))}
            </select>
          </div>
          <div className="setup-field">
            <label htmlFor="setup-printerKind">{t('shop.printer')}</label>
            <select id="setup-printerKind" value={printerKind} onChange={(event) => setPrinterKind(event.target.value as PrinterKind)}>
              <option value="none">{t('shop.printerNone')}</option>
              <option value="network">{t('shop.printerNetwork')}</option>
              <option value="spooler">{t('shop.printerSpooler')}</option>
            </select>
          </div>
        </div>
        {printerKind === 'network' && (
          <div className="setup-row">
            <Field name="printerHost" label={t('shop.printerHost')} defaultValue={text(settings, 'printerHost')} maxLength={100} placeholder="192.168.1.50" required />
            <Field name="printerPort" label={t('shop.printerPort')} defaultValue={text(settings, 'printerPort', '9100')} inputMode="numeric" maxLength={5} />
          </div>
        )}
        {printerKind === 'spooler' && <Field name="printerQueue" label={t('shop.printerQueue')} defaultValue={text(settings, 'printerQueue')} maxLength={100} required />}
        {printerKind !== 'none' && (
          <div className="setup-field">
            <label htmlFor="setup-printerColumns">{t('shop.columns')}</label>
            <select id="setup-printerColumns" name="printerColumns" defaultValue={text(settings, 'printerColumns', '42')}>
              {COLUMNS.map(({ columns, name }) => (
                <option key={columns} value={columns}>
                  {t(name, { columns })}
                </option>
              ))}
            </select>
          </div>
        )}
      </fieldset>

      <fieldset>
        <legend>{t('shop.language')}</legend>
        <div className="setup-field">
          <label htmlFor="setup-language">{t('shop.languageLabel')}</label>
          <select id="setup-language" name="language" defaultValue={text(settings, 'language', 'en')}>
            {LANGUAGES.map((language) => (
              <option key={language} value={language} lang={language}>
                {LANGUAGE_NAMES[language]}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      <div className="setup-actions">
        <button type="submit" className="primary" disabled={busy !== undefined} aria-busy={busy === 'shop'}>
          {busy === 'shop' ? t('shop.saving') : submitLabel}
        </button>
      </div>
      <AreaNotice area="shop" />
    </form>
  );
}

function Field(props: {
  name: string;
  label: string;
  defaultValue: string;
  maxLength?: number;
  required?: boolean;
  placeholder?: string;
  type?: 'text' | 'tel';
  inputMode?: 'numeric' | 'tel' | 'text';
}) {
  const id = `setup-${props.name}`;
  return (
    <div className="setup-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        defaultValue={props.defaultValue}
        maxLength={props.maxLength}
        required={props.required}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        autoComplete="off"
      />
    </div>
  );
}
