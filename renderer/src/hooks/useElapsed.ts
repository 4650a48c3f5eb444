import { useEffect, useState } from 'react';

/** Whole seconds from `since` to `until` (or to now, ticking every second while `until` is not set). */
export function useElapsed(since: string | undefined, until?: string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!since || until) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since, until]);
  if (!since) return 0;
  const start = Date.parse(since);
  const end = until ? Date.parse(until) : now;
  return Number.isNaN(start) || Number.isNaN(end) ? 0 : Math.max(0, Math.floor((end - start) / 1000));
}

/** 83 -> "01:23"; an hour and more -> "1:02:03". */
export function clockText(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}
