/** Stable error codes that cross the boundary between the page and the service. */
export const ERROR_CODES = [
  'invalid_input', // the input failed the channel's schema, or a domain rule
  'not_found', // the record does not exist (any more)
  'conflict', // unique name taken, record changed underneath, merge clash
  'not_a_store', // the file is not a Parley case
  'store_too_new', // the case was written by a newer Parley
  'store_corrupt', // integrity check failed
  'store_tampered', // the schema holds objects Parley did not create, or lacks its own
  'migration_mismatch', // an applied migration was edited since
  'no_case', // no case is open
  'read_only', // the case file or folder cannot be written
  'io_error', // disk full, permission denied, file vanished
  'cancelled',
  'unauthorized', // bridge: missing or wrong token
  'unknown_channel',
  'internal', // a bug: the message says what failed
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ContractError {
  code: ErrorCode;
  message: string;
  /** Per-field problems for invalid_input: path → message. */
  details?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: Record<string, string>): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

/** Thrown inside the service and the store; converted to a Result at the boundary. */
export class ParleyError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ParleyError';
  }
}
