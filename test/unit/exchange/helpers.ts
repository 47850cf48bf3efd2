/** A small annotated case for exchange tests. */
import { join } from 'node:path';
import { AnnotationCreateInput } from '../../../shared/model/annotation';
import { createAnnotation } from '../../../electron/service/annotations';
import { Store } from '../../../electron/store/index';
import { GENEVA, SANCTIONS, addConcession, addDocument, addParty, addSource, span } from '../store/helpers/case-fixtures';

export function annotatedCase(dir: string, name: string) {
  const store = Store.create(join(dir, `${name}.parley`));
  const geneva = addDocument(store, GENEVA, { url: 'https://example.org/geneva' });
  const sanctions = addDocument(store, SANCTIONS, { title: '=HYPERLINK("http://evil")', publishedAt: '2025-11' });
  const russia = addParty(store, 'Russia', ['Kremlin', 'Moscow']);
  const hungary = addParty(store, 'Hungary');
  const official = addSource(store, 'Senior US official');
  const area = store.issueAreas.list()[0]!;
  const concession = addConcession(store, 'Release frozen assets', { concedingPartyId: russia.id, issueAreaId: area.id });
  const create = (input: Parameters<typeof AnnotationCreateInput.parse>[0]) => createAnnotation(store, AnnotationCreateInput.parse(input));
  const attribution = create({
    documentId: geneva,
    type: 'attribution',
    selector: span(GENEVA, 'productive and meaningful'),
    sourceId: official.id,
    credibility: 3,
    reliability: 'B',
    quoteKind: 'direct',
    channel: 'briefing',
    tags: ['talks', '+tone'],
    note: 'said, "off the record", to reporters',
  });
  const mention = create({ documentId: sanctions, type: 'party_mention', selector: span(SANCTIONS, 'Hungary'), partyId: hungary.id });
  const evidence = create({
    documentId: sanctions,
    type: 'concession_evidence',
    selector: span(SANCTIONS, 'frozen Russian assets be released'),
    concessionId: concession.id,
    stancePartyId: hungary.id,
    stance: 'demands',
  });
  const note = create({ documentId: geneva, type: 'note', selector: span(GENEVA, 'Russia has not commented'), note: '-1 day later they did' });
  return { store, geneva, sanctions, russia, hungary, official, concession, attribution, mention, evidence, note };
}
