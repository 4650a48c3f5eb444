import { useEffect, useState, type FormEvent } from 'react';
import type { FiscalStatus } from '../../../shared/contract';
import type { MessageKey } from '../../../shared/i18n';
import { describeFailure, noticeText } from '../../../shared/error-text';
import type { ErrorKey } from '../../../shared/errors';
import { useT } from '../i18n';
import type { Failure } from '../stores/failure';
import { useFiscal } from '../stores/useFiscal';

/** The device's field names (Rwanda VSDC, as a 910 names them) and the form's own, to the label the manager sees. */
const FIELD_LABELS: Record<string, MessageKey> = {
  tin: 'fiscal.tin',
  bhfId: 'fiscal.branchId',
  branchId: 'fiscal.branchId',
  dvcSrlNo: 'fiscal.deviceSerial',
  deviceSerial: 'fiscal.deviceSerial',
  vsdcUrl: 'fiscal.vsdcUrl',
  itemCd: 'fiscal.itemCode',
  'defaultItem.code': 'fiscal.itemCode',
  itemClsCd: 'fiscal.itemClass',
  'defaultItem.classCode': 'fiscal.itemClass',
  taxTyCd: 'fiscal.taxType',
  'defaultItem.taxType': 'fiscal.taxType',
  itemNm: 'fiscal.itemName',
  'defaultItem.name': 'fiscal.itemName',
  defaultItem: 'fiscal.field.item',
  sdcId: 'fiscal.sdcId',
  mrcNo: 'fiscal.mrc',
};
/** The form input each field name points at (to mark it invalid and focus it). */
const INPUT_OF: Record<string, string> = {
  tin: 'tin', bhfId: 'branchId', branchId: 'branchId', dvcSrlNo: 'deviceSerial', deviceSerial: 'deviceSerial', vsdcUrl: 'vsdcUrl',
  itemCd: 'itemCode', 'defaultItem.code': 'itemCode', itemClsCd: 'itemClass', 'defaultItem.classCode': 'itemClass',
  taxTyCd: 'taxType', 'defaultItem.taxType': 'taxType', itemNm: 'itemName', 'defaultItem.name': 'itemName', sdcId: 'sdcId', mrcNo: 'mrcNo',
};
const TAX_TYPES: ReadonlyArray<{ value: string; name: MessageKey }> = [
  { value: 'B', name: 'fiscal.taxB' },
  { value: 'A', name: 'fiscal.taxA' },
  { value: 'C', name: 'fiscal.taxC' },
  { value: 'D', name: 'fiscal.taxD' },
];

/** "http://192.168.1.20:8080/" → "192.168.1.20:8080": the address as people say it. */
const hostOf = (address: string): string => {
  try {
    return new URL(address).host || address;
  } catch {
    return address;
  }
};

/** The engine's keys for the device's three answers the card words itself (typed: a renamed key does not compile). */
const DEVICE_AWAY: ErrorKey = 'error.fiscal.deviceUnreachable';
const DEVICE_SET_UP_BEFORE: ErrorKey = 'error.fiscal.alreadyInstalled';
const DEVICE_REFUSED: ErrorKey = 'error.fiscal.deviceRefused';

/**
 * One clear sentence per way set-up fails, from the code and the field the
 * engine names (never from its English sentence): the device away (the
 * address), a field it refused, set up before (its SDC ID and MRC wanted),
 * a field the engine's own check refused, anything else.
 */
export function fiscalFailureText(failure: Failure, t: ReturnType<typeof useT>['t'], language: ReturnType<typeof useT>['language'], address: string): string {
  const field = failure.field;
  // "Device serial number (…)" → "device serial number" inside a sentence; "TIN", "SDC ID" stay as they are.
  const label = field && FIELD_LABELS[field] ? t(FIELD_LABELS[field]).replace(/\s*\(.*\)$/, '').replace(/^(\p{Lu})(?=\p{Ll})/u, (first) => first.toLocaleLowerCase(language)) : undefined;
  if (failure.code === 'FISCAL_DEVICE') {
    if (failure.key === DEVICE_AWAY) return t('fiscal.fail.unreachable', { address: hostOf(address) });
    if (failure.key === DEVICE_SET_UP_BEFORE) return t('fiscal.fail.installed');
    if (failure.key === DEVICE_REFUSED && label) return t('fiscal.fail.field', { field: label });
  }
  const described = describeFailure(failure, language);
  return [described.sentence, described.nextStep].filter(Boolean).join(' ');
}

/** Settings: the shop's EBM device. Settings itself opens behind the manager's PIN; the engine checks the grant again on Initialise. */
export function FiscalCard() {
  const { t, language, dateTime } = useT();
  const status = useFiscal((state) => state.status);
  const refresh = useFiscal((state) => state.refresh);
  useEffect(() => void refresh(), [refresh]);
  return (
    <section className="settings-section fiscal-card" aria-labelledby="settings-fiscal">
      <h2 id="settings-fiscal">{t('fiscal.title')}</h2>
      <p className="field-help">{t('fiscal.intro')}</p>
      <dl className="settings-facts">
        <dt>{t('fiscal.state')}</dt>
        <dd data-testid="fiscal-state">{!status ? '…' : status.training ? t('fiscal.training') : status.configured ? t('fiscal.configured') : t('fiscal.notConfigured')}</dd>
        {status?.sdcId && (
          <>
            <dt>{t('fiscal.sdcId')}</dt>
            <dd className="url">{status.sdcId}</dd>
            <dt>{t('fiscal.mrc')}</dt>
            <dd className="url">{status.mrcNo ?? '—'}</dd>
          </>
        )}
        {status && (
          <>
            <dt>{t('fiscal.pending')}</dt>
            <dd className={status.pending > 0 ? 'fiscal-pending' : undefined}>
              {status.pending === 0 ? t('fiscal.pendingNone') : t('fiscal.pendingSince', { count: status.pending, time: status.oldestPendingAt ? dateTime(status.oldestPendingAt) : '?' })}
            </dd>
          </>
        )}
        {status?.problem && (
          <>
            <dt>{t('fiscal.problem')}</dt>
            {/* Our own words (no answer, an answer that makes no sense) have a key; the device's own words come after its result code. */}
            <dd>{status.problem.key ? noticeText(status.problem, language) : `${status.problem.code} · ${status.problem.message}`}</dd>
          </>
        )}
      </dl>
      {status && <FiscalForm status={status} />}
    </section>
  );
}

function FiscalForm({ status }: { status: FiscalStatus }) {
  const { t, language } = useT();
  const busy = useFiscal((state) => state.busy);
  const failure = useFiscal((state) => state.failure);
  const triedAddress = useFiscal((state) => state.triedAddress);
  const justConfigured = useFiscal((state) => state.justConfigured);
  const configure = useFiscal((state) => state.configure);
  const [values, setValues] = useState({
    tin: status.tin ?? '',
    branchId: status.branchId ?? '00',
    deviceSerial: status.deviceSerial ?? '',
    vsdcUrl: status.vsdcUrl ?? '',
    itemCode: status.defaultItem?.code ?? '',
    itemClass: status.defaultItem?.classCode ?? '',
    taxType: status.defaultItem?.taxType ?? 'B',
    itemName: status.defaultItem?.name ?? '',
    sdcId: '',
    mrcNo: '',
  });
  const invalid = failure ? INPUT_OF[failure.field ?? ''] : undefined;
  // The device was set up before and will not say its SDC ID and MRC again: the manager types them as a signed receipt shows them.
  const [askDeviceCodes, setAskDeviceCodes] = useState(false);
  useEffect(() => {
    if (failure?.code === 'FISCAL_DEVICE' && (invalid === 'sdcId' || invalid === 'mrcNo')) setAskDeviceCodes(true);
  }, [failure, invalid]);
  useEffect(() => {
    if (invalid) document.getElementById(`fiscal-${invalid}`)?.focus();
  }, [invalid, failure]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void configure({
      tin: values.tin,
      branchId: values.branchId,
      deviceSerial: values.deviceSerial,
      vsdcUrl: values.vsdcUrl,
      defaultItem: { code: values.itemCode, classCode: values.itemClass, taxType: values.taxType, name: values.itemName },
      ...(askDeviceCodes && values.sdcId ? { sdcId: values.sdcId } : {}),
      ...(askDeviceCodes && values.mrcNo ? { mrcNo: values.mrcNo } : {}),
    });
  };
  const field = (name: keyof typeof values, label: MessageKey, extra: { inputMode?: 'numeric' | 'url' | 'text'; maxLength: number; placeholder?: string; help?: MessageKey }) => (
    <div className="setup-field">
      <label htmlFor={`fiscal-${name}`}>{t(label)}</label>
      <input
        id={`fiscal-${name}`}
        name={name}
        value={values[name]}
        onChange={(event) => setValues((old) => ({ ...old, [name]: event.target.value }))}
        inputMode={extra.inputMode}
        maxLength={extra.maxLength}
        placeholder={extra.placeholder}
        required
        autoComplete="off"
        spellCheck={false}
        aria-invalid={invalid === name || undefined}
        aria-describedby={extra.help ? `fiscal-${name}-help` : undefined}
      />
      {extra.help && (
        <p className="field-help" id={`fiscal-${name}-help`}>
          {t(extra.help)}
        </p>
      )}
    </div>
  );
  return (
    <form className="setup-form fiscal-form" onSubmit={onSubmit} aria-label={t('fiscal.title')}>
      {status.training && <p className="field-help">{t('fiscal.trainingForm')}</p>}
      <fieldset>
        <legend>{t('fiscal.deviceLegend')}</legend>
        <div className="setup-row">
          {field('tin', 'fiscal.tin', { inputMode: 'numeric', maxLength: 20 })}
          {field('branchId', 'fiscal.branchId', { inputMode: 'numeric', maxLength: 2 })}
        </div>
        {field('deviceSerial', 'fiscal.deviceSerial', { maxLength: 100 })}
        {field('vsdcUrl', 'fiscal.vsdcUrl', { inputMode: 'url', maxLength: 200, placeholder: 'http://192.168.1.20:8080', help: 'fiscal.vsdcUrlHelp' })}
      </fieldset>
      <fieldset>
        <legend>{t('fiscal.item')}</legend>
        <div className="setup-row">
          {field('itemCode', 'fiscal.itemCode', { maxLength: 20, placeholder: 'RW2NTU0000001' })}
          {field('itemClass', 'fiscal.itemClass', { inputMode: 'numeric', maxLength: 10 })}
        </div>
        <div className="setup-row">
          <div className="setup-field">
            <label htmlFor="fiscal-taxType">{t('fiscal.taxType')}</label>
            <select id="fiscal-taxType" value={values.taxType} onChange={(event) => setValues((old) => ({ ...old, taxType: event.target.value }))} aria-invalid={invalid === 'taxType' || undefined}>
              {TAX_TYPES.map((type) => (
                <option key={type.value} value={type.value}>
                  {t(type.name)}
                </option>
              ))}
            </select>
          </div>
          {field('itemName', 'fiscal.itemName', { maxLength: 200 })}
        </div>
      </fieldset>
      {askDeviceCodes && (
        <fieldset>
          <legend>{t('fiscal.setUpBefore')}</legend>
          <div className="setup-row">
            {field('sdcId', 'fiscal.sdcId', { maxLength: 20, placeholder: 'SDC010000005' })}
            {field('mrcNo', 'fiscal.mrc', { maxLength: 20, placeholder: 'WIS01006230' })}
          </div>
        </fieldset>
      )}
      <div className="setup-actions">
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {busy ? t('fiscal.initialising') : t('fiscal.initialise')}
        </button>
      </div>
      {justConfigured && status.sdcId && (
        <p className="setup-notice ok" role="status">
          {t('fiscal.done', { sdcId: status.sdcId, mrc: status.mrcNo ?? '—' })}
        </p>
      )}
      {failure && (
        <p className="setup-notice error" role="alert">
          {fiscalFailureText(failure, t, language, triedAddress ?? values.vsdcUrl)}
        </p>
      )}
    </form>
  );
}
