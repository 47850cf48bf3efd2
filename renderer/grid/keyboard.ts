/**
 * Keys in Parley's grids. AG Grid starts editing a focused cell when a printable key is pressed
 * ("type to overwrite"); beside the reader, whose shortcuts are single letters (A, P, C, N), that
 * replaced a document's title with "p". Here a cell edits only when asked: Enter, F2, or a
 * double-click where a double-click edits. Pure, so the rule is unit-tested.
 */
interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** For `suppressKeyboardEvent`: true keeps the grid from acting on a printable key outside an editor. */
export function suppressTypeToEdit(params: { editing: boolean; event: KeyLike }): boolean {
  if (params.editing) return false;
  const { key, ctrlKey, metaKey, altKey } = params.event;
  if (ctrlKey || metaKey || altKey) return false;
  // Space toggles the row's selection: the grid keeps it.
  return key.length === 1 && key !== ' ';
}
