/**
 * The hardening sweep, long form (CI runs a bounded one in test/integration/hardening):
 *   npx tsx scripts/soak.ts            10,000 payments with random faults + 10,000 hostile payloads + the secrets scan
 *   npx tsx scripts/soak.ts 2000 3000  (soak payments, fuzz payloads)
 * Prints a summary; exits 1 when anything is wrong.
 */
import { runRouterFuzz } from '../test/integration/hardening/router-fuzz';
import { runSoak } from '../test/integration/hardening/soak';

const payments = Number(process.argv[2] ?? 10_000);
const payloads = Number(process.argv[3] ?? 10_000);
const seed = Number(process.env.MOMO_POS_SOAK_SEED ?? 20261125);
const say = (line: string) => process.stderr.write(`${line}\n`);

say(`soak: ${payments} payments with random faults (seed ${seed})…`);
const soak = await runSoak({ payments, seed, concurrency: 50, log: say });
say(`fuzz: ${payloads} hostile payloads…`);
const fuzz = await runRouterFuzz({ payloads, seed, log: say });

const lines = [
  `Soak: ${soak.sales} sales, ${soak.attempts} payment attempts in ${soak.seconds.toFixed(0)} s; ${soak.faultsInjected} faults injected, ${soak.faultsApplied} hit a request`,
  `  final statuses: ${Object.entries(soak.statuses).map(([status, n]) => `${status} ${n}`).join(', ')}`,
  `  timed_out payments re-checked: ${soak.rechecksOfTimedOut}`,
  `  secrets scan: ${soak.scanned.files} files, ${(soak.scanned.bytes / 2 ** 20).toFixed(1)} MB, ${soak.scanned.needles} needles, ${soak.scanned.found.length} found`,
  `  problems: ${soak.problems.length ? soak.problems.join('; ') : 'none'}`,
  `Fuzz: ${fuzz.payloads} payloads in ${fuzz.seconds.toFixed(0)} s; ${fuzz.okAnswers} ok; refused: ${Object.entries(fuzz.byCode).sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ')}`,
  `  problems: ${fuzz.problems.length ? fuzz.problems.join('; ') : 'none'}`,
  `  unexpected errors logged: ${fuzz.unexpectedErrors.length ? fuzz.unexpectedErrors.join('; ') : 'none'}`,
];
console.log(lines.join('\n'));
process.exit(soak.problems.length || fuzz.problems.length || fuzz.unexpectedErrors.length ? 1 : 0);
