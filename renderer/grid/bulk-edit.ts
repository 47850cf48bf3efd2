/**
 * "Edit selected…": the editable fields of an aggregate as choices, and the patch a filled form
 * makes. Pure; the form is in BulkEditDialog.tsx.
 */

/** A choice meaning "clear this field" (stored null), distinct from "leave as is" (''). */
export const CLEAR = '__clear__';
export const KEEP = '';

export interface BulkField {
  field: string;
  label: string;
  options: { value: string; label: string }[];
  /** Offer "— (clear)" for nullable fields. */
  nullable?: boolean;
  /** The stored value of a choice, when it is not the string itself (booleans, numbers). */
  parse?(value: string): unknown;
}

/** The patch for the chosen values; fields left on "keep" are not in it. */
export function bulkPatch(fields: readonly BulkField[], values: Record<string, string>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.field] ?? KEEP;
    if (value === KEEP) continue;
    patch[field.field] = value === CLEAR ? null : field.parse ? field.parse(value) : value;
  }
  return patch;
}

/** "Set reliability to B, party to Russia" for the confirmation line and the toast. */
export function describePatch(fields: readonly BulkField[], values: Record<string, string>): string {
  return fields
    .filter((field) => (values[field.field] ?? KEEP) !== KEEP)
    .map((field) => {
      const value = values[field.field]!;
      const label = value === CLEAR ? 'nothing' : (field.options.find((option) => option.value === value)?.label ?? value);
      return `${field.label.toLowerCase()} to ${label}`;
    })
    .join(', ');
}
