import { z } from 'zod';

/** UUIDs are the keys everywhere, so that cases can be merged later. */
export const Id = z.uuid({ message: 'must be a record id (UUID)' });

/** Short single-line text: trimmed, bounded, no control characters. */
export const Name = z
  .string({ error: (issue) => (issue.input === null || issue.input === undefined ? 'must not be empty' : 'must be text') })
  .trim()
  .min(1, 'must not be empty')
  .max(300, 'must be at most 300 characters')
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not contain control characters');

export const OptionalText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => s.trim())
    .nullable();

export const IsoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/, 'must be an ISO date such as 2025-11-23')
  .nullable();

export const HexColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f77b4')
  .nullable();

export const Empty = z.object({}).strict();
export const ById = z.object({ id: Id }).strict();

/** The rows an analyst selected in a grid for one bulk action. */
export const BulkIds = z.array(Id).min(1, 'select at least one row').max(10_000);
export const ByIds = z.object({ ids: BulkIds }).strict();
