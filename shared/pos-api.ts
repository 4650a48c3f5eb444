/**
 * The shape of `window.pos`, built from one method list on both transports
 * (Electron preload and browser mode), so they cannot drift. No zod here:
 * the sandboxed preload bundles this file and must stay dependency-free.
 */
import type { InputOf, MethodName, Outputs, PosEvent, PosResult } from './contract';

export const METHOD_LIST = [
  'app.info',
  'sale.charge',
  'sale.lookupPayer',
  'sale.payLater',
  'sale.openInvoices',
  'sale.payCash',
  'sale.list',
  'sale.get',
  'payment.recheck',
  'payment.cancelWaiting',
  'payment.cancelInvoice',
  'payment.retry',
  'payment.transcript',
  'receipt.render',
  'receipt.print',
  'receipt.savePdf',
  'till.status',
  'till.setManagerPin',
  'till.checkManagerPin',
  'till.setCashier',
  'till.setRules',
  'till.openShift',
  'till.cashMovement',
  'till.xReport',
  'till.closeShift',
  'till.zReport',
  'till.exportCsv',
  'till.supportBundle',
  'refund.create',
  'refund.get',
  'refund.forSale',
  'settings.get',
  'settings.update',
  'credentials.status',
  'credentials.set',
  'credentials.clear',
  'credentials.testConnection',
  'credentials.provisionSandbox',
  'credentials.goLive',
  'credentials.useTraining',
  'headOffice.status',
  'headOffice.connect',
  'headOffice.disconnect',
  'till.lock',
  'fiscal.status',
  'fiscal.configure',
  'fiscal.receipt',
  'till.today',
] as const;

// The method list and the schemas (shared/contract.ts) must name the same methods: checked here, so contract.ts needs nothing from this file.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodListMatchesSchemas: Same<MethodName, (typeof METHOD_LIST)[number]> = true;
void methodListMatchesSchemas;

type GroupOf<M extends string> = M extends `${infer G}.${string}` ? G : never;
type MethodOf<M extends string, G extends string> = M extends `${G}.${infer N}` ? N : never;

export type PosApi = {
  [G in GroupOf<MethodName>]: {
    [N in MethodOf<MethodName, G>]: (
      input: InputOf<`${G}.${N}` & MethodName>,
    ) => Promise<PosResult<Outputs[`${G}.${N}` & MethodName]>>;
  };
} & {
  events: { subscribe(listener: (event: PosEvent) => void): () => void };
};

export function buildPosApi(
  call: (method: MethodName, input: unknown) => Promise<PosResult<unknown>>,
  subscribe: (listener: (event: PosEvent) => void) => () => void,
): PosApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const method of METHOD_LIST) {
    const [group, name] = method.split('.') as [string, string];
    (api[group] ??= {})[name] = (input: unknown) => call(method, input ?? {});
  }
  api.events = { subscribe };
  return api as unknown as PosApi;
}

/** The IPC channel names, shared by preload and main. */
export const IPC_CALL_CHANNEL = 'pos:call';
export const IPC_EVENT_CHANNEL = 'pos:event';
