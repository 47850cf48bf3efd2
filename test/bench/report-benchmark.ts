/**
 * Report speed on a synthetic case of N articles with attributions and concession evidence: the
 * report model, then each format, timed separately in one run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReportModel, renderReport, type ReportFormat } from '../../electron/report/index';
import { createAnnotation } from '../../electron/service/annotations';
import { Store } from '../../electron/store/index';
import { syntheticArticle } from './search-benchmark';
import { reportData } from '../../electron/service/exports';

export async function runReportBenchmark(articles = 40) {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-report-'));
  const store = Store.create(join(dir, 'report.parley'));
  try {
    const party = (name: string) => store.parties.create({ name, kind: 'state', aliases: [], affiliationId: null, color: null, notes: null });
    const russia = party('Russia');
    const ukraine = party('Ukraine');
    const source = store.sources.create({ name: 'Dmitry Peskov', role: 'Kremlin spokesman', partyId: russia.id, anonymous: false, defaultReliability: 'B', notes: null });
    const concessions = ['Cap on Ukraine’s armed forces', 'No NATO membership', 'Ceasefire before talks', 'Sanctions relief in stages'].map((title) =>
      store.concessions.create({ title, issueAreaId: null, concedingPartyId: ukraine.id, beneficiaryPartyId: russia.id, proposedByPartyId: russia.id, status: 'under_discussion', planPointId: null, description: null }),
    );
    let annotations = 0;
    for (let index = 0; index < articles; index++) {
      const article = syntheticArticle(index);
      const [outcome] = store.documents.insertImported({ fileName: `a${index}.txt`, sha256: `r${index}`, bytes: new Uint8Array([1]) }, [article]);
      const documentId = (outcome as { documentId: string }).documentId;
      for (let span = 0; span < 6; span++) {
        const start = 20 + span * 150;
        const selector = { exact: article.text.slice(start, start + 90), prefix: '', suffix: '', start, end: start + 90 };
        const evidence = span % 2 === 1;
        createAnnotation(store, {
          documentId,
          type: evidence ? 'concession_evidence' : 'attribution',
          selector,
          ...(evidence
            ? { concessionId: concessions[span % concessions.length]!.id, stancePartyId: span % 4 === 1 ? russia.id : ukraine.id, stance: span % 4 === 1 ? 'demands' : 'rejects' }
            : { sourceId: source.id, credibility: 2, quoteKind: 'direct', channel: 'briefing' }),
        } as never);
        annotations++;
      }
    }
    const started = performance.now();
    const model = buildReportModel(reportData(store), { sections: ['title', 'concessions', 'evidence', 'parties', 'sources', 'documents', 'articles'], caseName: 'Benchmark case' });
    const figures: Record<string, number> = { articles, annotations, modelMs: Math.round(performance.now() - started) };
    for (const format of ['html', 'md', 'docx', 'pdf'] as ReportFormat[]) {
      const begun = performance.now();
      const bytes = await renderReport(model, format);
      figures[`${format}Ms`] = Math.round(performance.now() - begun);
      figures[`${format}Kb`] = Math.round(bytes.byteLength / 1024);
    }
    return figures;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
