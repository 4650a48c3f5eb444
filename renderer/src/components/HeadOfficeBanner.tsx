import { useEffect } from 'react';
import { useT } from '../i18n';
import { useHeadOffice } from '../stores/useHeadOffice';

/** Red, on every screen, while head office reports a fork of this till's journal. */
export function HeadOfficeBanner() {
  const { t } = useT();
  const watch = useHeadOffice((state) => state.watch);
  const forkSeq = useHeadOffice((state) => state.status?.forkSeq);
  useEffect(() => watch(), [watch]);
  if (forkSeq === undefined) return null;
  return (
    <div className="fork-banner" role="alert">
      {t('headOffice.fork', { seq: forkSeq })}
    </div>
  );
}
