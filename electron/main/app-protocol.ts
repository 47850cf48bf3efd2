/**
 * The app:// protocol: the built renderer served from dist/renderer with its Content Security
 * Policy, and reports being printed served from memory. Nothing outside those is reachable.
 */
import { protocol } from 'electron';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import { REPORT_CONTENT_SECURITY_POLICY } from './printing';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Must run before the app is ready: app:// behaves as a secure, standard origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

export function serveAppProtocol(rendererDir: string, reportPage: (id: string) => string | undefined): void {
  protocol.handle('app', (request) => {
    const url = new URL(request.url);
    const report = /^\/__report\/([\w-]+)$/.exec(url.pathname);
    if (url.host === 'parley' && report) {
      const html = reportPage(report[1]!);
      if (html === undefined) return new Response('Not found', { status: 404 });
      return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': REPORT_CONTENT_SECURITY_POLICY } });
    }
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = resolve(rendererDir, `.${relative}`);
    if (url.host !== 'parley' || !(file === rendererDir || file.startsWith(rendererDir + sep)) || !existsSync(file)) {
      return new Response('Not found', { status: 404 });
    }
    return readFile(file).then(
      (body) =>
        new Response(body, {
          headers: {
            'Content-Type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
            'Content-Security-Policy': CONTENT_SECURITY_POLICY,
            'X-Content-Type-Options': 'nosniff',
          },
        }),
    );
  });
}
