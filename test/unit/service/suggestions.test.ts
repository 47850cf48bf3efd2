// Suggestions in a case: stored pending, accepted exactly as the A/P/C forms would (one undo step),
// rejected and remembered, re-anchored on re-extraction, and never seen by grids, reports or exports.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import { AnnotationCreateInput } from '../../../shared/model/annotation';
import type { Suggestion } from '../../../shared/model/suggestion';
import { addVersion, planVersion } from '../../../electron/service/plans';
import { replaceText } from '../../../electron/service/reextract';
import { createService, type ParleyService } from '../../../electron/service/service';
import { acceptAbove, acceptSuggestions, caseKnowledge, knowledgeFor, rejectSuggestions, storeRun, toSuggestion } from '../../../electron/service/suggestions';
import { mergeBundle, writeBundle } from '../../../electron/exchange/bundle';
import { buildCaseDump, importCaseDump } from '../../../electron/exchange/json-dump';
import { rawDatabase } from '../../../electron/store/raw-database';
import { Store } from '../../../electron/store/index';
import { suggest } from '../../../electron/suggest/index';
import { tempDir } from '../../helpers/temp';
import { addDocument } from '../store/helpers/case-fixtures';

export const TALKS = `Kyiv rejects land swap as talks resume in Geneva

GENEVA (Wire) - Ukrainian President Volodymyr Zelensky said on Monday that Ukraine would never cede the Donbas region. "We will not give up our land," Zelensky told reporters after meeting European leaders.

Kremlin spokesman Dmitry Peskov said Russia demanded that Ukraine withdraw its troops from Donetsk before any ceasefire. "The root causes must be addressed first," Peskov said.

A senior US official said Washington was pressing both sides to agree to a ceasefire along the current front line.`;

let store: Store;
const dir = tempDir();
let counter = 0;
beforeEach(() => {
  store?.close();
  store = Store.create(join(dir, `suggestions-${++counter}.parley`));
});

/** Run the engine in this thread (the pool runs the same function) and store its proposals. */
const run = (documentId: string, text = store.documents.body(documentId).text) =>
  storeRun(store, documentId, text, suggest(text, knowledgeFor(store, caseKnowledge(store), documentId)));
const pending = (documentId: string, kind?: Suggestion['kind']) =>
  store.suggestions.list({ documentId, state: 'pending', kind, limit: 1000, offset: 0 }).rows.map(toSuggestion);
const find = (documentId: string, kind: Suggestion['kind'], test: (suggestion: Suggestion) => boolean) => {
  const found = pending(documentId, kind).find(test);
  assert.ok(found, `a pending ${kind} suggestion (have: ${pending(documentId, kind).map((s) => s.text).join(' | ')})`);
  return found;
};

describe('storing suggestions', () => {
  it('stores a run as pending with spans into the text, counted per document, and replaces it on a re-run', () => {
    const documentId = addDocument(store, TALKS);
    const stored = run(documentId);
    assert.ok(stored >= 5, `${stored} stored`);
    for (const suggestion of pending(documentId)) {
      for (const span of suggestion.spans) assert.equal(TALKS.slice(span.start, span.end), span.exact);
      assert.ok(suggestion.confidence > 0 && suggestion.confidence <= 1);
      assert.ok(suggestion.rule);
    }
    assert.deepEqual(store.suggestions.pendingCounts(), [{ documentId, pending: stored }]);
    assert.equal(run(documentId), stored, 'a re-run replaces, not adds');
    assert.equal(pending(documentId).length, stored);
  });

  it('leaves no trace in annotations, parties, sources or concessions while pending', () => {
    const documentId = addDocument(store, TALKS);
    run(documentId);
    const counts = store.counts();
    assert.equal(counts.annotations, 0);
    assert.equal(counts.parties, 0);
    assert.equal(counts.sources, 0);
    assert.equal(counts.concessions, 0);
  });
});

describe('accepting', () => {
  it('a new party: creates it with its aliases and one mention per span, in one undo step; undo makes it pending again', () => {
    const documentId = addDocument(store, TALKS);
    run(documentId);
    const russia = find(documentId, 'party', (s) => s.party?.name === 'Russia');
    const result = acceptSuggestions(store, [russia.id]);
    assert.equal(result.accepted.length, 1);
    const party = store.parties.list().find((p) => p.name === 'Russia');
    assert.ok(party);
    assert.equal(party.kind, 'state');
    assert.ok(party.aliases.includes('Kremlin'), `aliases ${party.aliases.join(', ')}`);
    const mentions = store.annotations.list({ documentId, type: 'party_mention', limit: 100, offset: 0 }).rows;
    assert.equal(mentions.length, russia.spans.length);
    assert.ok(mentions.every((mention) => mention.partyId === party.id));
    assert.equal(store.suggestions.get(russia.id).state, 'accepted');
    assert.equal(store.history.state().undoLabel, 'Accept suggested party');

    store.history.undo();
    assert.equal(store.counts().annotations, 0);
    assert.equal(store.counts().parties, 0);
    assert.equal(store.suggestions.get(russia.id).state, 'pending', 'undo brings the suggestion back');
    store.history.redo();
    assert.equal(store.suggestions.get(russia.id).state, 'accepted', 'redo accepts it again');
    assert.equal(store.counts().annotations, russia.spans.length);
  });

  it('an attribution: creates the source once and reuses it for the same speaker; the quote kind travels', () => {
    const documentId = addDocument(store, TALKS);
    run(documentId);
    const quotes = pending(documentId, 'attribution').filter((s) => s.attribution?.speaker === 'Dmitry Peskov');
    assert.ok(quotes.length >= 2);
    const result = acceptSuggestions(store, quotes.map((s) => s.id));
    assert.equal(result.accepted.length, quotes.length);
    const sources = store.sources.list();
    assert.deepEqual(sources.map((s) => s.name), ['Dmitry Peskov']);
    const attributions = store.annotations.list({ documentId, type: 'attribution', limit: 100, offset: 0 }).rows;
    assert.equal(attributions.length, quotes.length);
    assert.ok(attributions.every((a) => a.sourceId === sources[0]!.id));
    const direct = attributions.find((a) => a.exact.includes('root causes'));
    assert.equal(direct?.quoteKind, 'direct');
    assert.equal(store.history.state().undoLabel, `Accept ${quotes.length} suggestions`);
  });

  it('an anonymous source stays anonymous', () => {
    const documentId = addDocument(store, TALKS);
    run(documentId);
    const official = find(documentId, 'attribution', (s) => !!s.attribution?.anonymous);
    acceptSuggestions(store, [official.id]);
    const [source] = store.sources.list();
    assert.equal(source?.anonymous, true);
  });

  it('a concession: creates the concession with its issue area and records the stance of a known party', () => {
    const documentId = addDocument(store, TALKS);
    run(documentId);
    acceptSuggestions(store, [find(documentId, 'party', (s) => s.party?.name === 'Ukraine').id]);
    const refusal = find(documentId, 'concession', (s) => s.concession?.stance === 'rejects' && s.text.includes('never cede'));
    acceptSuggestions(store, [refusal.id]);
    const [concession] = store.concessions.list();
    assert.ok(concession);
    assert.equal(concession.issueAreaName, 'Territory');
    assert.equal(concession.concedingPartyName, 'Ukraine');
    assert.deepEqual(concession.stances.map((s) => [s.partyName, s.stance]), [['Ukraine', 'rejects']]);
  });

  it('edit-then-accept: takes the annotation as the analyst completed it', () => {
    const documentId = addDocument(store, TALKS);
    run(documentId);
    const quote = find(documentId, 'attribution', (s) => s.text.includes('give up our land'));
    const [span] = quote.spans;
    const edited = AnnotationCreateInput.parse({
      documentId,
      type: 'attribution',
      selector: { exact: span!.exact, prefix: '', suffix: '', start: span!.start, end: span!.end },
      newSource: { name: 'President Zelensky', anonymous: false },
      quoteKind: 'direct',
      reliability: 'B',
    });
    const result = acceptSuggestions(store, [quote.id], edited);
    assert.equal(result.accepted.length, 1);
    const annotation = store.annotations.get(result.annotationIds[0]!);
    assert.equal(annotation.sourceName, 'President Zelensky');
    assert.equal(annotation.reliability, 'B');
  });

  it('accept all above a confidence accepts only that kind, at or above it', () => {
    const documentId = addDocument(store, TALKS);
    run(documentId);
    const parties = pending(documentId, 'party');
    const above = parties.filter((s) => s.confidence >= 0.9);
    const result = acceptAbove(store, 'party', 0.9, documentId);
    assert.equal(result.accepted.length, above.length);
    assert.deepEqual(pending(documentId, 'party').map((s) => s.id).sort(), parties.filter((s) => s.confidence < 0.9).map((s) => s.id).sort());
    assert.equal(store.counts().sources, 0, 'no other kind accepted');
  });

  it('a re-run does not propose again what was accepted, and resolves to the parties the case now knows', () => {
    const documentId = addDocument(store, TALKS);
    run(documentId);
    acceptSuggestions(store, [find(documentId, 'party', (s) => s.party?.name === 'Russia').id]);
    run(documentId);
    assert.ok(!pending(documentId, 'party').some((s) => s.party?.name === 'Russia'));
    // In the next article, "Kremlin" resolves to the case's Russia.
    const next = addDocument(store, 'MOSCOW (Wire) - The Kremlin said on Tuesday that it would study the plan.');
    run(next);
    const russia = pending(next, 'party').find((s) => s.party?.name === 'Russia');
    assert.ok(russia?.party?.partyId, 'resolved to the case party');
  });
});

describe('rejecting', () => {
  it('remembers the rejection: a re-run does not propose it again; the rejection is shared through the operation log', () => {
    const documentId = addDocument(store, TALKS);
    run(documentId);
    const quote = find(documentId, 'attribution', (s) => s.text.includes('root causes'));
    rejectSuggestions(store, [quote.id]);
    assert.equal(store.suggestions.get(quote.id).state, 'rejected');
    run(documentId);
    assert.ok(!pending(documentId, 'attribution').some((s) => s.text.includes('root causes')), 'stays gone');
    const operations = rawDatabase(store).prepare("SELECT count(*) AS n FROM operations WHERE aggregate = 'suggestion_rejection'").get() as { n: number };
    assert.ok(operations.n > 0, 'the rejection travels');
    assert.equal(store.history.state().undoLabel, 'Reject suggested attribution');
  });

  it('is undoable: undo makes the suggestion pending again (and a re-run offers it), redo rejects it again', () => {
    const documentId = addDocument(store, TALKS);
    run(documentId);
    const quote = find(documentId, 'attribution', (s) => s.text.includes('root causes'));
    rejectSuggestions(store, [quote.id]);
    store.history.undo();
    assert.equal(store.suggestions.get(quote.id).state, 'pending');
    assert.deepEqual(store.suggestions.rejectionsOf(documentId), []);
    run(documentId);
    assert.ok(pending(documentId, 'attribution').some((s) => s.text.includes('root causes')), 'offered again after the undo');
    const again = find(documentId, 'attribution', (s) => s.text.includes('root causes'));
    rejectSuggestions(store, [again.id]);
    store.history.undo();
    store.history.redo();
    assert.equal(store.suggestions.get(again.id).state, 'rejected');
    run(documentId);
    assert.ok(!pending(documentId, 'attribution').some((s) => s.text.includes('root causes')), 'gone again after the redo');
  });

  it('a bulk reject is one undo step: one undo brings every one of them back', () => {
    const documentId = addDocument(store, TALKS);
    run(documentId);
    const before = pending(documentId).length;
    const some = pending(documentId, 'party').slice(0, 3);
    assert.equal(some.length, 3);
    rejectSuggestions(store, some.map((s) => s.id));
    assert.equal(pending(documentId).length, before - 3);
    assert.equal(store.history.state().undoLabel, 'Reject 3 suggestions');
    store.history.undo();
    assert.equal(pending(documentId).length, before);
    assert.equal(store.history.state().canUndo, false, 'nothing else was on the stack');
  });

  it('remembers where: a rejected concession sentence keeps its span, and the span is dropped once the text there changed', () => {
    const documentId = addDocument(store, TALKS);
    run(documentId);
    const concession = find(documentId, 'concession', (s) => s.text.includes('pressing both sides'));
    rejectSuggestions(store, [concession.id]);
    const [rejection] = store.suggestions.rejectionsOf(documentId);
    assert.deepEqual([rejection!.kind, rejection!.start, rejection!.end], ['concession', concession.spans[0]!.start, concession.spans[0]!.end]);
    const text = store.documents.body(documentId).text;
    assert.deepEqual(knowledgeFor(store, caseKnowledge(store), documentId, text).rejected, [{ kind: 'concession', text: concession.text, start: rejection!.start, end: rejection!.end }]);
    // The words moved (a lead added by re-extraction): the rejection applies wherever they are.
    assert.deepEqual(knowledgeFor(store, caseKnowledge(store), documentId, `UPDATED: ${text}`).rejected, [{ kind: 'concession', text: concession.text }]);
    // A party is rejected in the whole document: no span.
    const party = find(documentId, 'party', (s) => s.party?.name === 'Russia');
    rejectSuggestions(store, [party.id]);
    assert.deepEqual(store.suggestions.rejectionsOf(documentId).filter((r) => r.kind === 'party').map((r) => [r.start, r.end]), [[null, null]]);
  });
});

describe('re-extraction', () => {
  it('moves pending suggestions with their words and drops those whose words are gone', () => {
    const documentId = addDocument(store, TALKS);
    run(documentId);
    const before = pending(documentId);
    const lead = 'UPDATED: ';
    const shorter = TALKS.replace('"The root causes must be addressed first," Peskov said.', '');
    replaceText(store, documentId, { text: lead + shorter, html: null, contentHash: 'changed' });
    const after = pending(documentId);
    assert.ok(after.length < before.length, 'the removed quote went');
    for (const suggestion of after) for (const span of suggestion.spans) assert.equal((lead + shorter).slice(span.start, span.end), span.exact);
  });
});

describe('through the service', () => {
  let service: ParleyService;
  after(async () => service?.dispose());

  it('suggests after import in the worker pool, and nothing pending appears in grids, reports or exports', async () => {
    service = createService({ backups: { onOpen: false, everyMinutes: 0 }, importWorkers: 1 });
    service.session.create(join(dir, 'through-service.parley'));
    const [upload] = await service.imports.importUpload('talks.txt', Buffer.from(TALKS));
    assert.equal(upload?.status, 'imported');
    await service.suggestions.idle();
    const counts = await service.call('suggestion:counts', {});
    assert.equal(counts.length, 1);
    assert.ok(counts[0]!.pending > 0);
    const page = await service.call('suggestion:list', { documentId: upload!.documentId! });
    assert.equal(page.total, counts[0]!.pending);

    assert.equal((await service.call('annotation:list', {})).total, 0);
    assert.equal((await service.call('party:list', {})).length, 0);
    assert.equal((await service.call('source:list', {})).length, 0);
    const report = await service.call('report:render', { format: 'md' });
    const markdown = Buffer.from(report.dataBase64, 'base64').toString('utf8');
    assert.ok(!markdown.includes('Dmitry Peskov'), 'no pending speaker in the report');
    const dump = await service.call('export:data', { format: 'json' });
    const json = Buffer.from(dump.dataBase64, 'base64').toString('utf8');
    assert.ok(!/suggestion/i.test(json), 'suggestions are not case content');
    assert.deepEqual((JSON.parse(json) as { annotations: unknown[] }).annotations, [], 'no pending annotation in the case dump');

    // The same run on demand, and bad input refused with a reason.
    const progress = await service.call('suggestion:run', { documentIds: [upload!.documentId!] });
    assert.equal(progress.state, 'running');
    const done = await service.suggestions.idle();
    assert.equal(done.state, 'done');
    assert.equal(done.done, 1);
    const bad = await service.dispatch('suggestion:accept-above', { kind: 'party', minConfidence: 2 });
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.error.code, 'invalid_input');
  });
});

describe('learning from the analyst', () => {
  it('a source confirmed in one article is who "Peskov" is in the next', () => {
    const first = addDocument(store, TALKS);
    run(first);
    acceptSuggestions(store, [find(first, 'attribution', (s) => s.text.includes('root causes')).id]);
    const [peskov] = store.sources.list();
    assert.equal(peskov?.name, 'Dmitry Peskov');
    const next = addDocument(store, 'MOSCOW (Wire) - The Kremlin kept its distance on Tuesday. "We are studying the text carefully," Peskov told reporters.');
    run(next);
    const quote = find(next, 'attribution', (s) => s.text.includes('studying the text'));
    acceptSuggestions(store, [quote.id]);
    assert.equal(store.sources.list().length, 1, 'no second source');
    const [annotation] = store.annotations.list({ documentId: next, type: 'attribution', limit: 10, offset: 0 }).rows;
    assert.equal(annotation?.sourceId, peskov.id);
  });
});

describe('sharing a case', () => {
  it('a rejection travels with the case’s operations; pending suggestions do not', () => {
    const documentId = addDocument(store, TALKS);
    run(documentId);
    const quote = find(documentId, 'attribution', (s) => s.text.includes('root causes'));
    rejectSuggestions(store, [quote.id]);
    const colleague = Store.create(join(dir, `colleague-${++counter}.parley`), {}, { seed: false });
    try {
      const operations = store.operations.operations();
      assert.ok(!operations.some((op) => op.aggregate.startsWith('suggestion') && op.aggregate !== 'suggestion_rejection'), 'pending suggestions are local');
      const bytes = new Map([[rawDatabase(store).prepare('SELECT sha256, bytes FROM originals').get() as { sha256: string; bytes: Uint8Array }].map((row) => [row.sha256, row.bytes] as const)[0]!]);
      colleague.operations.apply(operations, 'hub', { blobs: bytes });
      assert.deepEqual(colleague.suggestions.rejectionsOf(documentId).map((r) => r.text), [quote.text]);
      // The colleague suggests the shared article: the rejected quote is not offered there either.
      const text = colleague.documents.body(documentId).text;
      storeRun(colleague, documentId, text, suggest(text, knowledgeFor(colleague, caseKnowledge(colleague), documentId)));
      const theirs = colleague.suggestions.list({ documentId, state: 'pending', limit: 1000, offset: 0 }).rows;
      assert.ok(theirs.length > 0);
      assert.ok(!theirs.some((row) => row.text.includes('root causes')));
    } finally {
      colleague.close();
    }
  });
});

describe('plan points', () => {
  const PLAN_TEXT = Array.from({ length: 28 }, (_, index) => `${index + 1}. Point ${index + 1} of the draft.`).join('\n');
  const ARTICLE = `Kyiv weighs the draft\n\nGENEVA (Wire) - Under point 7 of the 28-point plan, Ukraine would renounce NATO membership, officials said.\n\nThe talks resume on Friday.`;
  const withPlan = () => {
    const plan = store.plans.create({ title: 'US peace plan', proposedByPartyId: null, notes: null });
    const version = addVersion(store, { planId: plan.id, label: '28-point draft', dated: '2025-11-20', notes: null, text: PLAN_TEXT });
    return { plan, version, point7: version.points.find((point) => point.number === 7)! };
  };

  it('a concession suggestion names the case plan point its sentence mentions; accepting links the new concession to it, undo takes both back', () => {
    const { plan, point7 } = withPlan();
    const documentId = addDocument(store, ARTICLE);
    run(documentId);
    const suggestion = find(documentId, 'concession', (s) => s.text.includes('point 7'));
    assert.deepEqual([suggestion.concession?.planId, suggestion.concession?.planPointId], [plan.id, point7.id]);
    assert.equal(suggestion.concession?.planPointLabel, 'point 7 of US peace plan · 28-point draft');
    acceptSuggestions(store, [suggestion.id]);
    const [concession] = store.concessions.list();
    assert.equal(concession?.planPointId, point7.id);
    assert.equal(planVersion(store, point7.versionId).points.find((point) => point.id === point7.id)?.concessions.length, 1, 'the plan tracker shows it on point 7');
    store.history.undo();
    assert.equal(store.concessions.list().length, 0);
    assert.equal(store.suggestions.get(suggestion.id).state, 'pending');
  });

  it('an existing concession the sentence matches is linked to the point when it has none, and left alone when the analyst linked it elsewhere', () => {
    const { point7, version } = withPlan();
    const point9 = version.points.find((point) => point.number === 9)!;
    const documentId = addDocument(store, ARTICLE);
    const existing = store.concessions.create({ title: 'Ukraine renounces NATO membership', issueAreaId: null, concedingPartyId: null, beneficiaryPartyId: null, proposedByPartyId: null, status: 'proposed', planPointId: null, description: null });
    run(documentId);
    const suggestion = find(documentId, 'concession', (s) => s.text.includes('point 7'));
    assert.equal(suggestion.concession?.concessionId, existing.id, 'matched to the case concession');
    acceptSuggestions(store, [suggestion.id]);
    assert.equal(store.concessions.get(existing.id).planPointId, point7.id);
    store.history.undo();
    assert.equal(store.concessions.get(existing.id).planPointId, null, 'one undo step takes the link back with the annotation');
    store.concessions.change(existing.id, { planPointId: point9.id });
    acceptSuggestions(store, [suggestion.id]);
    assert.equal(store.concessions.get(existing.id).planPointId, point9.id, "the analyst's own link stands");
  });
});

describe('rejections in bundles', () => {
  /** The colleague's own case, with the same article imported on their side (another id, same text). */
  const colleagueCase = () => {
    const colleague = Store.create(join(dir, `colleague-bundle-${++counter}.parley`));
    const documentId = addDocument(colleague, TALKS, { contentHash: 'hash-of-talks' });
    return { colleague, documentId };
  };
  const runIn = (target: Store, documentId: string) => {
    const text = target.documents.body(documentId).text;
    return storeRun(target, documentId, text, suggest(text, knowledgeFor(target, caseKnowledge(target), documentId, text)));
  };
  const pendingIn = (target: Store, documentId: string) => target.suggestions.list({ documentId, state: 'pending', limit: 1000, offset: 0 }).rows;
  /** The two suggestions rejected on this side. */
  const gone = (row: { kind: string; text: string }) => (row.kind === 'attribution' && row.text.includes('root causes')) || (row.kind === 'concession' && row.text.includes('pressing both sides'));

  for (const scope of ['some documents', 'the whole case'] as const) {
    it(`a bundle of ${scope} carries the rejections: the colleague's queue hides them now, and their re-run does not resurrect them`, () => {
      const documentId = addDocument(store, TALKS, { contentHash: 'hash-of-talks' });
      run(documentId);
      const quote = find(documentId, 'attribution', (s) => s.text.includes('root causes'));
      const concession = find(documentId, 'concession', (s) => s.text.includes('pressing both sides'));
      rejectSuggestions(store, [quote.id, concession.id]);
      const { colleague, documentId: theirs } = colleagueCase();
      try {
        runIn(colleague, theirs);
        assert.ok(pendingIn(colleague, theirs).some((row) => row.text.includes('root causes')), 'offered there before the merge');
        const bundle = join(dir, `rejections-${counter}.parley-bundle`);
        writeBundle(store, bundle, scope === 'some documents' ? { documentIds: [documentId] } : {});
        const result = mergeBundle(colleague, bundle);
        assert.ok(result.remapped.some((item) => item.aggregate === 'document' && item.localId === theirs), 'the article is matched by its text');
        // Their pending copies of what was rejected here read as rejected at once…
        assert.ok(!pendingIn(colleague, theirs).some((row) => gone(row)), `hidden at once (${JSON.stringify(result)})`);
        assert.deepEqual(colleague.suggestions.rejectionsOf(theirs).map((r) => r.kind).sort(), ['attribution', 'concession']);
        // …and a re-run does not propose them again.
        runIn(colleague, theirs);
        const after = pendingIn(colleague, theirs);
        assert.ok(after.length > 0, 'the rest is proposed');
        assert.ok(!after.some((row) => gone(row)), 'not resurrected');
        // Merging the same bundle again adds nothing.
        assert.equal(mergeBundle(colleague, bundle).added, 0);
        assert.equal(colleague.suggestions.rejectionsOf(theirs).length, 2);
      } finally {
        colleague.close();
      }
    });
  }

  it('a case dump without rejections reads as before (no key), and one with them round-trips', () => {
    const documentId = addDocument(store, TALKS);
    run(documentId);
    assert.equal(buildCaseDump(store).suggestion_rejections, undefined);
    rejectSuggestions(store, [find(documentId, 'concession', (s) => s.text.includes('pressing both sides')).id]);
    const dump = buildCaseDump(store);
    assert.equal(dump.suggestion_rejections?.length, 1);
    const copy = Store.create(join(dir, `dump-copy-${++counter}.parley`), {}, { seed: false });
    try {
      importCaseDump(copy, JSON.parse(JSON.stringify(dump)));
      assert.deepEqual(copy.suggestions.rejectionsOf(documentId), store.suggestions.rejectionsOf(documentId));
    } finally {
      copy.close();
    }
  });
});

describe('opening a case in the app', () => {
  let app: ParleyService | undefined;
  after(async () => app?.dispose());

  it('proposes suggestions for articles imported without them (by the command line)', async () => {
    const path = join(dir, 'imported-by-cli.parley');
    const cli = Store.create(path);
    const documentId = addDocument(cli, TALKS);
    cli.close();
    app = createService({ backups: { onOpen: false, everyMinutes: 0 }, importWorkers: 1, warmImportWorkers: true });
    app.session.open(path);
    const done = await app.suggestions.idle();
    assert.equal(done.done, 1);
    assert.ok(app.session.current().suggestions.pendingCounts().some((count) => count.documentId === documentId && count.pending > 0));
  });
});
