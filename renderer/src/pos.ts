/**
 * The renderer's one door to the engine. In the desktop app the preload has
 * put `window.pos` there; in browser mode we build it over HTTP.
 *
 * The engine refuses a manager action without this window's manager grant
 * (FORBIDDEN on field 'grant'): the door then asks for the manager PIN (the
 * gate registers how) and, once unlocked, sends the same call once more.
 */
import type { PosResult } from '../../shared/contract';
import { METHOD_LIST, type PosApi } from '../../shared/pos-api';
import { createHttpPosApi } from './transport/http';

declare global {
  interface Window {
    pos?: PosApi;
  }
}

/** Set by the manager gate: asks for the PIN, resolves true once the engine opened the grant (false: cancelled). */
export const managerUnlock: { ask?: () => Promise<boolean> } = {};

const isLocked = (result: PosResult<unknown>) => !result.ok && result.code === 'FORBIDDEN' && result.field === 'grant';

function unlockingWhenAsked(api: PosApi): PosApi {
  const groups = api as unknown as Record<string, Record<string, (input: unknown) => Promise<PosResult<unknown>>>>;
  const wrapped: Record<string, Record<string, unknown>> = { events: groups.events as never };
  for (const method of METHOD_LIST) {
    const [group, name] = method.split('.') as [string, string];
    const call = groups[group]![name]!;
    (wrapped[group] ??= {})[name] = async (input: unknown) => {
      const result = await call(input);
      if (!isLocked(result) || !managerUnlock.ask) return result;
      return (await managerUnlock.ask()) ? call(input) : result;
    };
  }
  return wrapped as unknown as PosApi;
}

export const pos: PosApi = unlockingWhenAsked(window.pos ?? createHttpPosApi());
