import { useEffect, useRef, useState, type FormEvent } from 'react';
import { describeFailure } from '../../../shared/error-text';
import { useT } from '../i18n';
import { useApp } from '../stores/useApp';
import { useTranscript } from '../stores/useTranscript';
import { Kbd } from './Kbd';

/**
 * The support transcript in a text box (it works without clipboard
 * permission: the text is there to select), copied when the browser allows.
 */
export function TranscriptDialog() {
  const { t, language } = useT();
  const { paymentId, text, loading, failure, close, bundle, saveBundle } = useTranscript();
  const [askPin, setAskPin] = useState(false);
  const [pin, setPin] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<boolean>();
  const open = paymentId !== undefined;
  const training = useApp((state) => state.info?.mode === 'training');

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
    if (!open) {
      setAskPin(false);
      setPin('');
    }
  }, [open]);

  const copy = async () => {
    if (!text) return;
    box.current?.select();
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
      box.current?.focus();
      box.current?.select();
    }
  };

  useEffect(() => {
    setCopied(undefined);
    if (text) void copy();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- copy once per transcript
  }, [text]);

  const problem = failure && describeFailure(failure, language);
  const bundleProblem = bundle?.failure && describeFailure(bundle.failure, language);
  const submitBundle = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4,8}$/.test(pin) || bundle?.busy) return;
    void saveBundle(pin).then(() => setPin(''));
  };
  return (
    <dialog ref={dialog} className="dialog transcript-dialog" aria-labelledby="transcript-title" onClose={close}>
      {open && (
        <>
          <div className="dialog-head">
            <h2 id="transcript-title">{t('transcript.title')}</h2>
            <button type="button" className="ghost" onClick={close}>
              {t('action.close')}
              <Kbd command="cancelWaiting" />
            </button>
          </div>
          <p className="field-help">{t(training ? 'transcript.hintTraining' : 'transcript.hint')}</p>
          {loading && <p className="field-help">{t('transcript.loading')}</p>}
          {problem && (
            <p className="form-failure" role="alert">
              {problem.sentence} {problem.nextStep}
            </p>
          )}
          {text !== undefined && <textarea ref={box} className="transcript-text" readOnly value={text} aria-label={t('transcript.title')} rows={14} />}
          {copied !== undefined && (
            <p className={copied ? 'field-help' : 'field-warning'} role="status">
              {copied ? t(training ? 'transcript.copiedTraining' : 'transcript.copied') : t('transcript.copyFailed')}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" aria-expanded={askPin} onClick={() => setAskPin(!askPin)}>
              {t('support.bundle')}
            </button>
            <button type="button" className="primary" disabled={!text} onClick={() => void copy()}>
              {t('transcript.copy')}
            </button>
          </div>
          {askPin && (
            <form className="support-bundle" onSubmit={submitBundle} aria-label={t('support.bundle')}>
              <p className="field-help">{t('support.bundleHint')}</p>
              <div className="field">
                <label htmlFor="support-bundle-pin">{t('till.managerPinLabel')}</label>
                <input id="support-bundle-pin" type="password" inputMode="numeric" autoComplete="off" maxLength={8} autoFocus value={pin} onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))} />
              </div>
              <button type="submit" className="primary" disabled={!/^\d{4,8}$/.test(pin) || bundle?.busy}>
                {t('support.bundleSave')}
              </button>
              {bundle?.busy && <p className="field-help">{t('support.bundleWorking')}</p>}
              {bundle?.saved && (
                <p className="field-help" role="status">
                  {t(training ? 'support.bundleSavedTraining' : 'support.bundleSaved', { fileName: bundle.saved.fileName, size: bundle.saved.kilobytes })}
                </p>
              )}
              {bundleProblem && (
                <p className="form-failure" role="alert">
                  {bundleProblem.sentence} {bundleProblem.nextStep}
                </p>
              )}
            </form>
          )}
        </>
      )}
    </dialog>
  );
}
