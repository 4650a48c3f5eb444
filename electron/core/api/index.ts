/**
 * The PosApi router: validates every input against its zod schema, calls the
 * service, and answers the envelope both transports use. One router serves
 * IPC (desktop) and HTTP (browser mode), so both run the same code paths.
 */
import type { z } from 'zod';
import { inputSchemas, type MethodName, type Outputs, type ParsedInputOf, type PosResult } from '../../../shared/contract';
import { MomoSetupError, PosError } from '../../../shared/errors';

export type Handler<M extends MethodName> = (input: ParsedInputOf<M>) => Promise<Outputs[M]> | Outputs[M];
export type HandlerGroup = { [M in MethodName]?: Handler<M> };

export interface Router {
  call(method: unknown, input: unknown): Promise<PosResult<unknown>>;
  /** Methods that have a handler. */
  served(): MethodName[];
}

export interface RouterOptions {
  /** Unexpected errors go here (never to the caller, who gets a generic sentence). */
  onUnexpectedError?: (method: string, error: unknown) => void;
}

/** Maps any thrown value to the envelope; the one place errors become codes for the UI. */
export function toFailure(error: unknown): { ok: false; code: string; message: string; field?: string; reason?: string; facts?: Record<string, string> } | undefined {
  if (error instanceof MomoSetupError) return { ok: false, code: error.code, message: error.message, reason: error.reason, facts: error.facts };
  if (error instanceof PosError) {
    return error.field === undefined
      ? { ok: false, code: error.code, message: error.message }
      : { ok: false, code: error.code, message: error.message, field: error.field };
  }
  if (error && typeof error === 'object' && (error as { name?: unknown }).name === 'MomoError') {
    const momo = error as { code?: unknown; message?: unknown };
    return { ok: false, code: `MOMO_${String(momo.code ?? 'ERROR')}`, message: String(momo.message ?? 'MoMo refused the request.') };
  }
  if (error instanceof Error && error.name === 'PrinterError') {
    return { ok: false, code: String((error as { code?: unknown }).code ?? 'PRINTER'), message: error.message };
  }
  return undefined;
}

function zodFailure(error: z.ZodError): { ok: false; code: string; message: string; field?: string } {
  const issue = error.issues[0];
  const field = issue?.path.length ? issue.path.map(String).join('.') : undefined;
  const message = issue?.code === 'unrecognized_keys' ? `Unexpected field: ${issue.keys.join(', ')}.` : (issue?.message ?? 'Invalid input.');
  return field === undefined ? { ok: false, code: 'VALIDATION', message } : { ok: false, code: 'VALIDATION', message, field };
}

export function createRouter(groups: HandlerGroup[], options: RouterOptions = {}): Router {
  const handlers = new Map<MethodName, Handler<MethodName>>();
  for (const group of groups) {
    for (const [method, handler] of Object.entries(group)) {
      if (!Object.hasOwn(inputSchemas, method)) throw new Error(`Handler for a method the contract does not have: ${method}`);
      if (handlers.has(method as MethodName)) throw new Error(`Two handlers for ${method}`);
      handlers.set(method as MethodName, handler as Handler<MethodName>);
    }
  }
  return {
    served: () => [...handlers.keys()],
    async call(method, input) {
      if (typeof method !== 'string' || !Object.hasOwn(inputSchemas, method)) {
        return { ok: false, code: 'UNKNOWN_METHOD', message: 'This action does not exist.' };
      }
      const name = method as MethodName;
      const handler = handlers.get(name);
      if (!handler) return { ok: false, code: 'NOT_IMPLEMENTED', message: 'This action is not available in this version yet.' };
      const parsed = inputSchemas[name].safeParse(input ?? {});
      if (!parsed.success) return zodFailure(parsed.error);
      try {
        const data = await handler(parsed.data as never);
        return { ok: true, data };
      } catch (error) {
        const failure = toFailure(error);
        if (failure) return failure;
        options.onUnexpectedError?.(name, error);
        return { ok: false, code: 'INTERNAL', message: 'Something went wrong inside the app. The sale ledger was not changed by this action.' };
      }
    },
  };
}
