import { useEffect, useState } from 'react';
import { describeFailure, noticeText } from '../../../shared/error-text';
import { useT } from '../i18n';
import { useHeadOffice } from '../stores/useHeadOffice';

/** Settings: head office's state (last push, entries waiting, the anchor, a problem) and its connection string, kept in the keychain. */
export function HeadOfficeCard() {
  const { t, language, dateTime } = useT();
  const watch = useHeadOffice((state) => state.watch);
  const status = useHeadOffice((state) => state.status);
  const failure = useHeadOffice((state) => state.failure);
  const busy = useHeadOffice((state) => state.busy);
  const connect = useHeadOffice((state) => state.connect);
  const disconnect = useHeadOffice((state) => state.disconnect);
  const [address, setAddress] = useState('');
  useEffect(() => watch(), [watch]);
  const described = failure && describeFailure(failure, language);
  return (
    <section className="settings-section" aria-labelledby="settings-head-office">
      <h2 id="settings-head-office">{t('headOffice.title')}</h2>
      <dl className="settings-facts">
        <dt>{t('headOffice.state')}</dt>
        <dd>
          {status?.training
            ? t('headOffice.trainingNever')
            : !status?.configured
              ? t('headOffice.notConfigured')
              : status.source === 'environment'
                ? t('headOffice.fromEnvironment')
                : t('headOffice.fromKeychain')}
        </dd>
        {status?.configured && !status.training && (
          <>
            <dt>{t('headOffice.lastPush')}</dt>
            <dd>{status.lastPushAt ? dateTime(status.lastPushAt) : t('headOffice.never')}</dd>
            <dt>{t('headOffice.waiting')}</dt>
            <dd>{status.waiting}</dd>
            <dt>{t('headOffice.anchor')}</dt>
            <dd className="url">
              {status.ack ? t('headOffice.anchorValue', { seq: status.ack.seq, hash: status.ack.hash.slice(0, 12), time: dateTime(status.ack.receivedAt) }) : t('headOffice.nothingHeld')}
            </dd>
          </>
        )}
        {status?.problem && (
          <>
            <dt>{t('headOffice.problem')}</dt>
            <dd className={status.forkSeq !== undefined ? 'head-office-fork' : undefined}>{noticeText(status.problem, language)}</dd>
          </>
        )}
      </dl>
      {!status?.training && (
        <form
          className="setup-actions"
          onSubmit={(event) => {
            event.preventDefault();
            void connect(address).then((ok) => ok && setAddress(''));
          }}
        >
          <label className="head-office-address">
            {t('headOffice.address')}
            <input type="password" autoComplete="off" spellCheck={false} value={address} onChange={(event) => setAddress(event.target.value)} placeholder={t('headOffice.addressPlaceholder')} />
          </label>
          <button type="submit" disabled={busy || address.trim() === ''}>
            {t('headOffice.connect')}
          </button>
          {status?.source === 'keychain' && (
            <button type="button" className="secondary danger" disabled={busy} onClick={() => void disconnect()}>
              {t('headOffice.disconnect')}
            </button>
          )}
        </form>
      )}
      {described && (
        <p role="alert" className="setup-notice error">
          {described.sentence} {described.nextStep}
        </p>
      )}
    </section>
  );
}
