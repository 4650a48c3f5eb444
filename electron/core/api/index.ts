/**
 * The PosApi router: validates every input against its zod schema, calls the
 * service, and answers the envelope both transports use. One router serves
 * IPC (desktop) and HTTP (browser mode), so both run the same code paths.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { inputSchemas, METHOD_AUTHORITY, needsManager, type MethodName, type Outputs, type ParsedInputOf, type PosFailure, type PosResult } from '../../../shared/contract';
import { isErrorKey, keyedFailure, MomoSetupError, PosError, wireOf, type ErrorParams } from '../../../shared/errors';
import { isCorruption, isDiskFull } from '../ledger';

/**
 * Who is calling: one browser-mode session (its cookie's session id) or one
 * Electron window (its webContents id). A manager grant belongs to a caller.
 */
export interface Caller {
  /** 'web:<session id>', 'ipc:<webContents id>'; never a secret the caller could replay elsewhere. */
  id: string;
}

export type Handler<M extends MethodName> = (input: ParsedInputOf<M>, caller: Caller) => Promise<Outputs[M]> | Outputs[M];
export type HandlerGroup = { [M in MethodName]?: Handler<M> };

export interface Router {
  /** No caller: a fresh anonymous one for this call alone (it never holds a grant). */
  call(method: unknown, input: unknown, caller?: Caller): Promise<PosResult<unknown>>;
  /** Methods that have a handler. */
  served(): MethodName[];
}

/** The manager's authority as the router asks it; the till's PIN guard answers (electron/core/till/authority.ts). */
export interface Authority {
  /** Throws FORBIDDEN (field 'grant') unless the caller may run this manager call; a PIN in the call is checked here, throttled. */
  authorise(caller: Caller, method: MethodName, input: Record<string, unknown>): Promise<void>;
  /** After a successful unlock (or first PIN chosen): the caller's grant opens. */
  grant(caller: Caller): void;
}

export interface RouterOptions {
  /** Unexpected errors go here (never to the caller, who gets a generic sentence). */
  onUnexpectedError?: (method: string, error: unknown) => void;
  /** Without it, every manager method is refused. */
  authority?: Authority;
}

/** Maps any thrown value to the envelope; the one place errors become codes for the UI. */
export function toFailure(error: unknown): PosFailure | undefined {
  if (error instanceof PosError) return failureOf(error);
  // SQLITE_FULL from a commit outside the ledger's own write (an engine transaction around several facts) or ENOSPC:
  // the transaction was rolled back whole, so "not saved" is true.
  if (isDiskFull(error)) return failureOf(new PosError('DISK_FULL', 'error.ledger.diskFullAction'));
  // Damage found while the app runs (a sector gone bad after the check at open).
  if (isCorruption(error)) return failureOf(new PosError('LEDGER_DAMAGED', 'error.ledger.damagedWhileRunning'));
  if (error && typeof error === 'object' && (error as { name?: unknown }).name === 'MomoError') {
    const momo = error as { code?: unknown; message?: unknown };
    return { ok: false, code: `MOMO_${String(momo.code ?? 'ERROR')}`, message: String(momo.message ?? 'MoMo refused the request.') };
  }
  if (error instanceof Error && error.name === 'PrinterError') {
    const printer = error as Error & { code?: unknown; key?: unknown; params?: ErrorParams };
    const code = String(printer.code ?? 'PRINTER');
    return isErrorKey(printer.key) ? { ok: false, code, message: error.message, key: printer.key, params: printer.params ?? {} } : { ok: false, code, message: error.message };
  }
  return undefined;
}

/** A PosError on the wire: its code, key and parameters (the screen says it in its own language), and the English sentence. */
function failureOf(error: PosError): PosFailure {
  return { ok: false, ...wireOf(error), message: error.message, ...(error instanceof MomoSetupError ? { reason: error.reason } : {}) };
}

function zodFailure(error: z.ZodError): PosFailure {
  const issue = error.issues[0];
  const field = issue?.path.length ? issue.path.map(String).join('.') : undefined;
  // The contract's own messages are catalogue keys; zod's built-in ones (a wrong type, a missing field) are said generically.
  const failure =
    issue?.code === 'unrecognized_keys'
      ? new PosError('VALIDATION', 'error.unexpectedField', { fields: issue.keys.join(', ') }, field)
      : new PosError('VALIDATION', isErrorKey(issue?.message) ? issue.message : 'error.invalidInput', {}, field);
  // The English detail of zod's own message stays in `message` for logs and the command line.
  return { ...failureOf(failure), ...(isErrorKey(issue?.message) ? {} : { message: issue?.message ?? failure.message }) };
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
    async call(method, input, caller = { id: `anonymous:${randomUUID()}` }) {
      if (typeof method !== 'string' || !Object.hasOwn(inputSchemas, method)) {
        return keyedFailure('UNKNOWN_METHOD', 'error.unknownMethod');
      }
      const name = method as MethodName;
      const handler = handlers.get(name);
      if (!handler) return keyedFailure('NOT_IMPLEMENTED', 'error.notImplemented');
      const parsed = inputSchemas[name].safeParse(input ?? {});
      if (!parsed.success) return zodFailure(parsed.error);
      try {
        // The manager's authority is the engine's: checked here, before any handler runs, on IPC and HTTP alike.
        if (needsManager(name, parsed.data)) {
          if (!options.authority) throw new PosError('FORBIDDEN', 'error.managerMustUnlock', {}, 'grant');
          await options.authority.authorise(caller, name, parsed.data as Record<string, unknown>);
        }
        const data = await handler(parsed.data as never, caller);
        if (METHOD_AUTHORITY[name].opensGrant) options.authority?.grant(caller);
        return { ok: true, data };
      } catch (error) {
        const failure = toFailure(error);
        if (failure) return failure;
        options.onUnexpectedError?.(name, error);
        // The detail stays in the log: the caller gets the one generic sentence.
        return failureOf(new PosError('INTERNAL', 'error.internal'));
      }
    },
  };
}
