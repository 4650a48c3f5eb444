/**
 * A fake `electron` module for the shell's tests (the Electron binary is not
 * installed here). It records what the shell registers (protocol handler,
 * IPC handler, permission handlers, app events, windows) so a test can call
 * them the way Electron would. Importing this file mocks `electron` for the
 * modules the test imports afterwards: use `loadShell()` for electron/main.
 */
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

export interface FakeFrame {
  url: string;
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  /** Electron's webContents.id: the engine's caller for this window. */
  readonly id = FakeWebContents.nextId++;
  mainFrame: FakeFrame = { url: 'about:blank' };
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | undefined;
  readonly sent: unknown[][] = [];
  readonly printToPDF = vi.fn(async (_options: unknown) => Buffer.from('%PDF-1.7 fake'));
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  destroyed = false;
  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.webContents.mainFrame = { url };
  }
  show(): void {}
  destroy(): void {
    this.destroyed = true;
  }
}

type ProtocolHandler = (request: Request) => Promise<Response>;
type IpcHandler = (event: { senderFrame: FakeFrame | null; sender: FakeWebContents }, ...args: unknown[]) => unknown;

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details?: unknown) => boolean;

const app = Object.assign(new EventEmitter(), {
  // Never ready on its own: tests call the shell's startShell() themselves.
  whenReady: () => new Promise<void>(() => {}),
  getPath: vi.fn((_name: string) => '/nonexistent/user-data'),
  getVersion: () => '0.0.0-test',
  quit: vi.fn(),
});

const protocol = {
  schemes: [] as unknown[],
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    protocol.schemes.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    protocol.handlers.set(scheme, handler);
  },
};

const ipcMain = {
  handlers: new Map<string, IpcHandler>(),
  handle(channel: string, handler: IpcHandler): void {
    ipcMain.handlers.set(channel, handler);
  },
};

const defaultSession = {
  permissionRequestHandler: undefined as PermissionRequestHandler | undefined,
  permissionCheckHandler: undefined as PermissionCheckHandler | undefined,
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    defaultSession.permissionRequestHandler = handler;
  },
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    defaultSession.permissionCheckHandler = handler;
  },
};

/** The preload's side: what it exposes to the page, and the IPC it sends and listens to. */
const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    contextBridge.exposed.set(key, api);
  },
};
const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, data: {} })),
});

export const fake = {
  app,
  contextBridge,
  ipcRenderer,
  protocol,
  ipcMain,
  session: { defaultSession },
  shell: { openExternal: vi.fn(async (_url: string) => {}) },
  // Electron's net.fetch reads file: URLs; so does this one.
  net: {
    fetch: vi.fn(async (url: string) => {
      try {
        return new Response(await readFile(fileURLToPath(url)), { status: 200, headers: { 'Content-Type': 'text/html' } });
      } catch {
        return new Response('missing', { status: 404 });
      }
    }),
  },
  dialog: { showSaveDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> => ({ canceled: true })) },
  BrowserWindow: FakeBrowserWindow,
};

vi.mock('electron', () => ({ ...fake, default: fake }));

/** Imports electron/main afresh (its top level registers the scheme and waits for ready) with the fake reset. */
export async function loadShell(): Promise<typeof import('../../../electron/main/index')> {
  vi.resetModules();
  fake.app.removeAllListeners();
  fake.protocol.schemes.length = 0;
  fake.protocol.handlers.clear();
  fake.ipcMain.handlers.clear();
  fake.session.defaultSession.permissionRequestHandler = undefined;
  fake.session.defaultSession.permissionCheckHandler = undefined;
  fake.shell.openExternal.mockClear();
  fake.net.fetch.mockClear();
  fake.dialog.showSaveDialog.mockReset();
  fake.app.quit.mockClear();
  FakeBrowserWindow.created.length = 0;
  return import('../../../electron/main/index');
}

/** Imports the sandboxed preload afresh against the fake. */
export async function loadPreload(): Promise<void> {
  vi.resetModules();
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoke.mockClear();
  await import('../../../electron/preload/index');
}
