/** The typed event stream pushed to the renderer (IPC or Server-Sent Events). */
import type { PosEvent } from '../../shared/contract';

export interface EventBus {
  emit(event: PosEvent): void;
  subscribe(listener: (event: PosEvent) => void): () => void;
  listenerCount(): number;
}

export function createEventBus(onListenerError?: (error: unknown) => void): EventBus {
  const listeners = new Set<(event: PosEvent) => void>();
  return {
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          onListenerError?.(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listenerCount: () => listeners.size,
  };
}
