/**
 * Exchange: the case out of Parley (JSON dump, W3C Web Annotations, CSV/XLSX tables, REFI-QDA
 * projects, bundles) and bundles back in. `parley export` and `parley merge` call exportCase and mergeBundle.
 */
import { ParleyError } from '../../shared/errors';
import { writeError, writeFileAtomicSync } from './atomic-write';
import { writeBundle } from './bundle';
import { writeCaseDump, type CaseSource } from './json-dump';
import { writeQdpx } from './qdpx';
import { writeCsv, writeXlsx, type GridName } from './tables';
import { buildW3CCollection } from './w3c';

export { mergeBundle, readBundle, writeBundle, type MergeConflict, type MergeResult } from './bundle';
export { buildCaseDump, importCaseDump, writeCaseDump, type CaseSource, type CaseTarget } from './json-dump';
export { caseDumpJsonSchema, parseCaseDump, CASE_DUMP_FORMAT, CASE_DUMP_VERSION, type CaseDump } from './case-dump';
export { buildW3CCollection } from './w3c';
export { buildQdpx, writeQdpx, QDA_NAMESPACE, type QdpxOptions, type QdpxResult } from './qdpx';
export { buildGrids, gridToCsv, gridsToXlsx, GRIDS, type GridName } from './tables';

export const EXPORT_FORMATS = ['json', 'w3c', 'csv', 'xlsx', 'bundle', 'qdpx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  /** Only these documents (and what hangs off them). Default: the whole case. */
  documentIds?: string[] | null;
  /** json: include originals (base64). Default false. Bundles always include them. */
  originals?: boolean;
  /** json: include audit history of the records. Default false. Bundles always include it. */
  history?: boolean;
  /** csv: which grid; 'all' (or an outPath not ending in .csv) writes one file per grid into outPath as a folder. */
  grid?: GridName | 'all';
  /** w3c: targets point at the article URL when there is one. */
  preferUrl?: boolean;
  exportedAt?: string;
}

export interface ExportResult {
  format: ExportFormat;
  files: string[];
}

export async function exportCase(store: CaseSource, format: ExportFormat, outPath: string, options: ExportOptions = {}): Promise<ExportResult> {
  try {
    switch (format) {
      case 'json':
        writeCaseDump(store, outPath, options);
        return { format, files: [outPath] };
      case 'w3c':
        writeFileAtomicSync(outPath, `${JSON.stringify(buildW3CCollection(store, options), null, 2)}\n`);
        return { format, files: [outPath] };
      case 'csv':
        return { format, files: writeCsv(store, outPath, options) };
      case 'xlsx':
        await writeXlsx(store, outPath, options);
        return { format, files: [outPath] };
      case 'bundle':
        writeBundle(store, outPath, options);
        return { format, files: [outPath] };
      case 'qdpx':
        writeQdpx(store, outPath, options);
        return { format, files: [outPath] };
      default:
        throw new ParleyError('invalid_input', `Unknown export format ${String(format)}; use one of ${EXPORT_FORMATS.join(', ')}`);
    }
  } catch (error) {
    throw writeError(error, outPath);
  }
}
