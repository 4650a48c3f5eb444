/** The shell's rules as plain functions: who may call, where the window may go, which file app:// may name. */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EXTERNAL_HOSTS,
  externalUrlAllowed,
  isAppUrl,
  isOurFrame,
  navigationAllowed,
  rendererFileFor,
  rendererHeaders,
  windowOpenDecision,
} from '../../../electron/main/shell-rules';
import { CONTENT_SECURITY_POLICY } from '../../../electron/core/web';

describe('IPC sender frame', () => {
  const main = { url: 'app://pos/index.html' };

  it('serves the main window top frame showing the app', () => {
    expect(isOurFrame(main, main)).toBe(true);
  });

  it('refuses a null frame (navigated away or destroyed), another frame, another origin, or no window yet', () => {
    expect(isOurFrame(null, main)).toBe(false);
    expect(isOurFrame(undefined, main)).toBe(false);
    expect(isOurFrame({ url: 'app://pos/index.html' }, main)).toBe(false); // an iframe with our URL is still not the top frame
    const navigatedAway = { url: 'https://evil.example/' };
    expect(isOurFrame(navigatedAway, navigatedAway)).toBe(false);
    const lookalike = { url: 'app://pos.evil/index.html' };
    expect(isOurFrame(lookalike, lookalike)).toBe(false);
    expect(isOurFrame(main, undefined)).toBe(false);
  });
});

describe('navigation and new windows', () => {
  it('navigates only inside app://pos', () => {
    expect(navigationAllowed('app://pos/index.html')).toBe(true);
    expect(navigationAllowed('app://pos/')).toBe(true);
    for (const url of ['https://momodeveloper.mtn.com/', 'file:///etc/passwd', 'app://evil/index.html', 'app://pos@evil/', 'app://user:pw@pos/', 'javascript:alert(1)', 'about:blank', 'not a url']) {
      expect(navigationAllowed(url), url).toBe(false);
    }
    expect(isAppUrl('app://pos/assets/x.js')).toBe(true);
  });

  it('never opens a window in the app; MTN portal links go to the system browser, others nowhere', () => {
    expect(EXTERNAL_HOSTS).toContain('momodeveloper.mtn.com');
    expect(windowOpenDecision('https://momodeveloper.mtn.com/products')).toEqual({ action: 'deny', openExternally: true });
    for (const url of [
      'http://momodeveloper.mtn.com/', // not https
      'https://momodeveloper.mtn.com.evil.example/',
      'https://evil.example/?momodeveloper.mtn.com',
      'https://user:pw@momodeveloper.mtn.com/',
      'https://momodeveloper.mtn.com:8443/',
      'file:///etc/passwd',
      'app://pos/index.html',
      'smb://momodeveloper.mtn.com/share',
      '',
    ]) {
      expect(windowOpenDecision(url), url).toEqual({ action: 'deny', openExternally: false });
      expect(externalUrlAllowed(url), url).toBe(false);
    }
  });
});

describe('app:// protocol path checks', () => {
  const dir = path.resolve('/opt/momo-pos/resources/app.asar/out/renderer');

  it('serves index.html for / and files under the renderer folder', () => {
    expect(rendererFileFor('app://pos/', dir)).toBe(path.join(dir, 'index.html'));
    expect(rendererFileFor('app://pos/assets/index-abc.js', dir)).toBe(path.join(dir, 'assets/index-abc.js'));
    expect(rendererFileFor('app://pos/assets/a%20b.css?x=1#y', dir)).toBe(path.join(dir, 'assets/a b.css'));
  });

  it('plain and %2e%2e dot segments are resolved by the URL parser first, so they stay inside', () => {
    // Chromium does the same for a standard scheme before protocol.handle sees the request.
    expect(rendererFileFor('app://pos/../../etc/passwd', dir)).toBe(path.join(dir, 'etc/passwd'));
    expect(rendererFileFor('app://pos/%2e%2e/%2e%2e/etc/passwd', dir)).toBe(path.join(dir, 'etc/passwd'));
  });

  it('refuses anything that leaves the folder once decoded, is absolute, or is not ours', () => {
    for (const url of [
      'app://pos/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd', // encoded slashes survive the URL parser, not our check
      'app://pos/..%2f..%2fetc%2fpasswd',
      'app://pos/%2fetc%2fpasswd', // an absolute path once decoded
      'app://pos//etc/passwd',
      'app://pos/a%5cb.js',
      'app://pos/a\\..\\..\\b', // a literal backslash
      'app://pos/assets/..%2F..%2F..%2F',
      'app://pos/index.html%00.png',
      'app://pos/%E0%A4%A', // malformed encoding
      'app://evil/index.html',
      'https://pos/index.html',
    ]) {
      expect(rendererFileFor(url, dir), url).toBeUndefined();
    }
  });

  it('on Windows too: backslashes, drive letters and UNC paths', () => {
    const winDir = 'C:\\Program Files\\MoMo POS\\resources\\app.asar\\out\\renderer';
    expect(rendererFileFor('app://pos/assets/x.js', winDir, path.win32)).toBe(`${winDir}\\assets\\x.js`);
    for (const url of ['app://pos/..%5c..%5cwindows%5cwin.ini', 'app://pos/C:%5cWindows%5cwin.ini', 'app://pos/C:/Windows/win.ini', 'app://pos/%5c%5cserver%5cshare%5cx', 'app://pos/assets%5c..%5c..%5c..%5cx', 'app://pos/c:!', 'app://pos/d:secret.txt']) {
      expect(rendererFileFor(url, winDir, path.win32), url).toBeUndefined();
    }
  });

  it('whatever the path, the answer is a file inside the folder or nothing', () => {
    const segment = fc.oneof(fc.constantFrom('..', '.', '%2e%2e', '%2E%2e', '%2f', '%5c', '%00', '/', '//', 'C:', 'assets', 'index.html'), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), fc.constantFrom(path.posix, path.win32), (segments, pathApi) => {
        const root = pathApi === path.win32 ? 'C:\\app\\renderer' : '/app/renderer';
        let url: string;
        try {
          url = new URL(`app://pos/${segments.join('/')}`).href;
        } catch {
          return;
        }
        const file = rendererFileFor(url, root, pathApi);
        if (file === undefined) return;
        expect(file.startsWith(root + pathApi.sep)).toBe(true);
        expect(pathApi.relative(root, file).split(pathApi.sep)).not.toContain('..');
      }),
      { numRuns: 2000 },
    );
  });

  it('every response carries the CSP and nosniff, replacing what the file said', () => {
    const headers = rendererHeaders(new Headers({ 'Content-Type': 'text/html', 'Content-Security-Policy': "default-src *" }));
    expect(headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(headers.get('Content-Type')).toBe('text/html');
  });
});
