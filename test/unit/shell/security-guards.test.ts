import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSafeExternalUrl } from '../../../electron/main/external-url';
import { guardSession, guardWebContents, isAppUrl, openExternalGuarded, SECURE_WEB_PREFERENCES } from '../../../electron/main/security';

const HOSTILE_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  'file://C:/Windows/System32/calc.exe',
  'vbscript:msgbox(1)',
  'smb://attacker/share',
  'ms-msdt:/id PCWDiagnostic',
  'search-ms:query=calc',
  'chrome://settings',
  'app://parley/index.html',
  'https://user:pass@example.org/',
  'https:/\\evil.example',
  'http://',
  'https://exa mple.org',
  'https://example.org/\u0000',
  '//example.org',
  '',
  'x'.repeat(5000),
];

describe('openExternal guard', () => {
  it('accepts plain http(s) links', () => {
    for (const url of ['https://www.reuters.com/world/europe/', 'http://example.org/a?b=c#d', 'https://kyivindependent.com/ukraine']) {
      assert.equal(isSafeExternalUrl(url), true, url);
    }
  });

  it('refuses hostile and odd URLs', () => {
    for (const url of HOSTILE_URLS) assert.equal(isSafeExternalUrl(url), false, JSON.stringify(url.slice(0, 60)));
    for (const value of [null, undefined, 42, {}, ['https://example.org']]) assert.equal(isSafeExternalUrl(value), false);
  });

  it('calls the real opener only for safe URLs', async () => {
    const opened: string[] = [];
    const opener = async (url: string) => void opened.push(url);
    for (const url of HOSTILE_URLS) assert.equal(await openExternalGuarded(url, opener), false);
    assert.equal(await openExternalGuarded('https://example.org/', opener), true);
    assert.deepEqual(opened, ['https://example.org/']);
  });
});

describe('window guards', () => {
  it('deny navigation away from the app, new windows and webviews', async () => {
    const handlers = new Map<string, (...args: unknown[]) => void>();
    let windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    const opened: string[] = [];
    const contents = {
      on(event: string, handler: (...args: unknown[]) => void) {
        handlers.set(event, handler);
        return contents;
      },
      setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
        windowOpenHandler = handler;
      },
    };
    guardWebContents(contents as never, async (url) => void opened.push(url));

    let prevented = 0;
    const event = { preventDefault: () => prevented++ };
    handlers.get('will-navigate')!(event, 'https://evil.example/phish');
    handlers.get('will-redirect')!(event, 'file:///etc/passwd');
    handlers.get('will-navigate')!(event, 'app://parley/index.html');
    handlers.get('will-attach-webview')!(event);
    assert.equal(prevented, 3, 'external navigation, redirect and webview prevented; app navigation allowed');
    assert.deepEqual(windowOpenHandler!({ url: 'javascript:alert(1)' }), { action: 'deny' });
    assert.deepEqual(windowOpenHandler!({ url: 'https://example.org/' }), { action: 'deny' });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(opened, ['https://evil.example/phish', 'https://example.org/'], 'http(s) goes to the browser, the rest nowhere');
  });

  it('deny every permission request and every network request outside the app', () => {
    let requestHandler: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | null = null;
    let checkHandler: (() => boolean) | null = null;
    let beforeRequest: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
    guardSession({
      setPermissionRequestHandler: (handler: never) => void (requestHandler = handler),
      setPermissionCheckHandler: (handler: never) => void (checkHandler = handler),
      webRequest: { onBeforeRequest: (handler: never) => void (beforeRequest = handler) },
    } as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      requestHandler!(null, permission, (granted) => assert.equal(granted, false));
    }
    assert.equal(checkHandler!(), false);
    const verdict = (url: string) => {
      let cancel: boolean | undefined;
      beforeRequest!({ url }, (result) => (cancel = result.cancel));
      return cancel;
    };
    assert.equal(verdict('https://fonts.googleapis.com/css'), true);
    assert.equal(verdict('http://127.0.0.1:8080/'), true);
    assert.equal(verdict('app://parley/app.js'), false);
    assert.equal(verdict('blob:app://parley/0b6c3f9e-1d2a-4a57-9d43-4c1d2a9e7f10'), false, 'the page saving its own export');
    assert.equal(verdict('blob:https://evil.example/x'), true);
  });

  it('recognise only the app origin as the app', () => {
    assert.equal(isAppUrl('app://parley/index.html'), true);
    assert.equal(isAppUrl('app://parley.evil/index.html'), false);
    assert.equal(isAppUrl('https://parley/index.html'), false);
  });

  it('use the secure web preferences', () => {
    assert.equal(SECURE_WEB_PREFERENCES.contextIsolation, true);
    assert.equal(SECURE_WEB_PREFERENCES.sandbox, true);
    assert.equal(SECURE_WEB_PREFERENCES.nodeIntegration, false);
    assert.equal(SECURE_WEB_PREFERENCES.webviewTag, false);
  });
});
