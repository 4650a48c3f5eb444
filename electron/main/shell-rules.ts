/**
 * The shell's security rules as plain functions (no electron import), so
 * they are unit-tested without the Electron binary: who may call over IPC,
 * where the window may go, which links leave for the system browser, and
 * which file an `app://` URL may name.
 */
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../core/web';

export const SCHEME = 'app';
export const HOST = 'pos';
export const ORIGIN = `${SCHEME}://${HOST}`;

/** MTN's MoMo portals (where the set-up screen's keys come from): the only pages opened in the system browser. */
export const EXTERNAL_HOSTS: readonly string[] = ['momodeveloper.mtn.com', 'www.momodeveloper.mtn.com'];

const parsedUrl = (url: string): URL | undefined => (URL.canParse(url) ? new URL(url) : undefined);

/** A page of the app itself: `app://pos/...`, nothing else (not `app://pos.evil`, not `app://pos@evil`). */
export function isAppUrl(url: string): boolean {
  const parsed = parsedUrl(url);
  return parsed !== undefined && parsed.protocol === `${SCHEME}:` && parsed.host === HOST && parsed.username === '' && parsed.password === '';
}

/** The part of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  readonly url: string;
}

/**
 * An IPC call is served only from the main window's top frame showing the
 * app. senderFrame is null when the frame navigated away or was destroyed.
 */
export function isOurFrame(frame: SenderFrame | null | undefined, mainFrame: SenderFrame | undefined): boolean {
  return frame != null && mainFrame !== undefined && frame === mainFrame && isAppUrl(frame.url);
}

/** In-window navigation stays inside the app; anything else is refused. */
export function navigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/** https on one of MTN's portal hosts, default port, no credentials in the URL. */
export function externalUrlAllowed(url: string): boolean {
  const parsed = parsedUrl(url);
  return parsed !== undefined && parsed.protocol === 'https:' && parsed.port === '' && parsed.username === '' && parsed.password === '' && EXTERNAL_HOSTS.includes(parsed.hostname);
}

/**
 * What a request to open a new window does: never a window inside the app;
 * an MTN portal link opens in the system browser, anything else nowhere.
 */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: externalUrlAllowed(url) };
}

/**
 * The file an `app://pos/...` URL names inside the built renderer, or
 * undefined when it would leave that folder (`..`, `%2e%2e`, encoded
 * slashes or backslashes, absolute or drive paths, NUL) or is not ours.
 * `pathApi` is node:path by default; tests pass path.win32 as well.
 */
export function rendererFileFor(requestUrl: string, rendererDir: string, pathApi: path.PlatformPath = path): string | undefined {
  if (!isAppUrl(requestUrl)) return undefined;
  const { pathname } = new URL(requestUrl);
  // No asset of ours has a slash or backslash inside a name: an encoded one only ever hides a path.
  if (/%(2f|5c)/i.test(pathname)) return undefined;
  let relative: string;
  try {
    relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
  } catch {
    return undefined; // malformed percent-encoding
  }
  // No asset name holds a colon: on Windows one only ever names a drive (`c:x` is relative to that drive's own folder).
  if (relative === '' || relative.includes('\0') || relative.includes('\\') || relative.includes(':') || pathApi.isAbsolute(relative)) return undefined;
  const root = pathApi.resolve(rendererDir);
  const file = pathApi.resolve(root, relative);
  const inside = pathApi.relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${pathApi.sep}`) || pathApi.isAbsolute(inside)) return undefined;
  return file;
}

/** Every permission (camera, geolocation, notifications, ...) is refused: a till needs none. */
export const denyPermissionRequest = (_contents: unknown, _permission: string, callback: (granted: boolean) => void): void => callback(false);
export const denyPermissionCheck = (): boolean => false;

/** The headers every `app://` response carries, whatever the file's own. */
export function rendererHeaders(upstream: Headers): Headers {
  const headers = new Headers(upstream);
  const security: Record<string, string> = { 'X-Content-Type-Options': 'nosniff' };
  // Electronegativity looks for a CSP in onHeadersReceived or a <meta> tag and cannot see this protocol.handle header.
  security['Content-Security-Policy'] = CONTENT_SECURITY_POLICY; // eng-disable CSP_GLOBAL_CHECK (false positive, the CSP is this header on every app response)
  for (const [name, value] of Object.entries(security)) headers.set(name, value);
  return headers;
}
