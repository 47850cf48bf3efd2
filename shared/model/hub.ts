/**
 * The team hub as the page sees it: share the open case, sync it, its status and its clashes.
 * Passwords cross the boundary only on the way in (share, or a sync the keychain cannot answer);
 * the service never returns one, and the case file never holds one.
 */
import { z } from 'zod';
import { Name } from './common';

/** A PostgreSQL URL (postgres:// or postgresql://); its password, if any, is never stored. */
export const HubUrl = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL address such as postgres://anna@hub.example.org:5432/desk?sslmode=verify-full');

const Password = z.string().max(1000, 'must be at most 1000 characters');

export const HubShareInput = z
  .object({
    url: HubUrl,
    /** How this analyst's work is credited in the case. */
    analystName: Name.max(200).optional(),
    password: Password.optional(),
    /** Keep the password in the OS keychain (desktop app only). */
    remember: z.boolean().optional(),
  })
  .strict();

export const HubSyncInput = z
  .object({
    /** Only when the keychain (or pgpass / PGPASSWORD) has none for this hub. */
    password: Password.optional(),
    remember: z.boolean().optional(),
  })
  .strict();

export interface HubStatusInfo {
  shared: boolean;
  /** The hub's address, without password. */
  hub: string | null;
  caseId: string | null;
  role: string | null;
  analyst: { id: string; name: string };
  lastSyncAt: string | null;
  lastSyncError: string | null;
  /** Local operations not on the hub yet. */
  pending: number;
  clashes: number;
  /** Where this Parley keeps hub passwords: the OS keychain (desktop) or pgpass / PGPASSWORD. */
  credentials: 'keychain' | 'pgpass';
  /** A password for this hub is known (in the keychain or for this session). */
  passwordKnown: boolean;
}

export interface HubSyncSummary {
  pushed: number;
  pulled: number;
  clashes: number;
  notPushed: number;
  rewound: boolean;
}

export interface HubShareSummary extends HubSyncSummary {
  caseId: string;
}

export interface HubClashSide {
  analystId: string;
  /** The analyst's name in this case (their id when unknown). */
  analyst: string;
  at: string;
  value: unknown;
}

/** Two analysts changed the same field (or one edited what another deleted): what shows and what lost. */
export interface HubClashInfo {
  aggregate: string;
  recordId: string;
  /** What the record is called here (its name or title), when it still shows. */
  label: string | null;
  field: string;
  kind: 'both_changed' | 'edited_deleted' | string;
  kept: HubClashSide | null;
  lost: HubClashSide[];
}
