/**
 * Browser mode's `window.pos`: the same PosApi over fetch + Server-Sent
 * Events. The access token travels in an HttpOnly cookie set by the server.
 */
import { buildPosApi, type PosApi } from '../../../shared/pos-api';
import type { PosEvent, PosResult } from '../../../shared/contract';

export function createHttpPosApi(base = ''): PosApi {
  const listeners = new Set<(event: PosEvent) => void>();
  let source: EventSource | undefined;

  const ensureStream = () => {
    if (source) return;
    source = new EventSource(`${base}/api/events`);
    source.onmessage = (message) => {
      let event: PosEvent;
      try {
        event = JSON.parse(message.data) as PosEvent;
      } catch {
        return;
      }
      for (const listener of listeners) listener(event);
    };
    // A dropped stream (server stopped, killed, unreachable) says so at once; EventSource then
    // retries by itself and the server's 'hello' on reconnect brings the screen back.
    source.onerror = () => {
      for (const listener of listeners) listener({ type: 'connection.lost' });
    };
  };

  return buildPosApi(
    async (method, input) => {
      try {
        const response = await fetch(`${base}/api/call/${method}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
        return (await response.json()) as PosResult<unknown>;
      } catch {
        return { ok: false, code: 'OFFLINE', message: 'The till service is not answering. Is `npm run web` still running?' };
      }
    },
    (listener) => {
      listeners.add(listener);
      ensureStream();
      return () => listeners.delete(listener);
    },
  );
}
