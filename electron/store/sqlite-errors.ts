import { ParleyError } from '../../shared/errors';

/** Turn SQLite constraint failures into contract errors the analyst can act on. */
export function translateSqliteError(error: unknown, what: string): never {
  if (error instanceof ParleyError) throw error;
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message ?? String(error);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    throw new ParleyError('conflict', `${what}: ${uniqueMessage(message)}`);
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    throw new ParleyError('invalid_input', `${what}: it refers to a record that does not exist`);
  }
  if (code === 'SQLITE_CONSTRAINT_CHECK' || code === 'SQLITE_CONSTRAINT_NOTNULL') {
    throw new ParleyError('invalid_input', `${what}: ${message}`);
  }
  if (code.startsWith('SQLITE_CORRUPT')) throw new ParleyError('store_corrupt', `${what}: the case file is damaged (${message}). Restore it from a backup.`);
  if (code.startsWith('SQLITE_READONLY')) throw new ParleyError('read_only', 'This case is read-only; nothing was saved');
  if (code === 'SQLITE_FULL') throw new ParleyError('io_error', 'The disk is full; nothing was saved');
  if (code === 'SQLITE_BUSY') throw new ParleyError('conflict', 'The case is busy (another process is writing); try again');
  throw error;
}

function uniqueMessage(message: string): string {
  const column = /UNIQUE constraint failed: \w+\.(\w+)/.exec(message)?.[1];
  if (column === 'name') return 'that name is already used';
  if (column === 'alias') return 'that alias already names another party';
  if (column === 'content_hash') return 'the same text is already in the case';
  return 'a record with the same key already exists';
}
