/**
 * Browser mode's `window.pos`: the same PosApi over fetch + Server-Sent
 * Events. The access token travels in an HttpOnly cookie set by the server.
 */
import { buildPosApi, type PosApi } from '../../../shared/pos-api';
import type { PosEvent, PosResult } from '../../../shared/contract';
import { keyedFailure } from '../../../shared/errors';

/** Heartbeats missed before the service counts as lost (a hung process closes no connection). */
const MISSED_HEARTBEATS = 3;

export function createHttpPosApi(base = ''): PosApi {
  const listeners = new Set<(event: PosEvent) => void>();
  let source: EventSource | undefined;
  let lastHeard = Date.now();
  let watchdog: ReturnType<typeof setInterval> | undefined;

  const emit = (event: PosEvent) => {
    for (const listener of listeners) listener(event);
  };

  /** From the hello on: a stream quiet for several heartbeats is dropped and opened again, and the screen told. */
  const watch = (heartbeatMs: number) => {
    clearInterval(watchdog);
    watchdog = setInterval(() => {
      if (Date.now() - lastHeard <= heartbeatMs * MISSED_HEARTBEATS) return;
      emit({ type: 'connection.lost' });
      lastHeard = Date.now();
      source?.close();
      source = undefined;
      ensureStream();
    }, heartbeatMs);
  };

  const ensureStream = () => {
    if (source) return;
    source = new EventSource(`${base}/api/events`);
    source.onmessage = (message) => {
      lastHeard = Date.now();
      let event: PosEvent;
      try {
        event = JSON.parse(message.data) as PosEvent;
      } catch {
        return;
      }
      if (event.type === 'hello' && event.heartbeatMs) watch(event.heartbeatMs);
      emit(event);
    };
    source.addEventListener('heartbeat', () => {
      lastHeard = Date.now();
    });
    // A dropped stream (server stopped, killed, unreachable) says so at once; EventSource then
    // retries by itself and the server's 'hello' on reconnect brings the screen back.
    source.onerror = () => emit({ type: 'connection.lost' });
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
        return keyedFailure('OFFLINE', 'error.offline');
      }
    },
    (listener) => {
      listeners.add(listener);
      ensureStream();
      return () => listeners.delete(listener);
    },
  );
}
