/**
 * A throwaway PostgreSQL cluster for tests and the bench: initdb into a temp folder, listening on
 * a free loopback port (and a socket in that folder), as the `postgres` user when we run as root
 * (initdb and pg_ctl refuse root), directly otherwise. Passwords are required over TCP (scram),
 * as on a team's server. Stopped and removed when the test file ends, or when the process exits.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const SUPERUSER = 'postgres';

export interface PostgresCluster {
  readonly host: string;
  readonly port: number;
  readonly dir: string;
  readonly superPassword: string;
  /** With `tls`: the CA that signed the server's certificate (for `sslrootcert=`). */
  readonly caFile: string | null;
  /** A postgres:// URL for a role (password in the URL unless null). */
  url(user: string, password: string | null, database: string, port?: number): string;
  /** Run statements as the superuser (in `database`, default postgres). */
  sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params?: unknown[], database?: string): Promise<T[]>;
  /** A database owned by `owner` (default: the superuser). */
  createDatabase(name: string, owner?: string): Promise<void>;
  /** A login role with a password, optionally in groups (parley_analyst exists once a hub is initialised). */
  createRole(name: string, password: string, options?: { groups?: string[]; createRole?: boolean }): Promise<void>;
  readonly running: boolean;
  start(): Promise<void>;
  /** 'immediate' is a crash as far as clients can tell (no goodbye to connections). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  destroy(): Promise<void>;
}

/** The newest PostgreSQL server binaries on this machine, or null. */
export function findPostgresBin(): string | null {
  if (process.env.PARLEY_PG_BIN) return existsSync(join(process.env.PARLEY_PG_BIN, 'initdb')) ? process.env.PARLEY_PG_BIN : null;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = config.status === 0 ? config.stdout.trim() : '';
  return dir && existsSync(join(dir, 'initdb')) ? dir : null;
}

export const POSTGRES_MISSING = 'PostgreSQL is not installed (apt-get install postgresql); .ci/run installs it';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function postgresUser(): { uid: number; gid: number } {
  const uid = spawnSync('id', ['-u', SUPERUSER], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', SUPERUSER], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) throw new Error('Running as root, but there is no "postgres" user to run PostgreSQL as');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * `tls`: the server gets a certificate for 127.0.0.1 and localhost from a throwaway CA, and
 * analysts' roles may connect only over TLS (the superuser's setup connections stay plain).
 */
export async function startPostgres(options: { durable?: boolean; tls?: boolean } = {}): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(POSTGRES_MISSING);
  const dir = mkdtempSync(join(tmpdir(), 'parley-pg-'));
  const data = join(dir, 'data');
  const superPassword = `super-${Math.random().toString(36).slice(2)}`;
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${superPassword}\n`, { mode: 0o600 });
  if (isRoot()) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  const run = (command: string, args: string[]) => {
    const full = join(bin, command);
    const result = isRoot()
      ? spawnSync('runuser', ['-u', SUPERUSER, '--', full, ...args], { encoding: 'utf8' })
      : spawnSync(full, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };

  run('initdb', ['-D', data, '-U', SUPERUSER, `--pwfile=${pwfile}`, '--auth-host=scram-sha-256', '--auth-local=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const caFile = options.tls ? makeCertificates(dir) : null;
  if (options.tls) {
    writeFileSync(
      join(data, 'pg_hba.conf'),
      ['local all all trust', 'host all postgres 127.0.0.1/32 scram-sha-256', 'hostnossl all all 127.0.0.1/32 reject', 'hostssl all all 127.0.0.1/32 scram-sha-256', ''].join('\n'),
    );
    if (isRoot()) {
      const { uid, gid } = postgresUser();
      for (const file of ['server.crt', 'server.key', join('data', 'pg_hba.conf')]) chownSync(join(dir, file), uid, gid);
    }
  }
  appendFileSync(
    join(data, 'postgresql.conf'),
    [
      '',
      '# parley test cluster',
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      'max_connections = 120',
      // Tests want speed; the bench keeps PostgreSQL's durable defaults.
      // fsync off survives a killed server (the WAL is in the OS cache), not a power cut: fine for tests.
      ...(options.durable ? [] : ['fsync = off', 'full_page_writes = off']),
      ...(options.tls ? ['ssl = on', `ssl_cert_file = '${join(dir, 'server.crt')}'`, `ssl_key_file = '${join(dir, 'server.key')}'`] : []),
      '',
    ].join('\n'),
  );

  let running = false;
  const pgCtl = (...args: string[]) => run('pg_ctl', ['-D', data, '-w', '-t', '60', ...args]);
  const stopNow = () => {
    if (!running) return;
    running = false;
    try {
      pgCtl('-m', 'immediate', 'stop');
    } catch {
      /* already gone */
    }
  };
  const onExit = () => {
    stopNow();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  // A test run stopped by a signal (Ctrl+C, the runner's timeout) must not leave a server behind.
  const onSignal = (signal: NodeJS.Signals) => {
    onExit();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const cluster: PostgresCluster = {
    host: '127.0.0.1',
    port,
    dir,
    superPassword,
    caFile,
    get running() {
      return running;
    },
    url(user, password, database, viaPort = port) {
      const auth = password === null ? encodeURIComponent(user) : `${encodeURIComponent(user)}:${encodeURIComponent(password)}`;
      return `postgres://${auth}@127.0.0.1:${viaPort}/${encodeURIComponent(database)}`;
    },
    async sql(text, params = [], database = 'postgres') {
      const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password: superPassword, database });
      await client.connect();
      try {
        return (await client.query(text, params)).rows;
      } finally {
        await client.end();
      }
    },
    async createDatabase(name, owner = SUPERUSER) {
      await cluster.sql(`CREATE DATABASE ${pg.escapeIdentifier(name)} OWNER ${pg.escapeIdentifier(owner)}`);
    },
    async createRole(name, password, roleOptions = {}) {
      const groups = roleOptions.groups?.length ? ` IN ROLE ${roleOptions.groups.map((group) => pg.escapeIdentifier(group)).join(', ')}` : '';
      await cluster.sql(`CREATE ROLE ${pg.escapeIdentifier(name)} LOGIN PASSWORD ${pg.escapeLiteral(password)}${roleOptions.createRole ? ' CREATEROLE' : ''}${groups}`);
    },
    async start() {
      if (running) return;
      pgCtl('-l', join(dir, 'log'), 'start');
      running = true;
    },
    async stop(mode = 'fast') {
      if (!running) return;
      pgCtl('-m', mode, 'stop');
      running = false;
    },
    async destroy() {
      stopNow();
      process.off('exit', onExit);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}

/** A throwaway CA and a server certificate it signed for 127.0.0.1 and localhost; returns the CA's path. */
function makeCertificates(dir: string): string {
  const openssl = (...args: string[]) => {
    const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-days', '2', '-subj', '/CN=Parley test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-keyout', 'ca.key', '-out', 'ca.pem');
  openssl('req', ...ec, '-subj', '/CN=localhost', '-keyout', 'server.key', '-out', 'server.csr');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'server.ext', '-out', 'server.crt');
  chmodSync(join(dir, 'server.key'), 0o600);
  return join(dir, 'ca.pem');
}

/** Another CA, which signed nothing the server shows: a certificate check against it must fail. */
export function strangerCa(dir: string): string {
  const result = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=Someone else', '-keyout', 'stranger.key', '-out', 'stranger.pem'], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr}`);
  return join(dir, 'stranger.pem');
}
