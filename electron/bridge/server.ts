/**
 * The loopback HTTP bridge: serves the built renderer and the same contract as the Electron IPC
 * path, for browser mode and end-to-end tests. Listens on 127.0.0.1 only; every API call needs the
 * per-launch token; the Host header must name this server (no DNS rebinding).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { EVENTS } from '../../shared/channels';
import { fail } from '../../shared/errors';
import type { ParleyService } from '../service/service';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';

export const LOOPBACK_HOST = '127.0.0.1';
/** Uploads travel as base64 JSON: a 50 MB file is ~67 MB of body. */
const MAX_BODY_BYTES = 72 * 1024 * 1024;
/** Open event streams (one per browser tab); the service's listener limit is sized to match. */
export const MAX_EVENT_STREAMS = 256;
/** Event streams plus ordinary calls in flight. */
const MAX_CONNECTIONS = MAX_EVENT_STREAMS + 64;
/** An over-limit body is discarded as it arrives, up to this much more, then the connection is cut. */
const MAX_DISCARDED_BYTES = 256 * 1024 * 1024;

export interface BridgeOptions {
  service: ParleyService;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  host?: string;
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
}

export interface Bridge {
  url: string;
  /** The address to open: the token travels in the fragment, never in a request line or log. */
  launchUrl: string;
  token: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const host = options.host ?? LOOPBACK_HOST;
  if (host !== LOOPBACK_HOST && host !== '::1' && host !== 'localhost') {
    throw new Error(`The bridge only listens on the loopback interface, not on ${host}`);
  }
  const token = options.token ?? randomBytes(32).toString('base64url');
  const staticRoot = resolve(options.staticDir);
  let port = 0;
  let eventStreams = 0;
  // Each event stream listens once per event; the service's own listeners come on top.
  options.service.session.setListenerLimit(MAX_EVENT_STREAMS + 16);

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, fail('internal', (error as Error).message));
      else response.destroy();
    });
  });
  server.maxConnections = MAX_CONNECTIONS;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    baseHeaders(response);
    if (!hostAllowed(request.headers.host, port)) {
      sendJson(response, 421, fail('unauthorized', 'Wrong Host header: the bridge answers only to its loopback address'));
      return;
    }
    const url = new URL(request.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);
    if (url.pathname.startsWith('/api/')) {
      await handleApi(request, response, url);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(response, 405, fail('invalid_input', 'Method not allowed'));
      return;
    }
    await serveStatic(response, url.pathname);
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/api/events') {
      if (!tokenMatches(url.searchParams.get('token'), token)) {
        sendJson(response, 401, fail('unauthorized', 'Missing or wrong token'));
        return;
      }
      openEventStream(request, response);
      return;
    }
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? null;
    if (!tokenMatches(bearer, token)) {
      sendJson(response, 401, fail('unauthorized', 'Missing or wrong token'));
      return;
    }
    if (request.method !== 'POST') {
      sendJson(response, 405, fail('invalid_input', 'Use POST for contract calls'));
      return;
    }
    // A JSON content type forces a CORS preflight, which this server never grants.
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(response, 415, fail('invalid_input', 'Contract calls must be application/json'));
      return;
    }
    const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
    // Answered before a byte of the body is read; Node discards the rest of it.
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      refuseLargeBody(request, response);
      return;
    }
    let input: unknown;
    try {
      const body = await readBody(request, MAX_BODY_BYTES);
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (error) {
      if ((error as Error).message === 'too_large') refuseLargeBody(request, response);
      else sendJson(response, 400, fail('invalid_input', 'The request body is not valid JSON'));
      return;
    }
    const refusal = browserModeRefusal(channel, input);
    if (refusal) {
      sendJson(response, 403, fail('unauthorized', refusal));
      return;
    }
    const result = await options.service.dispatch(channel, input);
    sendJson(response, 200, result);
  }

  function openEventStream(request: IncomingMessage, response: ServerResponse): void {
    if (eventStreams >= MAX_EVENT_STREAMS) {
      sendJson(response, 503, fail('conflict', `Too many open Parley tabs (${MAX_EVENT_STREAMS}); close some and reload`));
      return;
    }
    eventStreams++;
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    const unsubscribe = EVENTS.map((event) =>
      options.service.session.on(event, (payload) => {
        response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      }),
    );
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 25_000);
    request.on('close', () => {
      eventStreams--;
      clearInterval(keepAlive);
      unsubscribe.forEach((off) => off());
    });
  }

  async function serveStatic(response: ServerResponse, pathname: string): Promise<void> {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = resolve(join(staticRoot, normalize(relative)));
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) {
      sendJson(response, 404, fail('not_found', 'Not found'));
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      response.writeHead(200, {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-cache',
      });
      createReadStream(file).pipe(response);
    } catch {
      if (relative === 'index.html') {
        response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
        response.end('The renderer is not built yet: run `npm run build`, then reload.');
        return;
      }
      sendJson(response, 404, fail('not_found', 'Not found'));
    }
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${LOOPBACK_HOST}:${port}/`;
  return {
    url,
    launchUrl: `${url}#token=${token}`,
    token,
    port,
    server,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}

/**
 * Calls that name files on the server's disk: a desktop and command-line feature. Whoever holds a
 * browser-mode token gets the case, not the machine (`/etc/shadow` must not be imported, a
 * bundle path not read), so over the bridge files arrive as uploaded bytes only.
 */
export function browserModeRefusal(channel: string, input: unknown): string | null {
  if (channel === 'import:start') {
    return 'Importing files by their path is a desktop and command-line feature; in browser mode, upload them (Import…, Import folder…, or drop them on the window)';
  }
  if (channel === 'bundle:merge' && input !== null && typeof input === 'object' && 'path' in input) {
    return 'Merging a bundle by its path is a desktop and command-line feature; in browser mode, upload the bundle';
  }
  return null;
}

export function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return hostHeader === `${LOOPBACK_HOST}:${port}` || hostHeader === `localhost:${port}` || hostHeader === `[::1]:${port}`;
}

export function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function baseHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(json);
}

/**
 * 413 with the reason. The rest of the body is read and thrown away on the kept-alive connection
 * (closing a socket with unread data resets it, and the client would never see the 413), up to a
 * bound past which the connection is cut.
 */
function refuseLargeBody(request: IncomingMessage, response: ServerResponse): void {
  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BYTES) request.socket.destroy();
  });
  request.resume();
  sendJson(response, 413, fail('invalid_input', 'The request is too large (limit 50 MB per file)'));
}

/** The body, buffered up to `limit`; past it nothing more is kept and the promise fails with 'too_large'. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let overflowed = false;
    request.on('data', (chunk: Buffer) => {
      if (overflowed) return;
      size += chunk.length;
      if (size > limit) {
        overflowed = true;
        chunks.length = 0;
        reject(new Error('too_large'));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolvePromise(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
