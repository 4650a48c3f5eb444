import { useT } from '../i18n';

export function TrainingBanner() {
  const { t } = useT();
  return (
    <div className="training-banner" role="status" aria-label={t('app.trainingLabel')}>
      {t('app.training')}
    </div>
  );
}
