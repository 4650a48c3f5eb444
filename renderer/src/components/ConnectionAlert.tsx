import { useEffect } from 'react';
import { errorDescription } from '../../../shared/error-text';
import { useT } from '../i18n';
import { useConnection } from '../stores/useConnection';

/** Across the top while the till service does not answer: seen at once, no key press needed. */
export function ConnectionAlert() {
  const { language } = useT();
  const lost = useConnection((state) => state.lost);
  const follow = useConnection((state) => state.follow);
  useEffect(() => follow(), [follow]);
  if (!lost) return null;
  const described = errorDescription(language, 'error.offline');
  return (
    <p className="connection-alert" role="alert">
      {described?.sentence} {described?.nextStep}
    </p>
  );
}
