import { EventEmitter } from 'node:events';
import type { Events, EventName } from '../../shared/contract';
import { ParleyError } from '../../shared/errors';
import type { CaseInfo } from '../../shared/model/case';
import { Store, type ConnectionOptions } from '../store/index';

/** Holds the open case (at most one per window/bridge) and emits the service's push events. */
export class CaseSession {
  private store: Store | null = null;
  private readonly emitter = new EventEmitter();

  constructor(private readonly connection: ConnectionOptions = {}) {}

  open(path: string): CaseInfo {
    const next = Store.open(path, this.connection);
    this.replace(next);
    return this.info();
  }

  create(path: string): CaseInfo {
    const next = Store.create(path, this.connection);
    this.replace(next);
    return this.info();
  }

  close(): void {
    if (!this.store) return;
    this.store.close();
    this.store = null;
    this.emit('case:closed', {});
  }

  get isOpen(): boolean {
    return this.store !== null;
  }

  current(): Store {
    if (!this.store) throw new ParleyError('no_case', 'No case is open: create or open a case first');
    return this.store;
  }

  writable(): Store {
    const store = this.current();
    store.assertWritable();
    return store;
  }

  info(): CaseInfo {
    const store = this.current();
    return { path: store.path, name: store.name, schemaVersion: store.schemaVersion, counts: store.counts() };
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    this.emitter.emit(event, payload);
  }

  private replace(next: Store): void {
    this.store?.close();
    this.store = next;
    this.emit('case:opened', this.info());
  }
}
