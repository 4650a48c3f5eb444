/**
 * Runs the MoMo simulator by hand: `PORT=8787 npx tsx electron/core/momo-sim/cli.ts`.
 * Any API user / key and subscription key are accepted (training-mode rules).
 * Env: PORT (default: any free port), APPROVAL_DELAY_MS, SLOW_APPROVAL_DELAY_MS,
 * TOKEN_TTL_SECONDS, CURRENCIES (comma-separated), REASON_SHAPE (string|object), HOST (127.0.0.1 only),
 * PROFILE (sandbox|production; default production: notes validated as production does).
 */
import { startMomoSimulator } from './index';

function numberFrom(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number of 0 or more, not ${JSON.stringify(text)}.`);
  return value;
}

async function main(): Promise<void> {
  const port = numberFrom('PORT');
  const approvalDelayMs = numberFrom('APPROVAL_DELAY_MS');
  const slowApprovalDelayMs = numberFrom('SLOW_APPROVAL_DELAY_MS');
  const tokenTtlSeconds = numberFrom('TOKEN_TTL_SECONDS');
  const currencies = process.env.CURRENCIES?.split(',').map((code) => code.trim()).filter(Boolean);
  const reasonShape = process.env.REASON_SHAPE === 'object' ? 'object' : 'string';
  const simulator = await startMomoSimulator({
    acceptAnyCredentials: true,
    reasonShape,
    profile: process.env.PROFILE === 'sandbox' ? 'sandbox' : 'production',
    ...(process.env.HOST ? { host: process.env.HOST } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(approvalDelayMs !== undefined ? { approvalDelayMs } : {}),
    ...(slowApprovalDelayMs !== undefined ? { slowApprovalDelayMs } : {}),
    ...(tokenTtlSeconds !== undefined ? { tokenTtlSeconds } : {}),
    ...(currencies?.length ? { currencies } : {}),
  });
  console.log(`MoMo sandbox simulator listening on ${simulator.url}`);
  const stop = () => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`MoMo simulator could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
