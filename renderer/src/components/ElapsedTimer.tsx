import { clockText, useElapsed } from '../hooks/useElapsed';
import { useT } from '../i18n';

/** mm:ss since the prompt left; stops when the answer is in. */
export function ElapsedTimer({ since, until }: { since: string; until?: string }) {
  const { t } = useT();
  const seconds = useElapsed(since, until);
  return (
    <span className="elapsed" role="timer" aria-label={t('status.elapsed')}>
      {clockText(seconds)}
    </span>
  );
}
