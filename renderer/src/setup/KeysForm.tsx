import { useRef, type FormEvent } from 'react';
import { AreaNotice, KeyState } from './Notices';
import { useSetup, type KeysInput } from './useSetup';

interface KeyField {
  name: keyof KeysInput;
  label: string;
  hint: string;
}

const SUBSCRIPTION_KEYS: KeyField[] = [
  {
    name: 'collectionSubscriptionKey',
    label: 'Collection subscription key',
    hint: 'MoMo developer portal → Profile → Subscriptions → Collection: the Primary key.',
  },
  {
    name: 'disbursementSubscriptionKey',
    label: 'Disbursement subscription key (optional, for refunds)',
    hint: 'The Primary key of the Disbursement product, if you subscribed to it. Without it, refunds are paid in cash.',
  },
];

const API_USER_FIELDS: KeyField[] = [
  { name: 'apiUser', label: 'API user', hint: 'A long id like 3f1c…-…: the user MTN made for your subscription.' },
  { name: 'apiKey', label: 'API key', hint: 'The key generated for that API user.' },
];

/**
 * Password inputs that are never filled from the engine: after saving they
 * are emptied, and each shows only whether a key is stored. The typed values
 * go from the form straight to the engine, not into any store.
 */
export function KeysForm() {
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
      refuse('provision', 'Type the Collection subscription key above first: the sandbox creates the API user under it.');
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
        <label htmlFor={`setup-${field.name}`}>{field.label}</label>
        <KeyState id={`setup-${field.name}-state`} isSet={set[field.name]} />
      </div>
      <input
        id={`setup-${field.name}`}
        name={field.name}
        type="password"
        autoComplete="off"
        spellCheck={false}
        placeholder={set[field.name] ? 'Saved. Type a new one to replace it.' : ''}
        aria-describedby={`setup-${field.name}-state setup-${field.name}-hint`}
      />
      <p id={`setup-${field.name}-hint`} className="hint">
        {field.hint}
      </p>
    </div>
  );

  return (
    <form ref={form} className="setup-form" onSubmit={(event) => void onSubmit(event)} aria-label="MoMo keys">
      <fieldset>
        <legend>Subscription keys</legend>
        {SUBSCRIPTION_KEYS.map(input)}
      </fieldset>
      <fieldset>
        <legend>API user and API key</legend>
        {environment === 'sandbox' ? (
          <div className="setup-provision">
            <p className="hint">In the sandbox the till can create them for you, under your Collection subscription key. Or type a pair you already have below.</p>
            <button type="button" className="secondary" onClick={() => void onProvision()} disabled={busy !== undefined} aria-busy={busy === 'provision'}>
              {busy === 'provision' ? 'Creating…' : 'Create API user and key'}
            </button>
            <AreaNotice area="provision" />
          </div>
        ) : (
          <p className="hint">
            In production MTN does not let apps create them. Log in to the MoMo Partner Portal, open your Collection subscription → API User → Create (target environment: production), then Generate API key, and type both here.
          </p>
        )}
        {API_USER_FIELDS.map(input)}
      </fieldset>
      <div className="setup-actions">
        <button type="submit" className="primary" disabled={busy !== undefined} aria-busy={busy === 'keys'}>
          {busy === 'keys' ? 'Saving…' : 'Save keys'}
        </button>
      </div>
      <AreaNotice area={['keys', 'clear']} />
    </form>
  );
}
