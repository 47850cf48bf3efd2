/**
 * A TCP proxy in front of PostgreSQL that cuts connections: after N bytes have passed (either
 * way) on a connection, both sides are reset, as a dropped Wi-Fi or a NAT timeout would.
 */
import { createServer, connect, type Socket } from 'node:net';

export interface CuttingProxy {
  readonly port: number;
  /** Bytes after which the next connections are cut; null: pass everything. */
  cutAfter: number | null;
  /** Connections cut so far. */
  readonly cuts: number;
  /** Bytes that passed on the connection that passed the most (to pick cut points). */
  readonly largestConnection: number;
  close(): Promise<void>;
}

export async function startCuttingProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<CuttingProxy> {
  const sockets = new Set<Socket>();
  let cuts = 0;
  let largestConnection = 0;
  const proxy: CuttingProxy = {
    port: 0,
    cutAfter: null,
    get cuts() {
      return cuts;
    },
    get largestConnection() {
      return largestConnection;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer((client) => {
    const limit = proxy.cutAfter;
    const upstream = connect(targetPort, targetHost);
    sockets.add(client);
    sockets.add(upstream);
    let passed = 0;
    let cut = false;
    const cutNow = () => {
      if (cut) return;
      cut = true;
      cuts++;
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    };
    const relay = (from: Socket, to: Socket) => {
      from.on('data', (chunk: Buffer) => {
        if (cut) return;
        if (limit !== null && passed + chunk.length >= limit) {
          // Let the bytes before the cut through, then drop the line.
          const allowed = Math.max(0, limit - passed);
          if (allowed > 0) to.write(chunk.subarray(0, allowed));
          passed = limit;
          cutNow();
          return;
        }
        passed += chunk.length;
        largestConnection = Math.max(largestConnection, passed);
        to.write(chunk);
      });
      from.on('error', () => undefined);
      from.on('close', () => {
        sockets.delete(from);
        if (!cut) to.end();
      });
    };
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  (proxy as { port: number }).port = typeof address === 'object' && address ? address.port : 0;
  return proxy;
}
