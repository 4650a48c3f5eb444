/**
 * electron/main under a fake `electron` module: what it registers, the
 * window it opens, the IPC sender check on real calls into a real engine
 * (real SQLite file in a temp folder), and start-up without a usable keychain.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeBrowserWindow, FakeWebContents, loadShell } from './fake-electron';
import { IPC_CALL_CHANNEL } from '../../../shared/pos-api';
import { CONTENT_SECURITY_POLICY } from '../../../electron/core/web';
import { openLedger } from '../../../electron/core/ledger';
import type { Keytar } from '../../../electron/core/secrets';

const MAIN_DIR = path.resolve(import.meta.dirname, '../../../electron/main');

const SECRETS = '../../../electron/core/secrets';
let dataDir: string;

/** What `import('keytar')` gives the shell (loadShell re-imports it): a keychain that works unless a test says otherwise. */
function keytarIs(keytar: Keytar): void {
  vi.doMock('keytar', () => ({ default: keytar }));
}

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'momo-pos-shell-'));
  vi.stubEnv('MOMO_POS_DATA_DIR', dataDir);
  vi.stubEnv('MOMO_POS_SIM_APPROVAL_MS', '0');
  for (const name of ['MOMO_COLLECTION_SUBSCRIPTION_KEY', 'MOMO_API_USER', 'MOMO_API_KEY']) vi.stubEnv(name, '');
  vi.doUnmock(SECRETS);
  keytarIs(unlockedKeytar());
});

afterEach(async () => {
  await closeShell();
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The app's 'window-all-closed': closes the engine, then quits. */
async function closeShell(): Promise<void> {
  if (fake.app.listenerCount('window-all-closed') === 0) return;
  fake.app.emit('window-all-closed');
  await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled(), { timeout: 10_000 });
}

function unlockedKeytar(): Keytar {
  const store = new Map<string, string>();
  return {
    getPassword: async (service, account) => store.get(`${service}|${account}`) ?? null,
    setPassword: async (service, account, password) => void store.set(`${service}|${account}`, password),
    deletePassword: async (service, account) => store.delete(`${service}|${account}`),
  };
}

/** libsecret with the login keyring locked: reads find nothing, deletes find nothing, writes are refused. */
function lockedKeytar(): Keytar {
  return {
    getPassword: async () => null,
    setPassword: async () => Promise.reject(new Error('Cannot create an item in a locked collection')),
    deletePassword: async () => false,
  };
}

async function started() {
  const shell = await loadShell();
  await shell.startShell();
  const window = FakeBrowserWindow.created[0]!;
  const call = (method: string, input: unknown, frame: { url: string } | null = window.webContents.mainFrame, sender: FakeWebContents = window.webContents) =>
    fake.ipcMain.handlers.get(IPC_CALL_CHANNEL)!({ senderFrame: frame, sender }, method, input) as Promise<{ ok: boolean; code?: string; message?: string; data?: any }>;
  return { shell, window, call };
}

describe('the shell at start', () => {
  it('registers app:// as a secure standard scheme before ready, and waits for ready', async () => {
    await loadShell();
    expect(fake.protocol.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(fake.protocol.handlers.size).toBe(0); // nothing served before ready
  });

  it('opens one window, locked down, on app://pos/index.html', async () => {
    const { window } = await started();
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(window.options.webPreferences).toEqual({
      preload: path.join(MAIN_DIR, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window.options.show).toBe(false); // shown on ready-to-show, no white flash
    expect(window.loadedUrls).toEqual(['app://pos/index.html']);
  });

  it('denies every permission request and check', async () => {
    await started();
    const { permissionRequestHandler, permissionCheckHandler } = fake.session.defaultSession;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'openExternal']) {
      const callback = vi.fn();
      permissionRequestHandler!({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(permissionCheckHandler!({}, permission, 'app://pos')).toBe(false);
    }
  });
});

describe('navigation and window-open rules on every web contents', () => {
  it('blocks navigation away from the app, webviews, and in-app windows; MTN portal links go to the browser', async () => {
    await started();
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);

    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      contents.emit('will-navigate', event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('app://pos/index.html')).toBe(false);
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);

    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();

    expect(contents.windowOpenHandler!({ url: 'https://momodeveloper.mtn.com/products' })).toEqual({ action: 'deny' });
    expect(fake.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://momodeveloper.mtn.com/products');
    for (const url of ['https://evil.example/', 'http://momodeveloper.mtn.com/', 'file:///etc/passwd', 'app://pos/index.html']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.shell.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('the app:// protocol handler', () => {
  it('serves files of the renderer folder with the CSP, and 404s a path that leaves it without reading anything', async () => {
    await started();
    const handler = fake.protocol.handlers.get('app')!;
    const served = await handler(new Request('app://pos/'));
    expect(fake.net.fetch).toHaveBeenCalledExactlyOnceWith(pathToFileURL(path.join(MAIN_DIR, '../renderer/index.html')).toString());
    expect(served.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff');

    fake.net.fetch.mockClear();
    for (const url of ['app://pos/..%2f..%2fpackage.json', 'app://pos/%2fetc%2fpasswd', 'app://pos/a%5c..%5c..%5cx', 'app://other/index.html', 'app://pos/%E0%A4%A']) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(404);
    }
    expect(fake.net.fetch).not.toHaveBeenCalled();
  });
});

describe('IPC sender check', () => {
  it('answers the main window, refuses a null frame, another frame and another origin, and a refused call changes nothing', async () => {
    const { window, call } = await started();
    const info = await call('app.info', {});
    expect(info.ok).toBe(true);
    expect(info.data.transport).toBe('ipc');
    expect(info.data.dataDirKind).toBe('custom');

    const forbidden = { ok: false, code: 'FORBIDDEN', key: 'error.unknownSender', params: {}, message: 'Refused: the call did not come from this app’s window.' };
    expect(await call('sale.payCash', { amount: '1000' }, null)).toEqual(forbidden);
    expect(await call('sale.payCash', { amount: '1000' }, { url: 'app://pos/index.html' })).toEqual(forbidden); // an iframe or another window
    window.webContents.mainFrame.url = 'https://evil.example/';
    expect(await call('sale.payCash', { amount: '1000' }, window.webContents.mainFrame)).toEqual(forbidden);
    window.webContents.mainFrame.url = 'app://pos/index.html';

    const sales = await call('sale.list', {});
    expect(sales.ok).toBe(true);
    expect(sales.data).toEqual([]);
  });

  it('relays engine events to the window', async () => {
    const { window, call } = await started();
    expect(await call('till.setManagerPin', { pin: '864209' })).toMatchObject({ ok: true });
    expect(await call('settings.update', { merchantName: 'Kigali Corner Shop' })).toMatchObject({ ok: true });
    expect(window.webContents.sent.some(([, payload]) => (payload as { type: string }).type === 'settings.changed')).toBe(true);
  });
});

describe('the manager’s authority in the window', () => {
  it('a manager method needs the window’s own grant: refused before the PIN, open after it, refused again after till.lock, and never another window’s', async () => {
    const { window, call } = await started();
    const refused = { ok: false, code: 'FORBIDDEN', field: 'grant', message: 'The manager must unlock this first.', key: 'error.managerMustUnlock', params: {} };
    // First start: the only manager action is choosing the PIN.
    expect(await call('settings.update', { merchantName: 'Evil' })).toEqual(refused);
    expect(await call('credentials.clear', {})).toEqual(refused);
    expect(await call('till.setManagerPin', { pin: '864209' })).toMatchObject({ ok: true });
    expect(await call('settings.update', { merchantName: 'Kigali Corner Shop' })).toMatchObject({ ok: true });
    expect(await call('till.lock', {})).toEqual({ ok: true, data: { locked: true } });
    expect(await call('settings.update', { merchantName: 'Evil' })).toEqual(refused);
    expect(await call('headOffice.connect', { url: 'postgres://evil:pw@203.0.113.7/steal' })).toEqual(refused);
    // Another window of the app (same origin, its own webContents) does not inherit a grant.
    expect(await call('till.checkManagerPin', { pin: '864209' })).toMatchObject({ ok: true });
    const other = new FakeWebContents();
    other.mainFrame = window.webContents.mainFrame;
    expect(await call('settings.update', { merchantName: 'Other' }, window.webContents.mainFrame, other)).toEqual(refused);
    expect((await call('settings.get', {})).data.merchantName).toBe('Kigali Corner Shop');
  });
});

describe('start-up without a usable keychain', () => {
  /** A data dir whose merchant finished set-up: the shell will try the keychain for live credentials. */
  function liveWasEnabled(): void {
    const ledger = openLedger({ dataDir, training: false });
    ledger.setSetting('liveEnabled', true);
    ledger.close();
  }

  it('keychain library not installed: starts in training, and set-up says the library is missing', async () => {
    liveWasEnabled();
    // The real loadKeytar, given the error Node raises when the optional package was never installed.
    // (A vi.mock factory that throws reaches the importer wrapped, without Node's error code.)
    const notInstalled = Object.assign(new Error("Cannot find package 'keytar' imported from /opt/momo-pos/resources/app.asar/out/main/index.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    vi.doMock(SECRETS, async (importOriginal) => {
      const real = await importOriginal<typeof import('../../../electron/core/secrets')>();
      return { ...real, loadKeytar: () => real.loadKeytar(() => Promise.reject(notInstalled)) };
    });
    const { call, window } = await started();
    expect(window.loadedUrls).toEqual(['app://pos/index.html']);
    expect((await call('app.info', {})).data.mode).toBe('training');
    const status = await call('credentials.status', {});
    expect(status.ok).toBe(true);
    expect(status.data.available).toBe(false);
    expect(status.data.problem).toMatch(/keychain library is not installed/);
  });

  it('keychain locked: starts in training, and set-up says the keychain is not available', async () => {
    liveWasEnabled();
    keytarIs(lockedKeytar());
    const { call } = await started();
    expect((await call('app.info', {})).data.mode).toBe('training');
    const status = await call('credentials.status', {});
    expect(status.data.available).toBe(false);
    expect(status.data.problem).toMatch(/system keychain is not available.*locked collection/s);
  });
});

/** Cash goes into a counted drawer: a manager, a cashier and an open shift first. */
async function cashSale(call: Awaited<ReturnType<typeof started>>['call']) {
  for (const [method, input] of [
    ['till.setManagerPin', { pin: '864209' }],
    ['till.setCashier', { name: 'Ann', pin: '1357', managerPin: '864209' }],
  ] as const) expect(await call(method, input)).toMatchObject({ ok: true });
  const shift = await call('till.openShift', { openingFloat: '1000', cashier: 'Ann', pin: '1357' });
  expect(shift, JSON.stringify(shift)).toMatchObject({ ok: true });
  return call('sale.payCash', { amount: '1500' });
}

describe('receipt PDF', () => {
  it('prints at the roll size the receipt HTML asks for, in a hidden window with JavaScript off, and writes the PDF', async () => {
    const { call } = await started();
    const sale = await cashSale(call);
    expect(sale.ok).toBe(true);
    const target = path.join(dataDir, 'receipt.pdf');
    fake.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });

    for (const [width, widthMm] of [['58mm', 58], ['80mm', 80]] as const) {
      const saved = await call('receipt.savePdf', { saleId: sale.data.id, width });
      expect(saved).toEqual({ ok: true, data: { path: target } });
      const printer = FakeBrowserWindow.created.at(-1)!;
      expect(printer.options.show).toBe(false);
      expect(printer.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, disableBlinkFeatures: 'Auxclick' });
      expect(printer.destroyed).toBe(true);
      const html = decodeURIComponent(printer.loadedUrls[0]!.replace(/^data:text\/html;charset=utf-8,/, ''));
      const page = /@page \{ size: ([\d.]+)mm ([\d.]+)mm; margin: 0; \}/.exec(html);
      expect(page, 'the receipt HTML sets its page size').not.toBeNull();
      expect(Number(page![1])).toBe(widthMm);
      const options = printer.webContents.printToPDF.mock.calls[0]![0] as { pageSize: { width: number; height: number }; margins: unknown };
      expect(options.pageSize.width).toBeCloseTo(widthMm / 25.4, 6);
      expect(options.pageSize.height).toBeCloseTo(Number(page![2]) / 25.4, 6); // inches, as printToPDF wants
      expect(options.margins).toEqual({ top: 0, bottom: 0, left: 0, right: 0 });
      expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 fake');
    }

    await call('receipt.savePdf', { saleId: sale.data.id, width: 'A4' });
    expect((FakeBrowserWindow.created.at(-1)!.webContents.printToPDF.mock.calls[0]![0] as { pageSize: unknown }).pageSize).toBe('A4');
  });

  it('a cancelled save dialog writes nothing', async () => {
    const { call } = await started();
    const sale = await cashSale(call);
    fake.dialog.showSaveDialog.mockResolvedValue({ canceled: true });
    expect(await call('receipt.savePdf', { saleId: sale.data.id, width: '80mm' })).toEqual({ ok: true, data: {} });
  });
});
