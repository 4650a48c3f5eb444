import { useEffect } from 'react';
import { describeError } from '../../shared/messages';
import { translate } from '../../shared/i18n';
import { useApp } from './stores/useApp';
import { TrainingBanner } from './components/TrainingBanner';
import { TopBar } from './components/TopBar';
import { CounterScreen } from './components/CounterScreen';

export function App() {
  const info = useApp((state) => state.info);
  const error = useApp((state) => state.error);
  const language = useApp((state) => state.language);
  const load = useApp((state) => state.load);
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  if (error) {
    const described = describeError(error.code, error.message, language);
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
      <TopBar info={info} />
      <CounterScreen info={info} />
    </div>
  );
}
