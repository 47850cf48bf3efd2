/**
 * The one contract between the page and the service: every channel `aggregate:verb`, its input
 * schema, and its output type. Both the Electron IPC path and the loopback HTTP bridge serve it;
 * the renderer's client type is derived from it.
 */
import { z } from 'zod';
import { ById, Empty } from './model/common';
import type { CaseInfo } from './model/case';
import {
  ConcessionCreateInput,
  ConcessionUpdateInput,
  StanceSetInput,
  type Concession,
  type IssueArea,
  type StanceRecord,
} from './model/concession';
import {
  DocumentSearchInput,
  DocumentUpdateInput,
  type DocumentDetail,
  type DocumentOriginal,
  type DocumentSearchHit,
  type DocumentSummary,
} from './model/document';
import {
  ImportJobInput,
  ImportStartInput,
  ImportUploadInput,
  type ImportFileResult,
  type ImportProgress,
} from './model/import';
import { PartyCreateInput, PartyUpdateInput, type Party } from './model/party';
import { SourceCreateInput, SourceUpdateInput, type Source } from './model/source';

interface Channel<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type only. */
  output?: O;
}
const channel = <O>() => <I extends z.ZodType>(input: I): Channel<I, O> => ({ input });

export const contract = {
  'case:info': channel<CaseInfo>()(Empty),

  'document:list': channel<DocumentSummary[]>()(Empty),
  'document:get': channel<DocumentDetail>()(ById),
  'document:original': channel<DocumentOriginal>()(ById),
  'document:update': channel<DocumentSummary>()(DocumentUpdateInput),
  'document:delete': channel<{ id: string }>()(ById),
  'document:search': channel<DocumentSearchHit[]>()(DocumentSearchInput),

  'party:list': channel<Party[]>()(Empty),
  'party:create': channel<Party>()(PartyCreateInput),
  'party:update': channel<Party>()(PartyUpdateInput),
  'party:delete': channel<{ id: string }>()(ById),

  'source:list': channel<Source[]>()(Empty),
  'source:create': channel<Source>()(SourceCreateInput),
  'source:update': channel<Source>()(SourceUpdateInput),
  'source:delete': channel<{ id: string }>()(ById),

  'issue-area:list': channel<IssueArea[]>()(Empty),
  'concession:list': channel<Concession[]>()(Empty),
  'concession:create': channel<Concession>()(ConcessionCreateInput),
  'concession:update': channel<Concession>()(ConcessionUpdateInput),
  'concession:delete': channel<{ id: string }>()(ById),
  'concession:set-stance': channel<StanceRecord>()(StanceSetInput),

  'import:start': channel<{ jobId: string }>()(ImportStartInput),
  'import:upload': channel<ImportFileResult[]>()(ImportUploadInput),
  'import:status': channel<ImportProgress>()(ImportJobInput),
  'import:cancel': channel<ImportProgress>()(ImportJobInput),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ChannelParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends ChannelName> = NonNullable<Contract[K]['output']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

/** Push events from the service to the page (`aggregate:past-tense`). */
export interface Events {
  'import:progressed': ImportProgress;
  'case:opened': CaseInfo;
  'case:closed': Record<string, never>;
  /** The Electron menu asks the page to do something it owns (e.g. show the import panel). */
  'menu:invoked': { action: MenuAction };
}
export type EventName = keyof Events;
export const EVENT_NAMES: EventName[] = ['import:progressed', 'case:opened', 'case:closed', 'menu:invoked'];
export type MenuAction = 'import' | 'export' | 'undo' | 'redo' | 'find';
