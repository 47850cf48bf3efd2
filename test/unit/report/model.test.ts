import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Annotation } from '../../../shared/model/annotation';
import { renderHtml } from '../../../electron/report/html';
import { renderMarkdown } from '../../../electron/report/markdown';
import {
  REPORT_SECTIONS,
  SECTION_BUILDERS,
  articleBlock,
  buildReportModel,
  plainText,
  type ReportModel,
  type ReportSection,
  type TableBlock,
} from '../../../electron/report/model';
import { tempDir } from '../../helpers/temp';
import { CASE_NAME, GENEVA_TITLE, KREMLIN_TITLE, LAVROV_QUOTE, LAVROV_TITLE, buildReportCase, type ReportCase } from '../../fixtures/report/case';
import { reportData } from '../../../electron/service/exports';

let fixture: ReportCase;
before(() => {
  fixture = buildReportCase(tempDir());
});
after(() => fixture.store.close());

const section = (model: ReportModel, id: string): ReportSection => {
  const found = model.sections.find((candidate) => candidate.id === id);
  assert.ok(found, `section ${id} is in the report`);
  return found;
};
const table = (model: ReportModel, id: string): TableBlock => {
  const block = section(model, id).blocks.find((candidate) => candidate.kind === 'table');
  assert.ok(block && block.kind === 'table', `section ${id} has a table`);
  return block;
};
const rowText = (block: TableBlock): string[][] => block.rows.map((row) => row.map(plainText));
const quotes = (model: ReportModel) =>
  model.sections.flatMap((s) => s.blocks).filter((block) => block.kind === 'quote').map((block) => (block.kind === 'quote' ? { text: block.text, meta: plainText(block.meta) } : null));

describe('the report model of a whole case', () => {
  it('has the default sections, in order, with the title page data', () => {
    const model = buildReportModel(reportData(fixture.store), { analyst: 'J. Analyst', summary: 'Moscow signals flexibility.', date: '2025-11-30' });
    assert.deepEqual(
      model.sections.map((s) => s.id),
      REPORT_SECTIONS.filter((s) => s.byDefault).map((s) => s.id),
    );
    assert.deepEqual(
      model.sections.map((s) => s.id),
      ['title', 'concessions', 'evidence', 'attributions', 'parties', 'sources', 'documents'],
    );
    assert.equal(model.meta.caseName, CASE_NAME, 'the case file name');
    assert.equal(model.meta.title, `${CASE_NAME}: annotated report`);
    const [title] = section(model, 'title').blocks;
    assert.deepEqual(title, {
      kind: 'title-page',
      title: `${CASE_NAME}: annotated report`,
      caseName: CASE_NAME,
      analyst: 'J. Analyst',
      date: '2025-11-30',
      summary: 'Moscow signals flexibility.',
      scope: ['The whole case'],
    });
  });

  it("lists every concession with its status and each party's latest stance", () => {
    const model = buildReportModel(reportData(fixture.store));
    const rows = rowText(table(model, 'concessions'));
    const cap = rows.find((row) => row[0] === "Cap on Ukraine's armed forces");
    assert.ok(cap);
    assert.equal(cap[1], 'Military limits');
    assert.equal(cap[2], 'Under discussion');
    assert.equal(cap[3], 'Ukraine → Russia');
    // Ukraine was "conditional" on 23 Nov and "rejects" on 29 Nov: the later one is its stance.
    assert.match(cap[4]!, /Ukraine: Rejects \(2025-11-29\)/);
    assert.doesNotMatch(cap[4]!, /Conditional/);
    assert.match(cap[4]!, /Russia: Accepts \(2025-11-27\)/);
    assert.match(cap[4]!, /United States: Offers \(2025-11-23\)/);
    assert.equal(rows.length, 3);
  });

  it('quotes the evidence per concession with its source and Admiralty grade', () => {
    const model = buildReportModel(reportData(fixture.store));
    const evidence = quotes(model).slice(0, section(model, 'evidence').blocks.filter((block) => block.kind === 'quote').length);
    const lavrov = evidence.find((quote) => quote?.text === LAVROV_QUOTE);
    assert.ok(lavrov, 'the Russian-language span is quoted');
    assert.match(lavrov.meta, /Сергей Лавров · grade B2 · Russia: accepts · D3 ТАСС, 2025-11-27/);
    const kyiv = evidence.find((quote) => quote?.text.startsWith('would not accept any cap'));
    assert.match(kyiv!.meta, /Senior Ukrainian official · grade C3 · Ukraine: conditional · D1 Reuters, 2025-11-23/);
    const unattributed = evidence.find((quote) => quote?.text.startsWith('proposes limiting'));
    assert.match(unattributed!.meta, /^The article reports · /, 'no source: the article\'s own account');
    assert.doesNotMatch(unattributed!.meta, /grade/, 'and no grade');
    assert.equal(evidence.length, 6, 'six concession-evidence spans');
  });

  it('numbers documents oldest first and cites them in full', () => {
    const model = buildReportModel(reportData(fixture.store));
    assert.deepEqual(
      model.documents.map((document) => [document.number, document.title]),
      [
        [1, GENEVA_TITLE],
        [2, KREMLIN_TITLE],
        [3, LAVROV_TITLE],
      ],
    );
    const rows = rowText(table(model, 'documents'));
    assert.equal(
      rows[0]![1],
      'Humeyra Pamuk and Olena Harmash, “US and Ukraine revise peace framework in Geneva”, Reuters, 2025-11-23. https://www.reuters.com/world/europe/us-ukraine-geneva-talks-2025-11-23/',
    );
    const cells = table(model, 'documents').rows;
    const links = cells.flatMap((row) => row[1]!).filter((run) => typeof run !== 'string' && run.href);
    assert.equal(links.length, 2, 'the javascript: address of D3 is not a link');
  });

  it('lists parties with aliases and their stance per concession, and sources with reliability', () => {
    const model = buildReportModel(reportData(fixture.store));
    const parties = rowText(table(model, 'parties'));
    const russia = parties.find((row) => row[0] === 'Russia')!;
    assert.equal(russia[2], 'Kremlin, Moscow, Россия');
    assert.match(russia[3]!, /Cap on Ukraine's armed forces: Accepts \(2025-11-27\); Withdrawal from the Donbas: Demands \(2025-11-25\)/);
    assert.ok(parties.some((row) => row[0] === '中国'));
    const sources = rowText(table(model, 'sources'));
    assert.deepEqual(sources.find((row) => row[0] === 'Marco Rubio'), ['Marco Rubio', 'Secretary of State', 'United States', 'A — Completely reliable', '1']);
    assert.deepEqual(sources.find((row) => row[0]!.startsWith('European diplomat')), ['European diplomat (anonymous)', '—', 'European Union', 'D — Not usually reliable', '1']);
  });

  it('reports progress up to the total', () => {
    const calls: [number, number][] = [];
    buildReportModel(reportData(fixture.store), { onProgress: (done, total) => calls.push([done, total]) });
    assert.deepEqual(calls.at(-1), [8, 8]);
    assert.deepEqual(calls[0], [0, 8]);
    assert.ok(calls.every(([done], index) => index === 0 || done > calls[index - 1]![0]), 'progress only moves forward');
  });
});

describe('scoping a report', () => {
  it('by publication date: documents, evidence and concessions in the range; stances as of its end', () => {
    const model = buildReportModel(reportData(fixture.store), { scope: { from: '2025-11-24', to: '2025-11-26' } });
    assert.deepEqual(model.documents.map((document) => document.title), [KREMLIN_TITLE]);
    assert.deepEqual(
      rowText(table(model, 'concessions')).map((row) => row[0]),
      ['Phased sanctions relief', 'Withdrawal from the Donbas'],
      'the cap has no evidence in the range',
    );
    assert.ok(quotes(model).every((quote) => quote!.meta.includes('D1 Financial Times')), 'renumbered from D1');
    assert.deepEqual(section(model, 'title').blocks[0]!.kind === 'title-page' && section(model, 'title').blocks[0], {
      ...(section(model, 'title').blocks[0] as object),
      scope: ['Documents published 2025-11-24 to 2025-11-26'],
    });
    const parties = rowText(table(model, 'parties')).map((row) => row[0]);
    assert.ok(!parties.includes('中国'), 'only parties the report refers to');
  });

  it('by end date only: a later stance does not count as the latest', () => {
    const model = buildReportModel(reportData(fixture.store), { scope: { to: '2025-11-28' } });
    const cap = rowText(table(model, 'concessions')).find((row) => row[0] === "Cap on Ukraine's armed forces")!;
    assert.match(cap[4]!, /Ukraine: Conditional \(2025-11-23\)/);
  });

  it('by party, concession and tag', () => {
    const byParty = buildReportModel(reportData(fixture.store), { scope: { partyIds: [fixture.parties.eu] } });
    assert.deepEqual(rowText(table(byParty, 'parties')).map((row) => row[0]), ['European Union']);
    assert.deepEqual(rowText(table(byParty, 'concessions')).map((row) => row[0]), ['Phased sanctions relief']);

    const byConcession = buildReportModel(reportData(fixture.store), { scope: { concessionIds: [fixture.concessions.donbas] } });
    assert.deepEqual(rowText(table(byConcession, 'concessions')).map((row) => row[0]), ['Withdrawal from the Donbas']);
    assert.deepEqual(byConcession.documents.map((document) => document.title), [KREMLIN_TITLE]);
    assert.equal(quotes(byConcession).length, 2);

    const byTag = buildReportModel(reportData(fixture.store), { scope: { tags: ['SEQUENCING'] }, sections: ['documents', 'articles'] });
    assert.deepEqual(byTag.documents.map((document) => document.title), [GENEVA_TITLE, KREMLIN_TITLE], 'tags match whatever their case');
  });
});

describe('pluggable sections', () => {
  it('a new builder appears in every writer without writer changes', () => {
    const digest = {
      id: 'stance-digest',
      title: 'Stance digest',
      byDefault: true,
      build: () => [{ kind: 'table' as const, columns: ['Party', 'Cap'], rows: [[['Russia'], ['Accepts']]] }],
    };
    const model = buildReportModel(reportData(fixture.store), { builders: [...SECTION_BUILDERS, digest], sections: ['title', 'stance-digest'] });
    assert.deepEqual(model.sections.map((s) => s.id), ['title', 'stance-digest']);
    assert.match(renderHtml(model), /<a href="#section-stance-digest">Stance digest<\/a>/);
    assert.match(renderMarkdown(model), /## Stance digest\n\n\| Party \| Cap \|\n\| --- \| --- \|\n\| Russia \| Accepts \|/);
  });
});

describe('articles with highlights', () => {
  const annotation = (id: string, type: Annotation['type'], text: string, quote: string, extra: Partial<Annotation> = {}): Annotation => {
    const start = text.indexOf(quote);
    return {
      id,
      type,
      start,
      end: start + quote.length,
      exact: quote,
      prefix: '',
      suffix: '',
      anchorStatus: 'anchored',
      note: null,
      tags: [],
      sourceName: null,
      partyName: null,
      concessionTitle: null,
      stancePartyName: null,
      stance: null,
      effectiveReliability: null,
      credibility: null,
      ...extra,
    } as Annotation;
  };

  it('splits paragraphs and overlapping spans into segments, numbering notes by position', () => {
    const text = 'Kyiv rejects the cap.\n\nMoscow demands the Donbas and more.';
    const block = articleBlock('d', text, [
      annotation('b', 'note', text, 'the Donbas and more', { note: 'check' }),
      annotation('a', 'concession_evidence', text, 'Moscow demands the Donbas'),
      annotation('c', 'attribution', text, 'gone', { anchorStatus: 'orphan', start: 0, end: 4 }),
    ]);
    assert.equal(block.paragraphs.length, 2);
    assert.deepEqual(block.paragraphs[0], [{ text: 'Kyiv rejects the cap.', types: [], markers: [] }]);
    assert.deepEqual(block.paragraphs[1], [
      { text: 'Moscow demands ', types: ['concession_evidence'], markers: [] },
      { text: 'the Donbas', types: ['concession_evidence', 'note'], markers: [1] },
      { text: ' and more', types: ['note'], markers: [2] },
      { text: '.', types: [], markers: [] },
    ]);
    assert.deepEqual(
      block.notes.map((note) => [note.number, note.type, note.orphan]),
      [
        [1, 'concession_evidence', false],
        [2, 'note', false],
        [3, 'attribution', true],
      ],
    );
  });
});

describe('a report from plain data', () => {
  it('needs no store: the read model it is handed is all it reads, texts only for the articles it prints', () => {
    const data = reportData(fixture.store);
    const asked: string[] = [];
    const plain = { ...JSON.parse(JSON.stringify({ ...data, documentText: undefined })), documentText: (id: string) => (asked.push(id), data.documentText(id)) };
    const withoutArticles = buildReportModel(plain, { sections: ['title', 'evidence'], date: '2025-11-30' });
    assert.deepEqual(asked, [], 'no text is read when no section prints articles');
    assert.equal(withoutArticles.meta.caseName, CASE_NAME);
    buildReportModel(plain, { sections: ['articles'], scope: { documentIds: [fixture.documents.geneva] } });
    assert.deepEqual(asked, [fixture.documents.geneva], 'only the document in scope');
  });
});
