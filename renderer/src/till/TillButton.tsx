import { useT } from '../i18n';
import { useSetup } from '../setup';
import { useTill } from './useTill';

/** The top bar's way between the counter and the till (from set-up or settings too). */
export function TillButton() {
  const { t } = useT();
  const open = useTill((state) => state.open);
  const show = useTill((state) => state.show);
  const setupOpen = useSetup((state) => state.screen !== undefined);
  const closeSetup = useSetup((state) => state.close);
  const onTill = open && !setupOpen;
  return (
    <button
      type="button"
      className="small till-toggle"
      aria-pressed={onTill}
      onClick={() => {
        if (setupOpen) closeSetup();
        show(!onTill);
      }}
    >
      {onTill ? t('till.backToCounter') : t('till.button')}
    </button>
  );
}
