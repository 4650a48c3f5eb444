/**
 * The sandboxed preload: exposes `window.pos` and nothing else. It bundles
 * only shared/pos-api.ts (no npm packages: a sandboxed preload cannot
 * require them); validation happens in the main process.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildPosApi, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/pos-api';
import type { PosEvent, PosResult } from '../../shared/contract';

const pos = buildPosApi(
  (method, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input) as Promise<PosResult<unknown>>,
  (listener) => {
    const relay = (_event: unknown, payload: PosEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay);
  },
);

contextBridge.exposeInMainWorld('pos', pos);
