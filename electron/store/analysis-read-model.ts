/**
 * Read-only rows for the analysis views (stance matrix, timeline, corroboration): flat, joined
 * once, in the order the service folds them. No decisions here: the service resolves stances as of
 * a date, lanes, and which copies count as one outlet.
 */
import type Database from 'better-sqlite3';
import { createdByColumns } from './created-by';
import { STANCE_AS_OF, STANCE_EVIDENCE_JOIN } from './stance-date';
import type { CredibilityGrade, ReliabilityGrade, Stance } from '../../shared/model/vocabulary';

/** One dated (or undated) entry of a party's stance history on a concession. */
export interface StanceHistoryRow {
  id: string;
  concessionId: string;
  partyId: string;
  stance: Stance;
  asOf: string | null;
  annotationId: string | null;
  createdAt: string;
}

/** History order: undated entries first, then by date, then by when they were recorded. */
export function byHistoryOrder(a: StanceHistoryRow, b: StanceHistoryRow): number {
  if (a.asOf !== b.asOf) {
    if (a.asOf === null) return -1;
    if (b.asOf === null) return 1;
    return a.asOf < b.asOf ? -1 : 1;
  }
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface StanceEvidenceRow extends StanceHistoryRow {
  concessionTitle: string;
  note: string | null;
  documentId: string | null;
  documentTitle: string | null;
  outlet: string | null;
  exact: string | null;
  /** Who recorded the stance (their name in the case). */
  created_by: string | null;
}

/** A stance entry with what it is about and the span behind it (for the timeline). */
export interface StanceEntryRow extends StanceHistoryRow {
  partyName: string;
  concessionTitle: string;
  issueAreaId: string | null;
  documentId: string | null;
  documentTitle: string | null;
  outlet: string | null;
  exact: string | null;
}

export interface StatementRow {
  annotationId: string;
  documentId: string;
  documentTitle: string | null;
  outlet: string | null;
  publishedAt: string | null;
  exact: string;
  partyId: string | null;
  partyName: string | null;
  concessionId: string | null;
  issueAreaId: string | null;
  sourceName: string | null;
}

export interface EvidenceRow {
  annotationId: string;
  type: 'attribution' | 'concession_evidence';
  exact: string;
  documentId: string;
  documentTitle: string | null;
  outlet: string | null;
  publishedAt: string | null;
  nearDuplicateOf: string | null;
  sourceId: string | null;
  sourceName: string | null;
  anonymous: number | null;
  reliability: ReliabilityGrade | null;
  credibility: CredibilityGrade | null;
  concessionId: string | null;
  concessionTitle: string | null;
}

export class AnalysisReadModel {
  private readonly history: Database.Statement;
  private readonly parties: Database.Statement;
  private readonly concessions: Database.Statement;
  private readonly issueAreas: Database.Statement;
  private readonly evidence: Database.Statement;
  private readonly statements: Database.Statement;
  private readonly entries: Database.Statement;
  private readonly corroborating: Database.Statement;
  private readonly signatures: Database.Statement;

  constructor(db: Database.Database) {
    // Unsorted, as arrays: the matrix sorts each cell's few entries itself (cheaper than sorting them all here).
    this.history = db
      .prepare(`SELECT s.id, s.concession_id, s.party_id, s.stance, ${STANCE_AS_OF}, s.annotation_id, s.created_at FROM concession_stances s ${STANCE_EVIDENCE_JOIN}`)
      .raw(true);
    this.parties = db.prepare('SELECT id, name FROM parties ORDER BY name COLLATE NOCASE');
    this.concessions = db.prepare(
      `SELECT c.id, c.title, c.issue_area_id AS issueAreaId, ia.name AS issueAreaName
       FROM concessions c LEFT JOIN issue_areas ia ON ia.id = c.issue_area_id
       ORDER BY ia.position IS NULL, ia.position, c.title COLLATE NOCASE`,
    );
    this.issueAreas = db.prepare('SELECT id, name FROM issue_areas ORDER BY position, name');
    this.evidence = db.prepare(
      `SELECT s.id, s.concession_id AS concessionId, s.party_id AS partyId, s.stance, ${STANCE_AS_OF} AS asOf, s.annotation_id AS annotationId,
         s.created_at AS createdAt, s.note, c.title AS concessionTitle, a.document_id AS documentId, d.title AS documentTitle,
         d.outlet, a.exact, ${createdByColumns('concession_stance', 's.id')}
       FROM concession_stances s JOIN concessions c ON c.id = s.concession_id
       ${STANCE_EVIDENCE_JOIN}
       WHERE s.party_id = ? AND s.concession_id IN (SELECT value FROM json_each(?))
       ORDER BY asOf IS NOT NULL, asOf, s.created_at, s.id`,
    );
    this.entries = db.prepare(
      `SELECT s.id, s.concession_id AS concessionId, s.party_id AS partyId, s.stance, ${STANCE_AS_OF} AS asOf, s.annotation_id AS annotationId,
         s.created_at AS createdAt, p.name AS partyName, c.title AS concessionTitle, c.issue_area_id AS issueAreaId,
         a.document_id AS documentId, d.title AS documentTitle, d.outlet, a.exact
       FROM concession_stances s JOIN parties p ON p.id = s.party_id JOIN concessions c ON c.id = s.concession_id
       ${STANCE_EVIDENCE_JOIN}
       ORDER BY asOf IS NOT NULL, asOf, s.created_at, s.id`,
    );
    // Statements: attributions whose source speaks for a party (or that name one themselves).
    this.statements = db.prepare(
      `SELECT a.id AS annotationId, a.document_id AS documentId, d.title AS documentTitle, d.outlet, d.published_at AS publishedAt,
         a.exact, coalesce(src.party_id, a.party_id) AS partyId, p.name AS partyName, a.concession_id AS concessionId, c.issue_area_id AS issueAreaId,
         src.name AS sourceName
       FROM annotations a JOIN documents d ON d.id = a.document_id
       LEFT JOIN sources src ON src.id = a.source_id
       LEFT JOIN parties p ON p.id = coalesce(src.party_id, a.party_id)
       LEFT JOIN concessions c ON c.id = a.concession_id
       WHERE a.type = 'attribution'
       ORDER BY d.published_at IS NOT NULL, d.published_at, a.created_at`,
    );
    this.corroborating = db.prepare(
      `SELECT a.id AS annotationId, a.type, a.exact, a.document_id AS documentId, d.title AS documentTitle, d.outlet,
         d.published_at AS publishedAt, d.near_duplicate_of AS nearDuplicateOf, a.source_id AS sourceId, src.name AS sourceName,
         src.anonymous, coalesce(a.reliability, src.default_reliability) AS reliability, a.credibility, a.concession_id AS concessionId,
         c.title AS concessionTitle
       FROM annotations a JOIN documents d ON d.id = a.document_id
       LEFT JOIN sources src ON src.id = a.source_id
       LEFT JOIN concessions c ON c.id = a.concession_id
       WHERE a.type IN ('attribution', 'concession_evidence')
       ORDER BY d.published_at IS NOT NULL, d.published_at, a.created_at`,
    );
    this.signatures = db.prepare('SELECT id, minhash FROM documents WHERE id IN (SELECT value FROM json_each(?)) AND minhash IS NOT NULL');
  }

  /** Every stance entry, in no particular order (see `byHistoryOrder`). */
  stanceHistory(): StanceHistoryRow[] {
    return (this.history.all() as [string, string, string, Stance, string | null, string | null, string][]).map(([id, concessionId, partyId, stance, asOf, annotationId, createdAt]) => ({
      id,
      concessionId,
      partyId,
      stance,
      asOf,
      annotationId,
      createdAt,
    }));
  }

  frame(): { parties: { id: string; name: string }[]; concessions: { id: string; title: string; issueAreaId: string | null; issueAreaName: string | null }[]; issueAreas: { id: string; name: string }[] } {
    return {
      parties: this.parties.all() as { id: string; name: string }[],
      concessions: this.concessions.all() as { id: string; title: string; issueAreaId: string | null; issueAreaName: string | null }[],
      issueAreas: this.issueAreas.all() as { id: string; name: string }[],
    };
  }

  /** A party's stance entries on these concessions, with the span and article behind each. */
  stanceEvidence(partyId: string, concessionIds: string[]): StanceEvidenceRow[] {
    return this.evidence.all(partyId, JSON.stringify(concessionIds)) as StanceEvidenceRow[];
  }

  stanceEntries(): StanceEntryRow[] {
    return this.entries.all() as StanceEntryRow[];
  }

  statementRows(): StatementRow[] {
    return this.statements.all() as StatementRow[];
  }

  /** Attributions and concession evidence with their article, outlet, source and grades. */
  evidenceRows(): EvidenceRow[] {
    return this.corroborating.all() as EvidenceRow[];
  }

  /** MinHash signatures (raw bytes) of these documents. */
  minhashes(documentIds: string[]): Map<string, Uint8Array> {
    const rows = this.signatures.all(JSON.stringify(documentIds)) as { id: string; minhash: Uint8Array }[];
    return new Map(rows.map((row) => [row.id, row.minhash]));
  }
}
