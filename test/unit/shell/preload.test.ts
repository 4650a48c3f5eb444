/** The sandboxed preload (Electronegativity's PRELOAD_JS_CHECK asks for a review): it exposes `window.pos` and nothing else, over two channels. */
import { describe, expect, it } from 'vitest';
import { fake, loadPreload } from './fake-electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, METHOD_LIST } from '../../../shared/pos-api';

describe('preload', () => {
  it('exposes only window.pos: one function per contract method, plus events.subscribe', async () => {
    await loadPreload();
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['pos']);
    const pos = fake.contextBridge.exposed.get('pos') as Record<string, Record<string, unknown>>;
    const exposed = Object.entries(pos).flatMap(([group, methods]) => Object.keys(methods).map((name) => `${group}.${name}`));
    expect(exposed.sort()).toEqual([...METHOD_LIST, 'events.subscribe'].sort());
    for (const method of exposed) expect(typeof pos[method.split('.')[0]!]![method.split('.')[1]!], method).toBe('function');
    // No ipcRenderer, require or process leaks through.
    expect(JSON.stringify(Object.keys(pos))).not.toMatch(/ipc|require|process|electron/i);
  });

  it('every call goes through the one call channel with the method name; events come from the one event channel and stop on unsubscribe', async () => {
    await loadPreload();
    const pos = fake.contextBridge.exposed.get('pos') as { app: { info(input?: unknown): Promise<unknown> }; sale: { payCash(input: unknown): Promise<unknown> }; events: { subscribe(listener: (event: unknown) => void): () => void } };
    await pos.app.info();
    await pos.sale.payCash({ amount: '1000' });
    expect(fake.ipcRenderer.invoke.mock.calls).toEqual([
      [IPC_CALL_CHANNEL, 'app.info', {}],
      [IPC_CALL_CHANNEL, 'sale.payCash', { amount: '1000' }],
    ]);

    const seen: unknown[] = [];
    const unsubscribe = pos.events.subscribe((event) => seen.push(event));
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, { senderId: 0 }, { type: 'settings.changed' });
    unsubscribe();
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, { senderId: 0 }, { type: 'shift.updated' });
    expect(seen).toEqual([{ type: 'settings.changed' }]); // the IPC event object itself never reaches the page
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });
});
