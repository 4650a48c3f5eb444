import { useState, type FormEvent } from 'react';
import { useT } from '../i18n';
import { ActionFailure, Card, PinField, TextField } from './fields';
import { useTill } from './useTill';

const today = () => {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};

/** A frozen Z report again, printed as a COPY (manager PIN): never recomputed. */
export function ReprintZCard() {
  const { t } = useT();
  const last = useTill((state) => state.status?.lastZ);
  const busy = useTill((state) => state.busy === 'reprint');
  const reprintZ = useTill((state) => state.reprintZ);
  const [number, setNumber] = useState('');
  const [pin, setPin] = useState('');
  if (!last) return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const n = number.trim() ? Number(number) : undefined;
    if (await reprintZ(pin, n)) setPin('');
  };
  return (
    <Card title={t('till.reprint.title')} id="reprint">
      <form className="till-form" onSubmit={(event) => void submit(event)}>
        <p className="field-help">{t('till.reprint.help', { number: last.number })}</p>
        <div className="till-row">
          <TextField id="reprint-number" label={t('till.reprint.number')} value={number} onChange={(value) => setNumber(value.replace(/\D/g, ''))} placeholder={String(last.number)} />
          <PinField id="reprint-pin" label={t('till.managerPinLabel')} value={pin} onChange={setPin} />
        </div>
        <ActionFailure action="reprint" />
        <button type="submit" className="secondary" disabled={busy || pin.length < 4} aria-busy={busy}>
          {t('till.reprint.submit')}
        </button>
      </form>
    </Card>
  );
}

/** The accountant's CSV: one row per sale, a day or a range of days. */
export function ExportCard() {
  const { t } = useT();
  const busy = useTill((state) => state.busy === 'export');
  const exportCsv = useTill((state) => state.exportCsv);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await exportCsv(from, to);
  };
  return (
    <Card title={t('till.export.title')} id="export">
      <form className="till-form" onSubmit={(event) => void submit(event)}>
        <div className="till-row">
          <TextField id="export-from" type="date" label={t('till.export.from')} value={from} onChange={setFrom} />
          <TextField id="export-to" type="date" label={t('till.export.to')} value={to} onChange={setTo} />
        </div>
        <ActionFailure action="export" />
        <button type="submit" className="secondary" disabled={busy || !from || !to} aria-busy={busy}>
          {t('till.export.submit')}
        </button>
      </form>
    </Card>
  );
}
