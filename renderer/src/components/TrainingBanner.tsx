export function TrainingBanner() {
  return (
    <div className="training-banner" role="status" aria-label="Training mode">
      TRAINING — practice mode, no real money moves. Sales here are kept apart from real ones.
    </div>
  );
}
