/**
 * Per-case preferences (grid column layouts). Not audited: they are how the analyst looks at the
 * evidence, not evidence, and recording every column drag would bury real changes in the log
 * (and, as a "change", wipe the redo stack).
 */
import type Database from 'better-sqlite3';

export class SettingsRepository {
  private readonly select: Database.Statement;
  private readonly upsert: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.select = db.prepare('SELECT value FROM settings WHERE key = ?');
    this.upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  get(key: string): string | null {
    return (this.select.get(key) as { value: string } | undefined)?.value ?? null;
  }

  set(key: string, value: string): void {
    this.db.transaction(() => this.upsert.run(key, value))();
  }
}
