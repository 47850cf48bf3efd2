/** The analysts who added a grid's rows (for its Analyst picker), by name. */
export interface RowAnalyst {
  id: string;
  name: string;
}

type Credited = { createdById?: string | null; createdBy?: string | null };

export function analystsOf(rows: readonly object[] | null): RowAnalyst[] {
  const seen = new Map<string, string>();
  for (const row of rows ?? []) {
    const { createdById, createdBy } = row as Credited;
    if (createdById && !seen.has(createdById)) seen.set(createdById, createdBy ?? 'Unknown analyst');
  }
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Whether a row passes the picker ('' shows everyone's). */
export function addedBy(row: object | undefined, analystId: string): boolean {
  return analystId === '' || (row as Credited | undefined)?.createdById === analystId;
}
