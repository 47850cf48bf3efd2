import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createCaseFile } from '../../../electron/store/connection';
import { Store } from '../../../electron/store/index';
import { loadMigrations, migrationsDir } from '../../../electron/store/migrations';
import { tempDir } from '../../helpers/temp';
import { searchDocuments } from '../../helpers/search';

/**
 * Every earlier schema version, with data in it, opens in this Parley: upgraded in place, nothing
 * lost, integrity intact. Data is written with plain SQL valid since schema 1, so the test keeps
 * working as later migrations add to the schema.
 */
const SEED_V1 = `
INSERT INTO originals (id, file_name, size, sha256, bytes, imported_at)
  VALUES ('00000000-0000-7000-8000-000000000001', 'geneva.html', 5, 'sha', x'3c703e2e2e', '2025-11-24T10:00:00Z');
INSERT INTO documents (id, title, outlet, published_at, published_precision, language, format, label, text, word_count, content_hash, original_id, imported_at, updated_at)
  VALUES ('00000000-0000-7000-8000-000000000002', 'Geneva talks', 'Reuters', '2025-11-23', 'day', 'en', 'html', 'geneva.html',
          'Negotiators met in Geneva. Russia demands Donetsk.', 7, 'hash-1', '00000000-0000-7000-8000-000000000001', '2025-11-24T10:00:00Z', '2025-11-24T10:00:00Z');
INSERT INTO parties (id, name, kind, created_at, updated_at) VALUES ('00000000-0000-7000-8000-000000000003', 'Russia', 'state', '2025-11-24', '2025-11-24');
INSERT INTO party_aliases (party_id, alias) VALUES ('00000000-0000-7000-8000-000000000003', 'Kremlin');
INSERT INTO sources (id, name, party_id, anonymous, default_reliability, created_at, updated_at)
  VALUES ('00000000-0000-7000-8000-000000000004', 'Dmitry Peskov', '00000000-0000-7000-8000-000000000003', 0, 'B', '2025-11-24', '2025-11-24');
INSERT INTO concessions (id, title, status, created_at, updated_at) VALUES ('00000000-0000-7000-8000-000000000005', 'Ukraine cedes Donetsk', 'proposed', '2025-11-24', '2025-11-24');
INSERT INTO annotations (id, document_id, type, exact, prefix, suffix, start_offset, end_offset, source_id, credibility, created_at, updated_at)
  VALUES ('00000000-0000-7000-8000-000000000006', '00000000-0000-7000-8000-000000000002', 'attribution', 'Russia demands Donetsk', 'in Geneva. ', '.', 27, 49,
          '00000000-0000-7000-8000-000000000004', 2, '2025-11-24', '2025-11-24');
INSERT INTO audit_log (at, aggregate, record_id, action, before_json, after_json, batch_id)
  VALUES ('2025-11-24T10:00:00Z', 'party', '00000000-0000-7000-8000-000000000003', 'create', NULL, '{"name":"Russia"}', 'batch-1');
`;

describe('upgrading cases from every earlier schema version', () => {
  const all = loadMigrations();
  for (let version = 1; version < all.length; version++) {
    it(`opens a schema-${version} case with data, upgrades it to ${all.length}, and keeps everything`, () => {
      const dir = tempDir();
      const oldMigrations = join(dir, `migrations-v${version}`);
      mkdirSync(oldMigrations);
      for (const file of readdirSync(migrationsDir()).sort().slice(0, version)) copyFileSync(join(migrationsDir(), file), join(oldMigrations, file));
      const path = join(dir, `v${version}.parley`);
      const previous = process.env.PARLEY_MIGRATIONS_DIR;
      process.env.PARLEY_MIGRATIONS_DIR = oldMigrations;
      try {
        // The old schema alone (today's repositories expect today's schema).
        const old = createCaseFile(path);
        assert.equal(old.schemaVersion, version);
        old.db.exec(SEED_V1);
        old.db.close();
      } finally {
        if (previous === undefined) delete process.env.PARLEY_MIGRATIONS_DIR;
        else process.env.PARLEY_MIGRATIONS_DIR = previous;
      }

      const store = Store.open(path);
      try {
        assert.equal(store.schemaVersion, all.length);
        assert.equal(store.check().integrity, 'ok');
        assert.deepEqual(store.parties.list().map((party) => [party.name, party.aliases]), [['Russia', ['Kremlin']]]);
        assert.equal(store.sources.list()[0]!.claimCount, 1);
        assert.equal(searchDocuments(store, 'Donetsk', 5).length, 1, 'the full-text index survived');
        assert.equal(store.concessions.list()[0]!.title, 'Ukraine cedes Donetsk');
        assert.equal(store.audit.latest(10).length >= 1, true, 'the audit log survived');
        // The upgraded case takes new changes.
        store.parties.create({ name: 'Ukraine', kind: 'state', aliases: [], affiliationId: null, color: null, notes: null });
        assert.equal(store.parties.list().length, 2);
      } finally {
        store.close();
      }
    });
  }
});
