import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AnnotationCreateInput } from '../../../shared/model/annotation';
import { buildReportModel, plainText, type ReportModel } from '../../../electron/report/model';
import { renderMarkdown } from '../../../electron/report/markdown';
import { createAnnotation } from '../../../electron/service/annotations';
import { reportData } from '../../../electron/service/exports';
import { Store } from '../../../electron/store/index';
import { tempDir } from '../../helpers/temp';
import { addConcession, addDocument, addParty, span } from '../store/helpers/case-fixtures';

const TALKS = 'GENEVA — Negotiators met again. Russia demands that Ukraine cede the rest of Donetsk, the draft says.';
const PESKOV = 'MOSCOW — "There is no deal yet," Kremlin spokesman Dmitry Peskov told reporters on Tuesday.';
const UMEROV = 'KYIV — "We will not give up territory," Rustem Umerov said after the meeting.';
const YOGA = 'The ten best yoga mats of the year, tested by our reviewers on hard floors and carpet alike.';

/** A case where only some documents are quoted: the rest must not be listed as cited. */
function reportCase() {
  const store = Store.create(join(tempDir(), 'citations.parley'));
  const talks = addDocument(store, TALKS, { title: 'Geneva talks resume', publishedAt: null, publishedPrecision: null });
  const peskov = addDocument(store, PESKOV, { title: 'Kremlin: no deal yet', publishedAt: '2025-11-25' });
  const umerov = addDocument(store, UMEROV, { title: 'Kyiv holds the line', publishedAt: '2025-11-26' });
  addDocument(store, YOGA, { title: 'The best yoga mats', outlet: 'Lifestyle Weekly', publishedAt: '2025-11-20' });
  const russia = addParty(store, 'Russia', ['Kremlin']);
  const concession = addConcession(store, 'Ukraine cedes Donetsk');
  const create = (input: Parameters<typeof AnnotationCreateInput.parse>[0]) => createAnnotation(store, AnnotationCreateInput.parse(input));
  // The article's own account: no source, so no grade.
  create({ documentId: talks, type: 'concession_evidence', selector: span(TALKS, 'Russia demands that Ukraine cede the rest of Donetsk'), concessionId: concession.id, stancePartyId: russia.id, stance: 'demands' });
  // A new source starts at F ("cannot be judged"): never graded by the analyst.
  const peskovSource = store.sources.create({ name: 'Dmitry Peskov', role: 'Kremlin spokesman', partyId: russia.id, anonymous: false, defaultReliability: 'F', notes: null });
  create({ documentId: peskov, type: 'attribution', selector: span(PESKOV, 'There is no deal yet'), sourceId: peskovSource.id });
  const umerovSource = store.sources.create({ name: 'Rustem Umerov', role: null, partyId: null, anonymous: false, defaultReliability: 'F', notes: null });
  create({ documentId: umerov, type: 'attribution', selector: span(UMEROV, 'We will not give up territory'), sourceId: umerovSource.id, reliability: 'B', credibility: 2 });
  return { store, talks, peskov, umerov, russia, concession };
}

const sectionText = (model: ReportModel, id: string) =>
  (model.sections.find((section) => section.id === id)?.blocks ?? [])
    .map((block) => (block.kind === 'table' ? block.rows.map((row) => row.map(plainText).join(' | ')).join('\n') : block.kind === 'quote' ? `${block.text} — ${plainText(block.meta)}` : block.kind === 'paragraph' ? plainText(block.runs) : ''))
    .join('\n');

describe('a report cites what it cites', () => {
  it('"Documents cited" lists exactly the documents its evidence comes from, numbered first', () => {
    const c = reportCase();
    const model = buildReportModel(reportData(c.store));
    const cited = sectionText(model, 'documents');
    assert.match(cited, /Geneva talks resume/);
    assert.match(cited, /Kremlin: no deal yet/, 'attributed statements are in the report by default');
    assert.match(cited, /Kyiv holds the line/);
    assert.doesNotMatch(cited, /yoga/i, 'an uncited document is not listed');
    assert.deepEqual(cited.split('\n').map((line) => line.split(' | ')[0]), ['D1', 'D2', 'D3']);
    assert.equal(model.sections.some((section) => section.id === 'documents-in-scope'), false, 'the full list is an option');
    c.store.close();
  });

  it('without the attributed statements, only the evidence document is cited', () => {
    const c = reportCase();
    const model = buildReportModel(reportData(c.store), { sections: ['evidence', 'documents'] });
    const cited = sectionText(model, 'documents');
    assert.deepEqual(cited.split('\n').length, 1);
    assert.match(cited, /^D1 \| .*Geneva talks resume/);
    // The evidence quote points at D1, the number it has in that list.
    assert.match(sectionText(model, 'evidence'), /D1/);
    c.store.close();
  });

  it('"all documents in scope" is a separate appendix when asked for', () => {
    const c = reportCase();
    const model = buildReportModel(reportData(c.store), { sections: ['evidence', 'documents', 'documents-in-scope'] });
    const all = sectionText(model, 'documents-in-scope');
    assert.match(all, /4 documents in scope, 1 of them cited above/);
    assert.match(all, /D1 \| .*Geneva talks resume/);
    assert.match(all, /yoga mats/);
    assert.doesNotMatch(sectionText(model, 'documents'), /yoga/);
    // Markdown footnotes are only for what is cited.
    assert.doesNotMatch(renderMarkdown(model).split('\n').filter((line) => line.startsWith('[^')).join('\n'), /yoga/);
    c.store.close();
  });
});

describe('grades are printed only where the analyst gave one', () => {
  it('ungraded is not F6; the article’s own account says "the article reports"', () => {
    const c = reportCase();
    const model = buildReportModel(reportData(c.store));
    const statements = sectionText(model, 'attributions');
    assert.match(statements, /There is no deal yet — Dmitry Peskov · D\d/);
    assert.match(statements, /We will not give up territory — Rustem Umerov · grade B2/);
    assert.doesNotMatch(statements, /F6|grade F/);
    const evidence = sectionText(model, 'evidence');
    assert.match(evidence, /Russia demands that Ukraine cede the rest of Donetsk — The article reports · Russia: demands/);
    assert.doesNotMatch(evidence, /Unattributed|grade/);
    c.store.close();
  });

  it('the attributed statements are in the report by default', () => {
    const c = reportCase();
    assert.ok(buildReportModel(reportData(c.store)).sections.some((section) => section.id === 'attributions'));
    c.store.close();
  });
});

describe("a stance's date", () => {
  it("follows its evidence's article date, also when that date is set after the stance", () => {
    const c = reportCase();
    const stance = () => c.store.concessions.get(c.concession.id).stances[0]!;
    assert.equal(stance().asOf, null, 'undated article, undated stance');
    c.store.documents.change(c.talks, { publishedAt: '2025-11-24' });
    assert.equal(stance().asOf, '2025-11-24');
    assert.equal(stance().asOfFromEvidence, true);
    const model = buildReportModel(reportData(c.store), { sections: ['evidence'] });
    assert.match(sectionText(model, 'evidence'), /Russia \| Demands \| 2025-11-24/);
    c.store.close();
  });

  it('keeps the date the analyst set', () => {
    const c = reportCase();
    const set = c.store.concessions.setStance({ concessionId: c.concession.id, partyId: c.russia.id, stance: 'conditional', asOf: '2025-11-30', annotationId: null, note: null });
    c.store.documents.change(c.talks, { publishedAt: '2025-11-24' });
    const stances = c.store.concessions.get(c.concession.id).stances;
    assert.deepEqual(stances.map((entry) => [entry.stance, entry.asOf, entry.asOfFromEvidence]), [
      ['demands', '2025-11-24', true],
      ['conditional', '2025-11-30', false],
    ]);
    assert.equal(set.asOf, '2025-11-30');
    c.store.close();
  });
});
