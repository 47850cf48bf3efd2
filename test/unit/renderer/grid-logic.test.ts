import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { contract } from '../../../shared/contract';
import { blockQuery, sortFor } from '../../../renderer/grid/annotation-query';
import { CLEAR, bulkPatch, describePatch } from '../../../renderer/grid/bulk-edit';
import { sourceBulkFields, annotationBulkFields } from '../../../renderer/grid/bulk-fields';
import { layoutKey, layoutToRestore, layoutToSave } from '../../../renderer/grid/column-layout';
import { highlightStyle, typeForKey } from '../../../renderer/features/reader/annotation-types';
import { historyActionFor, isTextEditing } from '../../../renderer/app/undo';
import { suppressTypeToEdit } from '../../../renderer/grid/keyboard';

const ID = '0b7f6f6e-8c1a-4f7e-9a53-1f0c7c0f1a01';

describe('annotations grid paging', () => {
  it('turns a block request into a valid annotation:list query', () => {
    const query = blockQuery(400, 600, [{ colId: 'sourceId', sort: 'desc' }], { search: '  Donetsk ', type: 'attribution' });
    assert.deepEqual(query, { offset: 400, limit: 200, sort: { field: 'sourceName', direction: 'desc' }, search: 'Donetsk', type: 'attribution' });
    assert.ok(contract['annotation:list'].input.safeParse(query).success);
  });
  it('sorts by the first column the service knows, none otherwise', () => {
    assert.deepEqual(sortFor([{ colId: 'note', sort: 'asc' }, { colId: 'reliability', sort: 'asc' }]), { field: 'effectiveReliability', direction: 'asc' });
    assert.equal(sortFor([{ colId: 'tags', sort: 'asc' }]), undefined);
    assert.equal(blockQuery(0, 100_000, [], { search: '', type: '' }).limit, 5000);
  });
});

describe('bulk edit', () => {
  it('patches only the chosen fields, clears nullable ones, parses booleans, and passes the contract', () => {
    const fields = sourceBulkFields([{ id: ID, name: 'Russia' } as never]);
    const values = { defaultReliability: 'B', partyId: CLEAR, anonymous: 'true' };
    const patch = bulkPatch(fields, values);
    assert.deepEqual(patch, { defaultReliability: 'B', partyId: null, anonymous: true });
    assert.ok(contract['source:bulk-update'].input.safeParse({ ids: [ID], patch }).success);
    assert.equal(describePatch(fields, values), 'reliability to B · Usually reliable, party to nothing, anonymous to Yes');
    assert.deepEqual(bulkPatch(fields, {}), {});
  });
  it('annotation credibility is a number', () => {
    const patch = bulkPatch(annotationBulkFields([], []), { credibility: '3', reliability: CLEAR });
    assert.deepEqual(patch, { credibility: 3, reliability: null });
    assert.ok(contract['annotation:bulk-update'].input.safeParse({ ids: [ID], patch }).success);
  });
});

describe('column layout', () => {
  it('saves order, width, sort and hidden under grid.<name>.columns', () => {
    assert.equal(layoutKey('parties'), 'grid.parties.columns');
    assert.ok(z.object({ key: z.string().regex(/^[a-z][a-z0-9.:-]{0,99}$/) }).safeParse({ key: layoutKey('annotations') }).success);
    const saved = layoutToSave([{ colId: 'name', width: 210, hide: false, sort: 'asc', sortIndex: 0, flex: 2 } as never, { colId: 'kind', width: 120, hide: true } as never]);
    const restored = layoutToRestore(saved, ['name', 'kind', 'aliases']);
    assert.deepEqual(restored, [
      { colId: 'name', width: 210, hide: false, sort: 'asc', sortIndex: 0, pinned: null },
      { colId: 'kind', width: 120, hide: true, sort: null, sortIndex: null, pinned: null },
    ]);
  });
  it('drops unknown columns, duplicates, junk and absurd widths', () => {
    assert.equal(layoutToRestore('not json', ['a']), null);
    assert.equal(layoutToRestore('{"colId":"a"}', ['a']), null);
    assert.equal(layoutToRestore(JSON.stringify([{ colId: 'gone' }]), ['a']), null);
    const restored = layoutToRestore(JSON.stringify([{ colId: 'a', width: 99999 }, { colId: 'a', width: 10 }, null, { colId: 'b', width: 'wide', sort: 'sideways' }]), ['a', 'b']);
    assert.deepEqual(restored?.map((c) => [c.colId, c.width, c.sort]), [
      ['a', 1200, null],
      ['b', undefined, null],
    ]);
  });
});

describe('highlights and shortcuts', () => {
  it('maps A/P/C/N to types', () => {
    assert.equal(typeForKey('a'), 'attribution');
    assert.equal(typeForKey('P'), 'party_mention');
    assert.equal(typeForKey('c'), 'concession_evidence');
    assert.equal(typeForKey('n'), 'note');
    assert.equal(typeForKey('x'), null);
  });
  it('stacks one underline band per covering annotation, thinnest (innermost) painted on top', () => {
    assert.deepEqual(highlightStyle([]), {});
    const one = highlightStyle(['attribution']);
    assert.equal(one.boxShadow, 'inset 0 -2px 0 #2457c5');
    const two = highlightStyle(['attribution', 'concession_evidence']);
    assert.equal(two.boxShadow, 'inset 0 -2px 0 #b35c00, inset 0 -4px 0 #2457c5');
    assert.notEqual(two.backgroundColor, one.backgroundColor);
  });
});

describe('undo routing', () => {
  const key = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
  it('maps Ctrl/⌘+Z, Ctrl+Shift+Z and Ctrl+Y', () => {
    assert.equal(historyActionFor(key('z', { ctrlKey: true })), 'undo');
    assert.equal(historyActionFor(key('Z', { metaKey: true, shiftKey: true })), 'redo');
    assert.equal(historyActionFor(key('y', { ctrlKey: true })), 'redo');
    assert.equal(historyActionFor(key('z')), null);
    assert.equal(historyActionFor(key('z', { ctrlKey: true, altKey: true })), null);
  });
  it('leaves the key to text fields, contenteditable and grid cell editors', () => {
    const el = (tagName: string, attrs: Record<string, string> = {}, inside: string | null = null, editable = false) => ({
      tagName,
      isContentEditable: editable,
      getAttribute: (name: string) => attrs[name] ?? null,
      closest: (selector: string) => (inside && selector.includes(inside) ? {} : null),
    });
    assert.equal(isTextEditing(el('TEXTAREA')), true);
    assert.equal(isTextEditing(el('INPUT')), true);
    assert.equal(isTextEditing(el('INPUT', { type: 'search' })), true);
    assert.equal(isTextEditing(el('INPUT', { type: 'checkbox' })), false);
    assert.equal(isTextEditing(el('DIV', {}, null, true)), true);
    assert.equal(isTextEditing(el('DIV', {}, '.ag-cell-inline-editing')), true);
    assert.equal(isTextEditing(el('BUTTON')), false);
    assert.equal(isTextEditing(null), false);
  });
});

describe('grid keys', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });
  it('a printable key on a focused cell never starts an edit; navigation, Enter, F2, Space and shortcuts reach the grid', () => {
    for (const k of ['p', 'P', 'a', '1', 'é', '-']) assert.equal(suppressTypeToEdit({ editing: false, event: key(k) }), true, k);
    for (const k of ['Enter', 'F2', 'ArrowDown', 'Tab', ' ', 'Escape', 'Delete']) assert.equal(suppressTypeToEdit({ editing: false, event: key(k) }), false, k);
    assert.equal(suppressTypeToEdit({ editing: false, event: key('c', { ctrlKey: true }) }), false, 'copy');
    assert.equal(suppressTypeToEdit({ editing: true, event: key('p') }), false, 'typing inside an open editor');
  });
});
