import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { createService, type ParleyService } from '../../electron/service/service';
import { tempDir } from '../helpers/temp';

let service: ParleyService;
let bridge: Bridge;
const dir = tempDir();

before(async () => {
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Parley</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  service = createService({ importWorkers: 1, log: () => {} });
  service.session.create(join(dir, 'bridge.parley'));
  bridge = await startBridge({ service, staticDir });
});
after(async () => {
  await bridge.close();
  await service.dispose();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: bridge.port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${bridge.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const call = (channel: string, input: unknown, headers: Record<string, string> = {}) =>
  send(`/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bridge.token}`, ...headers },
    body: JSON.stringify(input),
  });

describe('the loopback bridge', () => {
  it('listens on 127.0.0.1 only and refuses any other bind address', async () => {
    assert.equal(bridge.server.address() && (bridge.server.address() as { address: string }).address, '127.0.0.1');
    await assert.rejects(startBridge({ service, staticDir: dir, host: '0.0.0.0' }), /only listens on the loopback/);
    await assert.rejects(startBridge({ service, staticDir: dir, host: '192.168.1.20' }), /only listens on the loopback/);
    assert.match(bridge.launchUrl, /^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{40,}$/);
  });

  it('serves the contract to a caller with the token', async () => {
    const reply = await call('party:create', { name: 'Russia', kind: 'state' });
    assert.equal(reply.status, 200);
    const result = JSON.parse(reply.body);
    assert.equal(result.ok, true);
    assert.equal(result.value.name, 'Russia');
  });

  it('refuses calls without the token or with a wrong one', async () => {
    const none = await send('/api/party:list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(none.status, 401);
    assert.equal(JSON.parse(none.body).error.code, 'unauthorized');
    const wrong = await call('party:list', {}, { authorization: `Bearer ${bridge.token.slice(0, -2)}xx` });
    assert.equal(wrong.status, 401);
    const events = await send('/api/events?token=wrong');
    assert.equal(events.status, 401);
  });

  it('refuses a wrong Host header (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${bridge.port}`, '127.0.0.1', `127.0.0.1:${bridge.port + 1}`]) {
      const reply = await call('party:list', {}, { host });
      assert.equal(reply.status, 421, host);
    }
    const page = await send('/', { headers: { host: 'attacker.test' } });
    assert.equal(page.status, 421);
  });

  it('accepts only JSON POSTs for contract calls', async () => {
    const form = await send('/api/party:list', { method: 'POST', headers: { authorization: `Bearer ${bridge.token}`, 'content-type': 'text/plain' }, body: '{}' });
    assert.equal(form.status, 415);
    const get = await send('/api/party:list', { headers: { authorization: `Bearer ${bridge.token}` } });
    assert.equal(get.status, 405);
    const broken = await send('/api/party:list', { method: 'POST', headers: { authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' }, body: '{not json' });
    assert.equal(broken.status, 400);
    assert.equal(JSON.parse(broken.body).error.code, 'invalid_input');
  });

  it('validates input against the contract and rejects unknown channels', async () => {
    const bad = JSON.parse((await call('party:create', { name: 42 })).body);
    assert.equal(bad.error.code, 'invalid_input');
    const unknown = JSON.parse((await call('store:drop', {})).body);
    assert.equal(unknown.error.code, 'unknown_channel');
  });

  it('serves the renderer with a strict CSP and nothing outside it', async () => {
    const page = await send('/');
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'; script-src 'self'/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/renderer/../../secret.txt']) {
      const reply = await send(path);
      assert.notEqual(reply.status, 200, path);
      assert.doesNotMatch(reply.body, /outside the renderer/);
    }
  });
});

describe('bridge limits', () => {
  const headers = () => ({ host: `127.0.0.1:${bridge.port}`, 'content-type': 'application/json', authorization: `Bearer ${bridge.token}` });

  it('a body declared over the limit gets 413 before any of it is sent', async () => {
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: bridge.port, path: '/api/case:info', method: 'POST', headers: { ...headers(), 'content-length': String(100 * 1024 * 1024) } }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
          req.destroy();
        });
      });
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      req.flushHeaders(); // headers only: the server must answer without waiting for the 100 MB
    });
    assert.equal(reply.status, 413);
    assert.match(JSON.parse(reply.body).error.message, /too large/);
  });

  it('a chunked body that overflows the limit gets the 413 message, not a reset connection', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: bridge.port, path: '/api/case:info', method: 'POST', headers: headers() }, (res) => {
        let body = '';
        res.on('data', (part) => (body += part));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      let sent = 0;
      const pump = () => {
        while (sent < 80) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    assert.equal(reply.status, 413);
    assert.match(JSON.parse(reply.body).error.message, /too large/);
  });

  it('200 open event streams print no MaxListeners warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const open: ReturnType<typeof request>[] = [];
    try {
      await Promise.all(
        Array.from({ length: 200 }, () =>
          new Promise<void>((resolve, reject) => {
            const req = request({ host: '127.0.0.1', port: bridge.port, path: `/api/events?token=${bridge.token}`, headers: { host: `127.0.0.1:${bridge.port}` } }, (res) => {
              assert.equal(res.statusCode, 200);
              res.once('data', () => resolve());
            });
            req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
            req.end();
            open.push(req);
          }),
        ),
      );
      service.session.emit('case:closed', {});
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
      for (const req of open) req.destroy();
    }
    assert.deepEqual(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning').map(String), []);
  });
});
