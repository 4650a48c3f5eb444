import { useRef, type FormEvent } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import { useT } from '../i18n';
import { AreaNotice, KeyState } from './Notices';
import { useSetup, type KeysInput } from './useSetup';

interface KeyField {
  name: keyof KeysInput;
  label: MessageKey;
  hint: MessageKey;
}

const SUBSCRIPTION_KEYS: KeyField[] = [
  { name: 'collectionSubscriptionKey', label: 'setup.keys.collection', hint: 'setup.keys.collectionHint' },
  { name: 'disbursementSubscriptionKey', label: 'setup.keys.disbursement', hint: 'setup.keys.disbursementHint' },
];

const API_USER_FIELDS: KeyField[] = [
  { name: 'apiUser', label: 'setup.keys.apiUser', hint: 'setup.keys.apiUserHint' },
  { name: 'apiKey', label: 'setup.keys.apiKey', hint: 'setup.keys.apiKeyHint' },
];

/**
 * Password inputs that are never filled from the engine: after saving they
 * are emptied, and each shows only whether a key is stored. The typed values
 * go from the form straight to the engine, not into any store.
 */
export function KeysForm() {
  const { t } = useT();
  const environment = useSetup((state) => state.environment);
  const status = useSetup((state) => state.status);
  const busy = useSetup((state) => state.busy);
  const saveKeys = useSetup((state) => state.saveKeys);
  const provision = useSetup((state) => state.provision);
  const refuse = useSetup((state) => state.refuse);
  const form = useRef<HTMLFormElement>(null);
  const set = status?.set ?? {};

  // "Create" right after typing the subscription key: save it first, as the merchant expects.
  const onProvision = async () => {
    const typed = form.current?.elements.namedItem('collectionSubscriptionKey') as HTMLInputElement | null;
    if (typed && typed.value.trim() !== '') {
      if (!(await saveKeys({ collectionSubscriptionKey: typed.value }))) return;
      typed.value = '';
    } else if (!set.collectionSubscriptionKey) {
      refuse('provision', 'setup.keys.typeFirst');
      return;
    }
    await provision();
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const keys: KeysInput = {};
    for (const field of [...SUBSCRIPTION_KEYS, ...API_USER_FIELDS]) {
      const value = data.get(field.name);
      if (typeof value === 'string' && value.trim() !== '') keys[field.name] = value;
    }
    if (await saveKeys(keys)) form.reset();
  };

  const input = (field: KeyField) => (
    <div className="setup-field" key={field.name}>
      <div className="label-row">
        <label htmlFor={`setup-${field.name}`}>{t(field.label)}</label>
        <KeyState id={`setup-${field.name}-state`} isSet={set[field.name]} />
      </div>
      <input
        id={`setup-${field.name}`}
        name={field.name}
        type="password"
        autoComplete="off"
        spellCheck={false}
        placeholder={set[field.name] ? t('setup.keys.savedPlaceholder') : ''}
        aria-describedby={`setup-${field.name}-state setup-${field.name}-hint`}
      />
      <p id={`setup-${field.name}-hint`} className="hint">
        {t(field.hint)}
      </p>
    </div>
  );

  return (
    <form ref={form} className="setup-form" onSubmit={(event) => void onSubmit(event)} aria-label={t('setup.keys.form')}>
      <fieldset>
        <legend>{t('setup.keys.subscriptions')}</legend>
        {SUBSCRIPTION_KEYS.map(input)}
      </fieldset>
      <fieldset>
        <legend>{t('setup.keys.apiPair')}</legend>
        {environment === 'sandbox' ? (
          <div className="setup-provision">
            <p className="hint">{t('setup.keys.provisionHint')}</p>
            <button type="button" className="secondary" onClick={() => void onProvision()} disabled={busy !== undefined} aria-busy={busy === 'provision'}>
              {busy === 'provision' ? t('setup.keys.provisioning') : t('setup.keys.provision')}
            </button>
            <AreaNotice area="provision" />
          </div>
        ) : (
          <p className="hint">{t('setup.keys.productionHint')}</p>
        )}
        {API_USER_FIELDS.map(input)}
      </fieldset>
      <div className="setup-actions">
        <button type="submit" className="primary" disabled={busy !== undefined} aria-busy={busy === 'keys'}>
          {busy === 'keys' ? t('setup.keys.saving') : t('setup.keys.save')}
        </button>
      </div>
      <AreaNotice area={['keys', 'clear']} />
    </form>
  );
}
