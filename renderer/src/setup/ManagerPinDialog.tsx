import { useEffect, useRef, useState, type FormEvent } from 'react';
import { describeFailure } from '../../../shared/error-text';
import { useT } from '../i18n';
import { useManagerGate } from './useManagerGate';

const PIN = /^\d{4,8}$/;

/** Asks for the manager PIN (or, on first start, has the manager choose one) before a manager screen opens. */
export function ManagerPinDialog() {
  const { t, language } = useT();
  const mode = useManagerGate((state) => state.mode);
  const busy = useManagerGate((state) => state.busy);
  const failure = useManagerGate((state) => state.failure);
  const choose = useManagerGate((state) => state.choose);
  const enter = useManagerGate((state) => state.enter);
  const cancel = useManagerGate((state) => state.cancel);
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  const first = useRef<HTMLInputElement>(null);
  const open = mode !== undefined;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setPin('');
      setAgain('');
      element.showModal();
      first.current?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);

  const mismatch = mode === 'choose' && again !== '' && again !== pin;
  const ready = PIN.test(pin) && (mode === 'enter' || again === pin);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || busy) return;
    void (mode === 'choose' ? choose(pin) : enter(pin));
  };
  const refused = failure && describeFailure(failure, language);
  const input = (id: string, label: string, value: string, onChange: (text: string) => void, ref?: typeof first) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input ref={ref} id={id} type="password" inputMode="numeric" autoComplete="off" maxLength={8} value={value} onChange={(event) => onChange(event.target.value.replace(/\D/g, ''))} />
    </div>
  );

  return (
    <dialog ref={dialog} className="dialog manager-pin-dialog" aria-labelledby="manager-pin-dialog-title" onClose={cancel}>
      {open && (
        <form onSubmit={submit} noValidate>
          <div className="dialog-head">
            <h2 id="manager-pin-dialog-title">{mode === 'choose' ? t('till.managerPin.firstTitle') : t('till.managerPinLabel')}</h2>
          </div>
          <p className="field-help">{mode === 'choose' ? t('gate.chooseWhy') : t('gate.enterWhy')}</p>
          {mode === 'choose' ? (
            <>
              {input('gate-new-pin', t('till.managerPin.new'), pin, setPin, first)}
              {input('gate-new-pin-again', t('till.managerPin.again'), again, setAgain)}
              <p className="field-help">{t('till.pinRule')}</p>
              {mismatch && <p className="field-error">{t('till.managerPin.mismatch')}</p>}
            </>
          ) : (
            input('gate-pin', t('till.managerPinLabel'), pin, setPin, first)
          )}
          {refused && (
            <p className="form-failure" role="alert">
              {refused.sentence} {refused.nextStep}
            </p>
          )}
          <div className="dialog-actions">
            <button type="submit" className="primary" disabled={!ready || busy} aria-busy={busy || undefined}>
              {mode === 'choose' ? t('till.managerPin.save') : t('gate.continue')}
            </button>
            <button type="button" className="secondary" onClick={cancel}>
              {t('action.close')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
