/**
 * Suggestion runs: documents queued after every import and on demand ("Suggest" for a document or a
 * selection), read by the worker pool (electron/suggest runs there, never on this thread), stored
 * as pending per document in one transaction. One run at a time; documents queued while it runs
 * join it. Progress arrives as `suggestion:progressed` events; cancelling drops what is still
 * queued and stores nothing more (documents already stored keep their suggestions).
 */
import { randomUUID } from 'node:crypto';
import type { SuggestionProgress } from '../../shared/model/suggestion';
import type { ExtractionPool } from '../ingest/pool';
import type { Store } from '../store/index';
import type { CaseKnowledge } from '../suggest/types';
import type { CaseSession } from './case-session';
import { caseKnowledge, knowledgeFor, storeRun } from './suggestions';

/** Case knowledge is read again after this many documents, so what the analyst accepts meanwhile counts. */
const KNOWLEDGE_REFRESH = 50;

export class SuggestionJobs {
  private queue: string[] = [];
  private queued = new Set<string>();
  private progress: SuggestionProgress = { jobId: null, state: 'idle', done: 0, total: 0, suggested: 0 };
  private running: Promise<void> | null = null;
  private cancelled = false;
  private lastEmit = 0;
  private lastChanged = 0;

  constructor(
    private readonly session: CaseSession,
    private readonly pool: () => ExtractionPool,
  ) {
    // A run belongs to its case: closing or switching cases drops what was queued.
    session.on('case:closed', () => this.drop());
    session.on('case:opened', () => this.drop());
  }

  /** Queue documents (all of the case's when none are given); starts a run or joins the running one. */
  run(documentIds?: string[]): SuggestionProgress {
    const store = this.session.writable();
    const ids = documentIds ?? store.documents.list().map((document) => document.id);
    for (const id of ids) store.documents.summary(id); // an unknown id is refused before anything is queued
    if (!this.running) {
      this.progress = { jobId: randomUUID(), state: 'running', done: 0, total: 0, suggested: 0 };
      this.cancelled = false;
    }
    for (const id of ids) {
      if (this.queued.has(id)) continue;
      this.queued.add(id);
      this.queue.push(id);
      this.progress.total++;
    }
    if (!this.running && this.queue.length > 0) {
      this.start(store);
    } else if (!this.running) {
      this.progress = { ...this.progress, state: 'done' };
    }
    this.emit(true);
    return this.status();
  }

  private start(store: Store): void {
    this.running = this.loop(store).finally(() => {
      this.running = null;
      // Documents queued while a cancelled run was finishing (a cancel, or another case opened): a new run, on the case open now.
      const open = this.session.isOpen ? this.session.current() : null;
      if (this.queue.length > 0 && open && !open.readOnly) {
        this.progress = { jobId: randomUUID(), state: 'running', done: 0, total: this.queue.length, suggested: 0 };
        this.cancelled = false;
        this.start(open);
      }
    });
  }

  status(): SuggestionProgress {
    return { ...this.progress };
  }

  cancel(): SuggestionProgress {
    if (this.running) {
      this.cancelled = true;
      this.queue = [];
      this.queued.clear();
    }
    return this.status();
  }


  /** Resolves when nothing is queued or running (the CLI waits for it before closing the case). */
  async idle(): Promise<SuggestionProgress> {
    while (this.running) await this.running;
    return this.status();
  }

  private drop(): void {
    this.queue = [];
    this.queued.clear();
    if (this.running) this.cancelled = true;
  }

  private async loop(store: Store): Promise<void> {
    const pool = this.pool();
    let knowledge: CaseKnowledge | null = null;
    let sinceRefresh = 0;
    const next = async (): Promise<void> => {
      while (this.queue.length > 0 && !this.cancelled) {
        const documentId = this.queue.shift()!;
        this.queued.delete(documentId);
        if (!knowledge || sinceRefresh >= KNOWLEDGE_REFRESH) {
          knowledge = caseKnowledge(store);
          sinceRefresh = 0;
        }
        sinceRefresh++;
        let body;
        try {
          body = store.documents.body(documentId);
        } catch {
          this.progress.done++; // deleted meanwhile
          continue;
        }
        const result = await pool.suggest(body.title ?? body.label, body.text, knowledgeFor(store, knowledge, documentId, body.text));
        if (this.cancelled || store.isClosed) return;
        this.progress.done++;
        if (!result.ok) {
          this.progress.message = result.error.message;
        } else {
          try {
            // The text may have been re-extracted while the worker read it: then it is queued again.
            const now = store.documents.body(documentId);
            if (now.text !== body.text) this.requeue(documentId);
            else this.progress.suggested += storeRun(store, documentId, body.text, result.suggestions);
          } catch (error) {
            this.progress.message = (error as Error).message;
          }
        }
        this.emit(false);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, pool.capacity) }, next));
      this.progress.state = this.cancelled ? 'cancelled' : 'done';
      if (this.cancelled) this.progress.message = `Cancelled after ${this.progress.done} of ${this.progress.total} documents; their suggestions are kept`;
    } catch (error) {
      this.progress.state = 'failed';
      this.progress.message = (error as Error).message;
    }
    this.emit(true, true);
  }

  private requeue(documentId: string): void {
    if (this.queued.has(documentId)) return;
    this.queued.add(documentId);
    this.queue.push(documentId);
    this.progress.total++;
  }

  /**
   * Progress at most every 100 ms (`force`: now); views refresh at most twice a second while a run
   * stores, and once when it ends (`ended`), so queueing each imported file does not refetch them.
   */
  private emit(force: boolean, ended = false): void {
    const now = Date.now();
    if (force || now - this.lastEmit >= 100) {
      this.lastEmit = now;
      this.session.emit('suggestion:progressed', this.status());
    }
    if (ended || (this.progress.done > 0 && now - this.lastChanged >= 500)) {
      this.lastChanged = now;
      this.session.emit('case:changed', { aggregates: ['suggestion'] });
    }
  }
}
