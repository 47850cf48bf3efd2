/**
 * A small case for the analysis views' e2e tests: three articles of our own (two dated, one not),
 * four parties, three concessions, and evidence with stances that leave one gap (Russia demands
 * the Donbas, Ukraine rejects it), all made through the service's contract.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParleyService } from '../../electron/service/service';
import type { Stance } from '../../shared/model/vocabulary';

const FIXTURES = resolve(fileURLToPath(new URL('../fixtures/analysis', import.meta.url)));

export interface AnalysisCase {
  documents: { geneva: string; kyiv: string; background: string };
  parties: Record<'russia' | 'ukraine' | 'us' | 'eu', string>;
  concessions: Record<'donbas' | 'cap' | 'guarantees', string>;
}

export async function seedAnalysisCase(service: ParleyService): Promise<AnalysisCase> {
  const names = ['geneva-talks.txt', 'kyiv-response.txt', 'background.txt'];
  const results = await service.importFiles(names.map((name) => join(FIXTURES, name)));
  // Workers finish in any order: find each article by its file.
  const [geneva, kyiv, background] = names.map((name) => {
    const result = results.find((entry) => entry.file.endsWith(name));
    if (!result?.documentId) throw new Error(`fixture not imported: ${name} ${result?.error ?? result?.status}`);
    return result.documentId;
  }) as [string, string, string];
  await service.call('document:update', { id: geneva, patch: { publishedAt: '2025-11-20', outlet: 'Geneva Wire' } });
  await service.call('document:update', { id: kyiv, patch: { publishedAt: '2025-12-02', outlet: 'Kyiv Daily' } });
  await service.call('document:update', { id: background, patch: { publishedAt: null, outlet: 'Policy Notes' } });

  const party = async (name: string, kind: 'state' | 'bloc') => (await service.call('party:create', { name, kind })).id;
  const parties = { russia: await party('Russia', 'state'), ukraine: await party('Ukraine', 'state'), us: await party('United States', 'state'), eu: await party('European Union', 'bloc') };
  const areas = await service.call('issue-area:list', {});
  const area = (name: string) => areas.find((entry) => entry.name === name)!.id;
  const concession = async (title: string, areaName: string) => (await service.call('concession:create', { title, issueAreaId: area(areaName) })).id;
  const concessions = {
    donbas: await concession('Ukraine withdraws from the Donbas', 'Territory'),
    cap: await concession("Cap on Ukraine's armed forces", 'Military limits'),
    guarantees: await concession('Security guarantees for Ukraine', 'Security guarantees'),
  };

  const texts = new Map<string, string>();
  const text = async (id: string) => texts.get(id) ?? (texts.set(id, (await service.call('document:get', { id })).text), texts.get(id)!);
  const evidence = async (documentId: string, quote: string, concessionId: string, partyId: string, stance: Stance) => {
    const body = await text(documentId);
    const start = body.indexOf(quote);
    if (start < 0) throw new Error(`"${quote}" not in the fixture`);
    await service.call('annotation:create', { documentId, type: 'concession_evidence', selector: { exact: quote, start, end: start + quote.length }, concessionId, stancePartyId: partyId, stance });
  };
  await evidence(geneva, 'Russian negotiators insist that Ukraine withdraw from the rest of the Donbas', concessions.donbas, parties.russia, 'demands');
  await evidence(geneva, 'We will not trade land for a pause in the fighting', concessions.donbas, parties.ukraine, 'rejects');
  await evidence(geneva, 'The United States offered security guarantees', concessions.guarantees, parties.us, 'offers');
  await evidence(kyiv, 'rejected any withdrawal from the Donbas', concessions.donbas, parties.ukraine, 'rejects');
  await evidence(kyiv, 'Moscow repeated that Kyiv must leave the Donbas', concessions.donbas, parties.russia, 'demands');
  await evidence(kyiv, "a cap on Ukraine's armed forces remained essential", concessions.cap, parties.russia, 'demands');
  await evidence(kyiv, 'could accept a cap of 800,000 troops', concessions.cap, parties.eu, 'conditional');
  await evidence(background, 'security guarantees were still being discussed', concessions.guarantees, parties.ukraine, 'unclear');

  const body = await text(geneva);
  const quote = 'a senior Russian diplomat told reporters';
  const start = body.indexOf(quote);
  await service.call('annotation:create', {
    documentId: geneva,
    type: 'attribution',
    selector: { exact: quote, start, end: start + quote.length },
    newSource: { name: 'Senior Russian diplomat', anonymous: true, partyId: parties.russia },
    credibility: 3,
  });
  return { documents: { geneva, kyiv, background }, parties, concessions };
}
