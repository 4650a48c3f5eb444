/**
 * The Electron shell: app lifecycle, the window, IPC wiring. Thin on purpose:
 * the engine lives in electron/core and runs the same under plain Node.
 */
import { app, BrowserWindow, ipcMain, protocol, session, shell, net } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startPos, type Pos } from '../core/app';
import { CONTENT_SECURITY_POLICY } from '../core/web';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/pos-api';
import { createPrintingHandlers } from './printing';
import { loadKeytar } from '../core/secrets';
import { keychainVaultsFor } from '../core/setup';
import { keychainHeadOfficeStore } from '../core/headoffice';

const SCHEME = 'app';
const ORIGIN = `${SCHEME}://pos`;
const rendererDir = path.join(__dirname, '../renderer');

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let pos: Pos | undefined;
let mainWindow: BrowserWindow | undefined;

function serveRenderer(): void {
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'pos') return new Response('Not found', { status: 404 });
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(rendererDir, relative);
    if (!file.startsWith(rendererDir + path.sep)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function lockDown(): void {
  // Deny every permission request (camera, geolocation, notifications, ...).
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links to MTN's portal open in the system browser, never inside the app.
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function isOurFrame(frame: Electron.WebFrameMain | null): boolean {
  // senderFrame can be null when the frame navigated away or was destroyed.
  return frame !== null && frame.url.startsWith(`${ORIGIN}/`) && frame === mainWindow?.webContents.mainFrame;
}

async function createWindow(): Promise<void> {
  mainWindow = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 800,
    minHeight: 600,
    title: 'MoMo POS',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  await mainWindow.loadURL(`${ORIGIN}/index.html`);
}

app.whenReady().then(async () => {
  serveRenderer();
  lockDown();
  const dataDir = process.env.MOMO_POS_DATA_DIR || app.getPath('userData');
  const keytar = await loadKeytar();
  pos = await startPos({
    dataDir,
    dataDirKind: process.env.MOMO_POS_DATA_DIR ? 'custom' : 'user-data',
    version: app.getVersion(),
    transport: 'ipc',
    vaultFor: keychainVaultsFor(keytar),
    headOfficeStore: keychainHeadOfficeStore(keytar),
    extraHandlers: (context) => [createPrintingHandlers(() => mainWindow, context)],
  });
  ipcMain.handle(IPC_CALL_CHANNEL, (event, method: unknown, input: unknown) => {
    if (!isOurFrame(event.senderFrame)) return { ok: false, code: 'FORBIDDEN', message: 'Refused: unknown sender.' };
    return pos!.router.call(method, input);
  });
  pos.events.subscribe((payload) => mainWindow?.webContents.send(IPC_EVENT_CHANNEL, payload));
  await createWindow();
});

app.on('window-all-closed', () => {
  void pos?.close().finally(() => app.quit());
});
