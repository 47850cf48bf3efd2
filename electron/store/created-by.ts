/**
 * Who made a record: the analyst of its first creating operation (the operation log's existence
 * field, through its index on aggregate, record and field). Derived, so no table carries an extra
 * synced column and case dumps stay the same.
 */
const AGGREGATE = /^[a-z_]+$/;

const creatorOf = (aggregate: string, id: string): string =>
  `(SELECT o.analyst_id FROM operations o WHERE o.aggregate = '${aggregate}' AND o.record_id = ${id} AND o.field = '$exists' AND o.kind = 'create'
     ORDER BY o.hlc, o.op_id LIMIT 1)`;

/** Select-list columns `created_by_id, created_by` (the analyst's name in the case) for a record id expression. */
export function createdByColumns(aggregate: string, id: string): string {
  // Aggregates and id expressions are the repositories' own constants, never input.
  if (!AGGREGATE.test(aggregate)) throw new Error(`not an aggregate: ${aggregate}`);
  return `${creatorOf(aggregate, id)} AS created_by_id,
    (SELECT an.name FROM analysts an WHERE an.id = ${creatorOf(aggregate, id)}) AS created_by`;
}

