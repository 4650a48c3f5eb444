import { useState } from 'react';
import type { AppInfo } from '../../../shared/contract';
import { parseAmount } from '../../../shared/money';
import { ValidationError } from '../../../shared/errors';

/** The counter: phone and amount. Payments plug in through the sale store. */
export function CounterScreen({ info }: { info: AppInfo }) {
  const [phone, setPhone] = useState('');
  const [amount, setAmount] = useState('');
  const [amountError, setAmountError] = useState<string>();

  const checkAmount = (text: string) => {
    try {
      parseAmount(text, info.currency);
      setAmountError(undefined);
    } catch (error) {
      setAmountError(error instanceof ValidationError ? error.message : String(error));
    }
  };

  return (
    <main className="counter">
      <form className="charge-form" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="phone">Phone</label>
        <input id="phone" name="phone" inputMode="tel" autoComplete="off" autoFocus value={phone} onChange={(e) => setPhone(e.target.value)} />
        <label htmlFor="amount">Amount</label>
        <div className="amount-row">
          <span className="currency">{info.currency}</span>
          <input id="amount" name="amount" inputMode="decimal" autoComplete="off" value={amount} aria-invalid={amountError ? true : undefined} aria-describedby={amountError ? 'amount-error' : undefined} onChange={(e) => setAmount(e.target.value)} onBlur={() => amount && checkAmount(amount)} />
        </div>
        {amountError && <p id="amount-error" className="field-error" role="alert">{amountError}</p>}
      </form>
    </main>
  );
}
