import type { ReactNode } from 'react';
import { describeFailure } from '../../../shared/error-text';
import { useT } from '../i18n';
import { useTill, type TillAction } from './useTill';

/** An amount typed as text (never a float), the currency beside it. */
export function MoneyField(props: { id: string; label: string; value: string; currency: string; onChange: (value: string) => void; invalid?: boolean; help?: string }) {
  return (
    <div className="till-field">
      <label htmlFor={props.id}>{props.label}</label>
      <div className="till-money">
        <span className="till-currency" aria-hidden="true">
          {props.currency}
        </span>
        <input
          id={props.id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          placeholder="0"
          value={props.value}
          aria-invalid={props.invalid ? true : undefined}
          aria-describedby={props.help ? `${props.id}-help` : undefined}
          onChange={(event) => props.onChange(event.target.value)}
        />
      </div>
      {props.help && (
        <p id={`${props.id}-help`} className="field-help">
          {props.help}
        </p>
      )}
    </div>
  );
}

/** A PIN: digits, hidden, never remembered by the browser. */
export function PinField(props: { id: string; label: string; value: string; onChange: (value: string) => void; invalid?: boolean }) {
  return (
    <div className="till-field till-pin">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        value={props.value}
        aria-invalid={props.invalid ? true : undefined}
        onChange={(event) => props.onChange(event.target.value.replace(/\D/g, ''))}
      />
    </div>
  );
}

export function TextField(props: { id: string; label: string; value: string; onChange: (value: string) => void; placeholder?: string; type?: string; list?: string }) {
  return (
    <div className="till-field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        autoComplete="off"
        value={props.value}
        placeholder={props.placeholder}
        list={props.list}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}

/** The failure of this card's action, in the manager's words; a wrong PIN says so plainly in every language. */
export function ActionFailure({ action }: { action: TillAction | TillAction[] }) {
  const { t, language } = useT();
  const failure = useTill((state) => state.failure);
  const actions = Array.isArray(action) ? action : [action];
  if (!failure || !actions.includes(failure.action)) return null;
  const { code, message, field } = failure.failure;
  let text: string;
  if (code === 'UNAUTHORIZED' && field === 'pin') text = language === 'en' ? message : t('till.wrongPin');
  else {
    const described = describeFailure(failure.failure, language);
    text = described.nextStep ? `${described.sentence} ${described.nextStep}` : described.sentence;
  }
  return (
    <p className="form-failure" role="alert">
      {text}
    </p>
  );
}

export function Card(props: { title: string; children: ReactNode; id?: string; tone?: 'alert' | 'quiet' }) {
  const headingId = `${props.id ?? props.title.replace(/\W+/g, '-').toLowerCase()}-title`;
  return (
    <section className={`till-card${props.tone ? ` ${props.tone}` : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{props.title}</h2>
      {props.children}
    </section>
  );
}
