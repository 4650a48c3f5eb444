import type { AppInfo } from '../../../shared/contract';
import { describeFailure } from '../../../shared/error-text';
import { useT } from '../i18n';
import { useSale } from '../stores/useSale';
import { AmountField } from './AmountField';
import { ChargeButton } from './ChargeButton';
import { NoteField } from './NoteField';
import { PayLaterButton } from './PayLaterButton';
import { PayerCheck } from './PayerCheck';
import { PhoneField } from './PhoneField';
import { QuickAmounts } from './QuickAmounts';

/** The new sale: phone, amount, optional note and name check, Charge. Enter anywhere in it charges. */
export function SaleForm({ info }: { info: AppInfo }) {
  const { t, language } = useT();
  const charge = useSale((state) => state.charge);
  const failure = useSale((state) => state.failure);
  const described = failure && describeFailure(failure, language);
  return (
    <section className="panel sale-panel" aria-labelledby="sale-title">
      <h2 id="sale-title">{t('sale.title')}</h2>
      <form
        className="sale-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void charge();
        }}
      >
        <PhoneField info={info} />
        <AmountField info={info} />
        <QuickAmounts info={info} />
        <div className="note-and-check">
          <NoteField />
          <PayerCheck />
        </div>
        {described && (
          <p className="form-failure" role="alert">
            {described.sentence} {described.nextStep}
          </p>
        )}
        <ChargeButton info={info} />
        <PayLaterButton />
      </form>
    </section>
  );
}
