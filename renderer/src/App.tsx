import { Suspense, useEffect } from 'react';
import { describeFailure } from '../../shared/error-text';
import { translate } from '../../shared/i18n';
import { useApp } from './stores/useApp';
import { TrainingBanner } from './components/TrainingBanner';
import { HeadOfficeBanner } from './components/HeadOfficeBanner';
import { ClockBanner } from './components/ClockBanner';
import { TopBar } from './components/TopBar';
import { ConnectionAlert } from './components/ConnectionAlert';
import { CounterScreen } from './components/CounterScreen';
import { SetupBar, SetupScreen, useSetup } from './setup';
import { TillButton, TillScreen, useTill } from './till';

export function App() {
  const info = useApp((state) => state.info);
  const error = useApp((state) => state.error);
  const language = useApp((state) => state.language);
  const load = useApp((state) => state.load);
  const setupOpen = useSetup((state) => state.screen !== undefined);
  const tillOpen = useTill((state) => state.open);
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  if (error) {
    const described = describeFailure(error, language);
    return (
      <main className="fatal" role="alert">
        {described.sentence} {described.nextStep}
      </main>
    );
  }
  if (!info) return <main className="loading">{translate(language, 'app.starting')}</main>;
  return (
    <div className="app">
      {info.mode === 'training' && <TrainingBanner />}
      <HeadOfficeBanner />
      <ClockBanner />
      <ConnectionAlert />
      {/* One banner landmark for the whole top row: the Till, training and set-up buttons are in it too. */}
      <header className="top-row">
        <TopBar info={info} />
        <TillButton />
        <SetupBar info={info} />
      </header>
      {/* Keyed by mode: after a switch the counter starts fresh on the other ledger. */}
      {setupOpen ? (
        <Suspense fallback={null}>
          <SetupScreen />
        </Suspense>
      ) : tillOpen ? (
        <Suspense fallback={null}>
          <TillScreen key={info.mode} />
        </Suspense>
      ) : (
        <CounterScreen key={info.mode} info={info} />
      )}
    </div>
  );
}
