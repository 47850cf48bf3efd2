import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { exportCase } from '../../../electron/exchange/index';
import { buildQdpx, QDA_NAMESPACE } from '../../../electron/exchange/qdpx';
import { createAnnotation } from '../../../electron/service/annotations';
import { AnnotationCreateInput } from '../../../shared/model/annotation';
import { tempDir } from '../../helpers/temp';
import { addDocument, addParty, span } from '../store/helpers/case-fixtures';
import { annotatedCase } from './helpers';

const dir = tempDir();
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const REPEATED = new Set(['User', 'Code', 'TextSource', 'PlainTextSelection', 'Coding', 'NoteRef', 'Note']);
const HOSTILE = `</Code><script>alert(1)</script> & "quotes" 'apostrophes' ]]> <!-- \u0001`;

type Node = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Unzip a .qdpx and parse its project.qde the way a QDA tool would read it. */
function readQdpx(bytes: Uint8Array) {
  const entries = unzipSync(bytes);
  const xml = strFromU8(entries['project.qde']!);
  assert.equal(XMLValidator.validate(xml), true, 'project.qde is well-formed XML');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    htmlEntities: false,
    isArray: (name) => REPEATED.has(name),
  });
  const parsed = parser.parse(xml) as Node;
  return { entries, xml, project: parsed.Project as Node };
}

function allCodes(codes: Node[]): Node[] {
  return codes.flatMap((code) => [code, ...allCodes(code.Code ?? [])]);
}

function hostileCase(name: string) {
  const c = annotatedCase(dir, name);
  const text = 'KYIV — 🇺🇦 officials and the 𝒳-group met. Envoy 🕊️ Witkoff said Hungary would "wait and see".';
  const kyiv = addDocument(c.store, text, { title: 'Kyiv\nbriefing' });
  const hostile = addParty(c.store, HOSTILE);
  const mention = createAnnotation(
    c.store,
    AnnotationCreateInput.parse({ documentId: kyiv, type: 'party_mention', selector: span(text, 'Witkoff'), partyId: hostile.id, note: 'a < b && "c"' }),
  );
  return { ...c, kyiv, kyivText: text, hostile, hostileMention: mention };
}

describe('REFI-QDA project export (.qdpx)', () => {
  it('writes project.qde and one sources/<guid>.txt per document, in the REFI-QDA structure', async () => {
    const c = annotatedCase(dir, 'qdpx');
    const out = join(dir, 'case.qdpx');
    const result = await exportCase(c.store, 'qdpx', out, { exportedAt: '2025-12-01T09:00:00.000Z' });
    assert.deepEqual(result, { format: 'qdpx', files: [out] });
    const { entries, xml, project } = readQdpx(readFileSync(out));

    assert.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?>\n<Project /);
    assert.equal(project.xmlns, QDA_NAMESPACE);
    assert.equal(project.name, 'qdpx');
    assert.equal(project.origin, 'Parley');
    assert.match(project.creatingUserGUID, GUID);
    assert.equal(project.creationDateTime, '2025-12-01T09:00:00.000Z');
    const order = Object.keys(project).filter((key) => /^[A-Z]/.test(key));
    assert.deepEqual(order, ['Users', 'CodeBook', 'Sources', 'Notes', 'Description'], 'children in the order the standard prescribes');
    const users = project.Users.User as Node[];
    assert.equal(users.length, 1);
    assert.equal(users[0]!.guid, project.creatingUserGUID);

    const codes = allCodes(project.CodeBook.Codes.Code);
    const codeByGuid = new Map(codes.map((code) => [code.guid as string, code]));
    assert.equal(codeByGuid.size, codes.length, 'code GUIDs are unique');
    for (const code of codes) {
      assert.match(code.guid, GUID);
      assert.equal(code.isCodable, 'true');
      assert.ok(code.name.length > 0);
      if (code.color !== undefined) assert.match(code.color, /^#[0-9A-F]{6}$/);
    }
    const top = (project.CodeBook.Codes.Code as Node[]).map((code) => code.name);
    assert.deepEqual(top, ['Attribution', 'Party mention', 'Concession evidence', 'Note', 'Tags']);
    const children = (name: string) => (project.CodeBook.Codes.Code as Node[]).find((code) => code.name === name)!.Code?.map((code: Node) => code.name);
    assert.deepEqual(children('Attribution'), ['Senior US official']);
    assert.deepEqual(children('Party mention'), ['Hungary', 'Russia']);
    assert.deepEqual(children('Concession evidence'), ['Release frozen assets']);
    assert.deepEqual(children('Tags'), ['+tone', 'talks']);

    const sources = project.Sources.TextSource as Node[];
    assert.equal(sources.length, 2);
    assert.deepEqual(Object.keys(entries).sort(), ['project.qde', ...sources.map((source) => `sources/${source.guid}.txt`)].sort());
    const allGuids: string[] = [project.creatingUserGUID, ...codeByGuid.keys()];
    const noteGuids = new Set((project.Notes.Note as Node[]).map((note) => note.guid as string));
    const selections = new Map<string, Node>();
    for (const source of sources) {
      assert.match(source.guid, GUID);
      assert.equal(source.plainTextPath, `internal://${source.guid}.txt`);
      assert.match(source.creationDateTime, DATE_TIME);
      const text = strFromU8(entries[`sources/${source.guid}.txt`]!);
      const points = Array.from(text);
      allGuids.push(source.guid);
      for (const selection of source.PlainTextSelection as Node[]) {
        const start = Number(selection.startPosition);
        const end = Number(selection.endPosition);
        assert.ok(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= points.length, 'selection within its text');
        assert.match(selection.guid, GUID);
        assert.equal(selection.creatingUser, project.creatingUserGUID);
        assert.match(selection.creationDateTime, DATE_TIME);
        assert.ok(selection.Coding.length >= 1);
        allGuids.push(selection.guid, ...selection.Coding.map((coding: Node) => coding.guid));
        for (const coding of selection.Coding as Node[]) {
          assert.match(coding.guid, GUID);
          assert.ok(codeByGuid.has(coding.CodeRef.targetGUID), 'every CodeRef points at a code of the codebook');
        }
        for (const ref of (selection.NoteRef ?? []) as Node[]) assert.ok(noteGuids.has(ref.targetGUID), 'every NoteRef points at a note');
        selections.set(points.slice(start, end).join(''), selection);
      }
    }
    allGuids.push(...noteGuids);
    assert.equal(new Set(allGuids).size, allGuids.length, 'GUIDs are unique across the project');
    assert.equal(selections.size, 4);

    const codeNames = (selection: Node) => (selection.Coding as Node[]).map((coding) => codeByGuid.get(coding.CodeRef.targetGUID)!.name).sort();
    const attribution = selections.get('productive and meaningful')!;
    assert.ok(attribution, 'the selection’s text is the annotation’s quote');
    assert.deepEqual(codeNames(attribution), ['+tone', 'Attribution', 'Senior US official', 'talks']);
    assert.equal(attribution.Description, 'said, "off the record", to reporters\nReliability B, credibility 3, direct quote, briefing');
    const evidence = selections.get('frozen Russian assets be released')!;
    assert.deepEqual(codeNames(evidence), ['Concession evidence', 'Release frozen assets']);
    assert.equal(evidence.Description, 'Hungary demands');
    assert.deepEqual(codeNames(selections.get('Hungary')!), ['Hungary', 'Party mention']);
    const note = selections.get('Russia has not commented')!;
    assert.deepEqual(codeNames(note), ['Note']);
    const memo = (project.Notes.Note as Node[]).find((entry) => entry.guid === note.NoteRef[0].targetGUID)!;
    assert.equal(memo.PlainTextContent, '-1 day later they did');
    c.store.close();
  });

  it('counts positions in code points, escapes hostile names, and keeps them round-trippable', () => {
    const c = hostileCase('qdpx-hostile');
    const { archive } = buildQdpx(c.store, { documentIds: [c.kyiv], exportedAt: '2025-12-01T09:00:00.000Z' });
    const { entries, xml, project } = readQdpx(archive);
    assert.doesNotMatch(xml, /<script>/, 'markup from a name is escaped, not emitted');
    assert.doesNotMatch(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/, 'no character XML 1.0 forbids');

    const party = allCodes(project.CodeBook.Codes.Code).find((code) => code.name.startsWith('</Code>'));
    assert.ok(party, 'the hostile party is a code');
    assert.equal(party.name, HOSTILE.replace('\u0001', '\uFFFD'), 'the name survives, less the one character XML cannot hold');

    const sources = project.Sources.TextSource as Node[];
    assert.equal(sources.length, 1, 'only the chosen document');
    assert.equal(sources[0]!.name, 'Kyiv briefing', 'line breaks in names become spaces');
    assert.deepEqual(Object.keys(entries).sort(), ['project.qde', `sources/${sources[0]!.guid}.txt`]);
    const text = strFromU8(entries[`sources/${sources[0]!.guid}.txt`]!);
    assert.equal(text, c.kyivText, 'the cleaned text, UTF-8, no BOM');
    const [selection] = sources[0]!.PlainTextSelection as Node[];
    const utf16Start = c.kyivText.indexOf('Witkoff');
    const start = Number(selection!.startPosition);
    assert.equal(start, Array.from(c.kyivText.slice(0, utf16Start)).length);
    assert.ok(start < utf16Start, 'astral characters before the quote count once, not twice');
    assert.equal(Array.from(text).slice(start, Number(selection!.endPosition)).join(''), 'Witkoff');
    assert.equal(selection!.Description, 'a < b && "c"');
    c.store.close();
  });

  it('is reproducible, and refuses documents that are not in the case', () => {
    const c = annotatedCase(dir, 'qdpx-repeat');
    const first = buildQdpx(c.store, { exportedAt: '2025-12-01T09:00:00.000Z' }).archive;
    const second = buildQdpx(c.store, { exportedAt: '2025-12-01T09:00:00.000Z' }).archive;
    assert.deepEqual(Buffer.from(first), Buffer.from(second), 'same case, same timestamp: same bytes (stable GUIDs)');
    assert.throws(() => buildQdpx(c.store, { documentIds: ['no-such-document'] }), { code: 'not_found' });
    c.store.close();
  });
});
