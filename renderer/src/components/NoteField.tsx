import { noticeText } from '../../../shared/error-text';
import { useT } from '../i18n';
import { useSale } from '../stores/useSale';
import { useFieldFocus } from '../hooks/useFieldFocus';

export function NoteField() {
  const { t, language } = useT();
  const note = useSale((state) => state.note);
  const error = useSale((state) => state.errors.note);
  const locked = useSale((state) => state.chargedSaleId !== undefined);
  const setNote = useSale((state) => state.setNote);
  const ref = useFieldFocus<HTMLInputElement>('note');
  return (
    <div className="field field-note">
      <label htmlFor="note">{t('sale.note')}</label>
      <input
        ref={ref}
        id="note"
        name="note"
        type="text"
        autoComplete="off"
        maxLength={140}
        placeholder={t('sale.notePlaceholder')}
        value={note}
        readOnly={locked}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'note-error' : undefined}
        onChange={(event) => setNote(event.target.value)}
      />
      {error && (
        <p id="note-error" className="field-error">
          {noticeText(error, language)}
        </p>
      )}
    </div>
  );
}
