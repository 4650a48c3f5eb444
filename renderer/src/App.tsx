import { useEffect } from 'react';
import { useApp } from './stores/useApp';
import { TrainingBanner } from './components/TrainingBanner';
import { CounterScreen } from './components/CounterScreen';

export function App() {
  const { info, error, load } = useApp();
  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <main className="fatal" role="alert">{error}</main>;
  if (!info) return <main className="loading">Starting MoMo POS…</main>;
  return (
    <>
      {info.mode === 'training' && <TrainingBanner />}
      <header className="top-bar">
        <span className="merchant">{info.merchantName}</span>
        <span className="market">
          {info.currency} · {info.country}
        </span>
      </header>
      <CounterScreen info={info} />
    </>
  );
}
