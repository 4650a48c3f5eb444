/**
 * The Electron shell: app lifecycle, the window, IPC wiring. Thin on purpose:
 * the engine lives in electron/core and runs the same under plain Node; the
 * shell's rules live in ./shell-rules (tested without Electron).
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, net } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startPos, startupFailureText, type Pos } from '../core/app';
import { keyedFailure } from '../../shared/errors';
import { isLanguage } from '../../shared/i18n/languages';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/pos-api';
import { createPrintingHandlers } from './printing';
import { loadKeytar } from '../core/secrets';
import { keychainVaultsFor } from '../core/setup';
import {
  ORIGIN,
  SCHEME,
  denyPermissionCheck,
  denyPermissionRequest,
  isOurFrame,
  navigationAllowed,
  rendererFileFor,
  rendererHeaders,
  windowOpenDecision,
} from './shell-rules';
import { keychainHeadOfficeStore } from '../core/headoffice';
import { settleDataDir } from '../core/data-dir';

const rendererDir = path.join(__dirname, '../renderer');

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let pos: Pos | undefined;
let mainWindow: BrowserWindow | undefined;

function serveRenderer(): void {
  protocol.handle(SCHEME, async (request) => {
    const file = rendererFileFor(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    return new Response(response.body, { status: response.status, headers: rendererHeaders(response.headers) });
  });
}

function lockDown(): void {
  session.defaultSession.setPermissionRequestHandler(denyPermissionRequest);
  session.defaultSession.setPermissionCheckHandler(denyPermissionCheck);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!navigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = windowOpenDecision(url);
      // Links to MTN's portal open in the system browser, never inside the app.
      if (decision.openExternally) void shell.openExternal(url);
      return { action: decision.action };
    });
  });
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
      // A middle click must not open a link in a new window (Electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  await mainWindow.loadURL(`${ORIGIN}/index.html`);
}

/** Everything after app ready; exported so the shell's tests drive it with a fake electron module. */
export async function startShell(): Promise<void> {
  serveRenderer();
  lockDown();
  // The same folder as browser mode and the command line; a ledger in Electron's user-data folder (earlier versions) moves in once.
  const dataDir = settleDataDir(undefined, process.env, (line) => console.warn(line), [app.getPath('userData')]);
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
    if (!isOurFrame(event.senderFrame, mainWindow?.webContents.mainFrame)) return keyedFailure('FORBIDDEN', 'error.unknownSender');
    // The window is the caller: its manager grant is its own (a reload keeps the webContents, a new window does not).
    return pos!.router.call(method, input, { id: `ipc:${event.sender.id}` });
  });
  pos.events.subscribe((payload) => mainWindow?.webContents.send(IPC_EVENT_CHANNEL, payload));
  await createWindow();
}

app.whenReady().then(startShell).catch((error: unknown) => {
  // A damaged ledger, a full disk…: say why in the computer's language, then stop (the file is left as it is).
  const tag = app.getLocale().slice(0, 2);
  dialog.showErrorBox('MoMo POS', startupFailureText(error, isLanguage(tag) ? tag : 'en'));
  app.quit();
});

app.on('window-all-closed', () => {
  void (pos?.close() ?? Promise.resolve()).finally(() => app.quit());
});
