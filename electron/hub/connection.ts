/**
 * Connecting to a team hub: a PostgreSQL URL (`postgres://analyst@host:5432/db?sslmode=verify-full`).
 * The password comes from the caller (the desktop app's keychain), else the URL, else PGPASSWORD,
 * else ~/.pgpass, as libpq does. Errors become ParleyErrors that say what to do, never a stack.
 */
import pg from 'pg';
import pgpass from 'pgpass';
import { ParleyError } from '../../shared/errors';

export interface HubConnectOptions {
  /** Overrides the URL's password (the desktop app passes the one it keeps in the OS keychain). */
  password?: string;
  connectTimeoutMs?: number;
  /** Every statement is cut after this long, so a stalled server cannot hang a sync. */
  statementTimeoutMs?: number;
  applicationName?: string;
}

export interface HubAddress {
  host: string;
  port: number;
  database: string;
  user: string;
}

/** The URL without its password, for messages and for remembering where a case syncs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '';
    return parsed.toString();
  } catch {
    return '(not a valid PostgreSQL URL)';
  }
}

export function parseHubUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ParleyError('invalid_input', 'The hub address must be a PostgreSQL URL such as postgres://analyst@hub.example.org:5432/parley');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ParleyError('invalid_input', `The hub address must start with postgres:// (got ${parsed.protocol.slice(0, 20)})`);
  }
  return parsed;
}

/** Open one connection to the hub. */
export async function connectHub(url: string, options: HubConnectOptions = {}): Promise<pg.Client> {
  const parsed = parseHubUrl(url);
  const address = addressOf(parsed);
  const urlPassword = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  // The password goes into the address pg parses: a `password` beside a connectionString is
  // overridden by the address's own (empty) one, so a keychain password would never be sent.
  const password = options.password ?? urlPassword ?? process.env.PGPASSWORD ?? (await fromPgpass(address));
  if (password !== undefined) parsed.password = password;
  const client = new pg.Client({
    connectionString: parsed.toString(),
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    statement_timeout: options.statementTimeoutMs ?? 120_000,
    application_name: options.applicationName ?? 'parley',
    keepAlive: true,
  });
  // A connection that drops later emits 'error' on the client; the query in flight rejects with it.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw hubError(error, url);
  }
  return client;
}

function addressOf(parsed: URL): HubAddress {
  return {
    host: decodeURIComponent(parsed.hostname) || parsed.searchParams.get('host') || process.env.PGHOST || 'localhost',
    port: Number(parsed.port || process.env.PGPORT || 5432),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || process.env.PGDATABASE || '',
    user: decodeURIComponent(parsed.username) || process.env.PGUSER || '',
  };
}

function fromPgpass(address: HubAddress): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      pgpass({ host: address.host, port: address.port, database: address.database, user: address.user }, (password) => resolve(password ?? undefined));
    } catch {
      resolve(undefined);
    }
  });
}

const PG_CODES: Record<string, (message: string) => ParleyError> = {
  '28P01': () => new ParleyError('unauthorized', 'The hub refused the password for this analyst'),
  '28000': (message) => new ParleyError('unauthorized', `The hub refused the connection: ${message}`),
  '3D000': (message) => new ParleyError('not_found', `The hub database does not exist (${message})`),
  '42501': () => new ParleyError('unauthorized', 'This analyst is not allowed to do that on the hub'),
  '42P01': () => new ParleyError('not_found', 'That database is not a Parley hub yet: run `parley hub init <url>` on it first'),
  '3F000': () => new ParleyError('not_found', 'That database is not a Parley hub yet: run `parley hub init <url>` on it first'),
  '57014': () => new ParleyError('io_error', 'The hub took too long to answer; try again'),
  '57P01': () => new ParleyError('io_error', 'The hub was shut down during the request; try again when it is back'),
  '53300': () => new ParleyError('io_error', 'The hub has too many connections; try again shortly'),
};

/** Translate a pg or socket error into what an analyst can act on. */
export function hubError(error: unknown, url?: string): Error {
  if (error instanceof ParleyError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error)?.message ?? String(error);
  const where = url ? ` at ${hostOf(url)}` : '';
  if (PG_CODES[code]) return PG_CODES[code](message);
  // The server asked for a password and none was found (keychain, address, PGPASSWORD, ~/.pgpass).
  if (/client password must be a string|password authentication failed|no password supplied/i.test(message)) {
    return new ParleyError('unauthorized', 'The hub needs a password for this analyst: give it once (the desktop app keeps it in the keychain), or put it in ~/.pgpass or PGPASSWORD');
  }
  if (code === '42704' || code === 'P0001' || code === 'P0002') return new ParleyError('invalid_input', message);
  if (code === '23505') return new ParleyError('conflict', message);
  if (code.startsWith('23') || code.startsWith('22')) return new ParleyError('invalid_input', `The hub refused the data: ${message}`);
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'].includes(code)) {
    return new ParleyError('io_error', `Cannot reach the hub${where} (${code}); check the address, or work offline and sync later`);
  }
  if (['ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code) || /Connection terminated|connection timeout|timeout expired/i.test(message)) {
    return new ParleyError('io_error', `The connection to the hub${where} was lost; nothing half-done was kept, sync again to resume`);
  }
  if (/self[- ]signed|certificate|SSL|TLS/i.test(message)) {
    return new ParleyError('io_error', `The hub's TLS certificate was not accepted${where}: ${message} (see sslmode and sslrootcert in the README)`);
  }
  return error instanceof Error ? error : new Error(message);
}

function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}`;
  } catch {
    return 'the hub';
  }
}
