import { useEffect, useState } from 'react';
import { describeLedgerFault } from '../../../shared/messages';
import type { TillStatus } from '../../../shared/till-report';
import { pos } from '../pos';
import { useApp } from '../stores/useApp';

const RECHECK_MS = 5 * 60_000;

/** Amber, on every screen, while the computer's clock is far ahead of the ledger's last entry: fix it before the first sale. */
export function ClockBanner() {
  const language = useApp((state) => state.language);
  const [ahead, setAhead] = useState<TillStatus['clockAhead']>();
  useEffect(() => {
    let live = true;
    const check = () =>
      pos.till.status({}).then(
        (status) => live && setAhead(status.ok ? status.data.clockAhead : undefined),
        () => {},
      );
    void check();
    const timer = setInterval(() => void check(), RECHECK_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  if (!ahead) return null;
  const text = describeLedgerFault({ cause: 'clock-ahead', at: ahead.at.slice(0, 10), lastAt: ahead.lastAt.slice(0, 10), days: ahead.days }, language);
  return (
    <div className="clock-banner" role="alert">
      {text.sentence} {text.nextStep}
    </div>
  );
}
