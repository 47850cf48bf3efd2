/**
 * The report's stance-matrix section: parties × concessions (or issue areas) as of a day, drawn as
 * a heat map, gaps outlined as in the workbench's matrix, then the gaps listed for a mediator. The
 * service resolves the matrix (electron/service/stance-matrix.ts) and hands it over; this builder
 * only narrows it to the report's scope and cuts it into pictures that fit a page.
 */
import type { StanceMatrix } from '../../shared/model/analysis';
import { humanise } from '../../shared/model/vocabulary';
import type { ReportBlock, ReportContext, SectionBuilder, StanceMatrixBlock, StanceMatrixPictureCell } from './model';

/** A picture wider or taller than this is split: past it, an A4 page shrinks the labels below reading size. */
export const MATRIX_TILE = { columns: 16, parties: 30 };

/** The matrix restricted to the report's parties and concessions, with rows and columns that hold no stance left out. */
export function scopedMatrix(matrix: StanceMatrix, context: Pick<ReportContext, 'scoped' | 'parties' | 'concessions'>): {
  parties: string[];
  columns: string[];
  cells: StanceMatrixPictureCell[];
  leftOut: number;
} {
  const partyIds = new Set(context.parties.map((party) => party.id));
  const columnIds =
    matrix.by === 'concession'
      ? new Set(context.concessions.map((concession) => concession.id))
      : new Set(context.concessions.map((concession) => concession.issueAreaId).filter((id): id is string => id !== null));
  const cells = matrix.cells.filter(
    (cell) => (!context.scoped || partyIds.has(matrix.parties[cell.party]!.id)) && (!context.scoped || columnIds.has(matrix.columns[cell.column]!.id)),
  );
  const keptParties = [...new Set(cells.map((cell) => cell.party))].sort((a, b) => a - b);
  const keptColumns = [...new Set(cells.map((cell) => cell.column))].sort((a, b) => a - b);
  const partyAt = new Map(keptParties.map((index, position) => [index, position]));
  const columnAt = new Map(keptColumns.map((index, position) => [index, position]));
  return {
    parties: keptParties.map((index) => matrix.parties[index]!.name),
    columns: keptColumns.map((index) => matrix.columns[index]!.title),
    cells: cells.map((cell) => ({
      party: partyAt.get(cell.party)!,
      column: columnAt.get(cell.column)!,
      stance: cell.stance,
      since: cell.since,
      date: cell.date,
      spans: cell.spans,
      incompatible: cell.incompatible,
    })),
    leftOut: matrix.columns.length - keptColumns.length,
  };
}

const plural = (count: number, word: string) => `${count} ${count === 1 ? word : word === 'party' ? 'parties' : `${word}s`}`;

export const stanceMatrixSection: SectionBuilder = {
  id: 'stance-matrix',
  title: 'Stance matrix',
  byDefault: false,
  needsMatrix: true,
  build: (context) => {
    const matrix = context.stanceMatrix;
    if (!matrix) return [{ kind: 'paragraph', runs: [{ text: 'The stance matrix is not available for this case.', em: true }] }];
    const { parties, columns, cells, leftOut } = scopedMatrix(matrix, context);
    const columnLabel = matrix.by === 'concession' ? 'Concession' : 'Issue area';
    const columnWord = matrix.by === 'concession' ? 'concession' : 'issue area';
    const when = matrix.asOf ? `as of ${matrix.asOf}` : `as of the report date (${context.meta.date}), every recorded entry counted`;
    if (cells.length === 0) return [{ kind: 'paragraph', runs: [{ text: `No stances recorded ${when}.`, em: true }] }];

    const gapColumns = new Set(cells.filter((cell) => cell.incompatible).map((cell) => cell.column));
    const blocks: ReportBlock[] = [
      {
        kind: 'paragraph',
        runs: [
          `Each party's latest stance on each ${columnWord}, ${when}. The number in a cell counts the evidence spans that support it. `,
          { text: 'Gaps', strong: true },
          `, where one party demands what another rejects, are marked: ${plural(gapColumns.size, columnWord)} with a gap.`,
          ...(leftOut > 0 ? [` ${plural(leftOut, columnWord)} with no stance in scope ${leftOut === 1 ? 'is' : 'are'} left out.`] : []),
        ],
      },
    ];

    // Tiles: every column range against every party range, so each picture stays readable on a page.
    const columnTiles = Math.ceil(columns.length / MATRIX_TILE.columns);
    const partyTiles = Math.ceil(parties.length / MATRIX_TILE.parties);
    for (let c = 0; c < columnTiles; c++) {
      for (let p = 0; p < partyTiles; p++) {
        const columnRange = [c * MATRIX_TILE.columns, Math.min(columns.length, (c + 1) * MATRIX_TILE.columns)] as const;
        const partyRange = [p * MATRIX_TILE.parties, Math.min(parties.length, (p + 1) * MATRIX_TILE.parties)] as const;
        const tileCells = cells
          .filter((cell) => cell.column >= columnRange[0] && cell.column < columnRange[1] && cell.party >= partyRange[0] && cell.party < partyRange[1])
          .map((cell) => ({ ...cell, column: cell.column - columnRange[0], party: cell.party - partyRange[0] }));
        const part =
          columnTiles * partyTiles > 1
            ? `${columnLabel}s ${columnRange[0] + 1}–${columnRange[1]} of ${columns.length}${partyTiles > 1 ? `, parties ${partyRange[0] + 1}–${partyRange[1]} of ${parties.length}` : ''}`
            : null;
        if (part) blocks.push({ kind: 'heading', level: 3, text: part, anchor: `stance-matrix-${c + 1}-${p + 1}` });
        const tile: StanceMatrixBlock = {
          kind: 'stance-matrix',
          columnLabel,
          parties: parties.slice(...partyRange),
          columns: columns.slice(...columnRange),
          cells: tileCells,
          description: `Stance matrix ${when}: ${plural(partyRange[1] - partyRange[0], 'party')} × ${plural(columnRange[1] - columnRange[0], columnWord)}${part ? ` (${part})` : ''}, ${plural(tileCells.filter((cell) => cell.incompatible).length, 'cell')} in a gap.`,
        };
        blocks.push(tile);
      }
    }

    if (gapColumns.size > 0) {
      blocks.push({ kind: 'heading', level: 3, text: 'Gaps a mediator must close', anchor: 'stance-matrix-gaps' });
      const inGap = (column: number) =>
        cells
          .filter((cell) => cell.column === column && cell.incompatible)
          .map((cell) => `${parties[cell.party]}: ${humanise(cell.stance).toLowerCase()}${cell.since ? ` since ${cell.since}` : ''}`)
          .join('; ');
      blocks.push({
        kind: 'table',
        columns: [columnLabel, 'Parties in the gap'],
        widths: [40, 60],
        rows: [...gapColumns].sort((a, b) => a - b).map((column) => [[columns[column]!], [inGap(column)]]),
      });
    }
    return blocks;
  },
};
