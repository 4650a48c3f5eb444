/**
 * A till process the fiscal crash test can SIGKILL: a real ledger file, the
 * signer, the Rwanda client talking to the simulator the parent runs.
 *   MODE=sign    — signs sale SALE_ID (after resending anything pending); KILL_AT=claimed|answered|finished kills itself there
 *   MODE=recover — resends every pending signing and exits
 * Prints: STEP <step> / DONE <status> <invoiceNo>.
 */
import { openLedger } from '../../electron/core/ledger';
import { createRwandaVsdcClient, resendPendingFiscal, signFiscalEvent } from '../../electron/core/fiscal';

const env = process.env;
const identity = { tin: env.TIN!, branchId: '00', deviceSerial: 'CRASH-1' };
const ledger = openLedger({ dataDir: env.DATA_DIR!, training: true });
const adapter = createRwandaVsdcClient({ baseUrl: env.SIM_URL!, identity, timeoutMs: 5_000 });
const onStep = (step: string) => {
  process.stdout.write(`STEP ${step}\n`);
  if (step === env.KILL_AT) process.kill(process.pid, 'SIGKILL');
};

await resendPendingFiscal(ledger, adapter, { onStep: () => undefined });
if (env.MODE === 'sign') {
  const record = await signFiscalEvent(
    ledger,
    adapter,
    `sale:${env.SALE_ID!}`,
    {
      kind: 'sale',
      mode: 'normal',
      payment: 'mobile-money',
      confirmedAt: new Date('2026-12-04T12:00:00Z'),
      cashier: { id: 'c1', name: 'Aline' },
      lines: [{ itemCode: 'RW2NTU0000001', itemClassCode: '5020230100', name: 'Goods', packagingUnit: 'NT', quantityUnit: 'U', priceMinor: 7000, qtyMilli: 1000, discountMinor: 0, taxType: 'B' }],
    },
    { onStep },
  );
  process.stdout.write(`DONE ${record.status} ${record.invoiceNo}\n`);
}
ledger.close();
