/**
 * A stance-matrix tile as an SVG heat map: parties down the side, columns slanted across the top,
 * each cell in its stance's colour with its number of supporting spans, gaps outlined in black
 * (as the workbench's matrix draws them), a legend underneath. Inline in the HTML and PDF reports;
 * rasterised for DOCX. Text widths are estimated (no font metrics in plain Node), so labels are
 * cut to a length that fits.
 */
import { LIGHT_STANCES, STANCE_COLORS, STANCE_ORDER, type CellStance } from '../../shared/model/analysis';
import { humanise } from '../../shared/model/vocabulary';
import { escapeHtml, FONT_STACK } from './markup';
import type { StanceMatrixBlock } from './model';

const CELL = { width: 34, height: 22 };
const FONT_SIZE = 11;
/** Average advance of a character at FONT_SIZE: wide enough for most Latin and Cyrillic names. */
const CHAR = 6.3;
const SLANT = (40 * Math.PI) / 180;
const LABEL_MAX = { party: 28, column: 40 };
const GAP_STROKE = 3;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
/** CJK characters are about twice as wide as the average Latin one. */
const textWidth = (text: string) => [...text].reduce((sum, char) => sum + (/[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(char) ? 2 : 1), 0) * CHAR;
const round = (value: number) => Math.round(value * 10) / 10;

export interface MatrixPicture {
  svg: string;
  width: number;
  height: number;
}

/** Draws one tile. The SVG is standalone (namespace, size, fonts), so it can be rasterised as is. */
export function stanceMatrixSvg(block: StanceMatrixBlock): MatrixPicture {
  const parties = block.parties.map((name) => cut(name, LABEL_MAX.party));
  const columns = block.columns.map((title) => cut(title, LABEL_MAX.column));
  const labelWidth = Math.max(60, ...parties.map(textWidth)) + 12;
  const headerHeight = Math.max(40, ...columns.map((title) => textWidth(title) * Math.sin(SLANT))) + 14;
  const gridWidth = columns.length * CELL.width;
  const gridHeight = parties.length * CELL.height;
  // Slanted headers reach past the last column: make room for the longest overhang.
  const overhang = Math.max(0, ...columns.map((title, index) => (index + 0.5) * CELL.width + textWidth(title) * Math.cos(SLANT) - gridWidth));

  const shown = STANCE_ORDER.filter((stance) => stance !== 'none' && block.cells.some((cell) => cell.stance === stance));
  const legendItems: { label: string; stance: CellStance | 'gap' }[] = [
    ...shown.map((stance) => ({ label: humanise(stance), stance })),
    ...(block.cells.some((cell) => cell.incompatible) ? [{ label: 'gap: demands vs rejects', stance: 'gap' as const }] : []),
    { label: 'n = supporting spans', stance: 'none' as const },
  ];
  const width = Math.ceil(Math.max(labelWidth + gridWidth + overhang + 8, 320));
  // The legend flows in rows across the picture's width.
  const legend: string[] = [];
  let x = 0;
  let row = 0;
  for (const item of legendItems) {
    const itemWidth = 18 + textWidth(item.label) + 16;
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      row++;
    }
    const y = row * 20;
    const swatch =
      item.stance === 'gap'
        ? `<rect x="${x + 1.5}" y="${y + 1.5}" width="11" height="11" fill="#fff" stroke="#111" stroke-width="${GAP_STROKE}"/>`
        : item.stance === 'none'
          ? `<text x="${x + 7}" y="${y + 11}" text-anchor="middle" font-weight="bold">n</text>`
          : `<rect x="${x}" y="${y}" width="14" height="14" rx="2" fill="${STANCE_COLORS[item.stance]}"/>`;
    legend.push(`${swatch}<text x="${x + 20}" y="${y + 11}">${escapeHtml(item.label)}</text>`);
    x += itemWidth;
  }
  const legendTop = headerHeight + gridHeight + 16;
  const height = Math.ceil(legendTop + (row + 1) * 20);

  const parts: string[] = [];
  // Header labels, slanted up to the right from the middle of each column.
  columns.forEach((title, index) => {
    const cx = round(labelWidth + (index + 0.5) * CELL.width);
    const cy = round(headerHeight - 6);
    parts.push(`<text x="${cx}" y="${cy}" transform="rotate(-40 ${cx} ${cy})">${escapeHtml(title)}</text>`);
  });
  parties.forEach((name, index) => {
    const y = headerHeight + index * CELL.height;
    if (index % 2 === 1) parts.push(`<rect x="0" y="${y}" width="${labelWidth + gridWidth}" height="${CELL.height}" fill="#f8f9fa"/>`);
    parts.push(`<text x="${labelWidth - 8}" y="${round(y + CELL.height / 2 + FONT_SIZE * 0.36)}" text-anchor="end">${escapeHtml(name)}</text>`);
  });
  // Empty grid first, so a cell with no stance reads as "none recorded", not as missing.
  parts.push(`<rect x="${labelWidth}" y="${headerHeight}" width="${gridWidth}" height="${gridHeight}" fill="${STANCE_COLORS.none}" stroke="#dee2e6"/>`);
  for (let index = 1; index < columns.length; index++) {
    const lx = labelWidth + index * CELL.width;
    parts.push(`<line x1="${lx}" y1="${headerHeight}" x2="${lx}" y2="${headerHeight + gridHeight}" stroke="#fff"/>`);
  }
  for (let index = 1; index < parties.length; index++) {
    const ly = headerHeight + index * CELL.height;
    parts.push(`<line x1="${labelWidth}" y1="${ly}" x2="${labelWidth + gridWidth}" y2="${ly}" stroke="#fff"/>`);
  }
  const outlines: string[] = [];
  for (const cell of block.cells) {
    const cx = labelWidth + cell.column * CELL.width;
    const cy = headerHeight + cell.party * CELL.height;
    const title = `${block.parties[cell.party]} · ${block.columns[cell.column]}: ${humanise(cell.stance)}${cell.since ? ` since ${cell.since}` : ''}${cell.date && cell.date !== cell.since ? ` (last ${cell.date})` : ''}, ${cell.spans} supporting span${cell.spans === 1 ? '' : 's'}${cell.incompatible ? '; gap' : ''}`;
    parts.push(
      `<g><title>${escapeHtml(title)}</title><rect x="${cx + 1}" y="${cy + 1}" width="${CELL.width - 2}" height="${CELL.height - 2}" fill="${STANCE_COLORS[cell.stance]}"/>` +
        (cell.spans > 0
          ? `<text x="${cx + CELL.width / 2}" y="${round(cy + CELL.height / 2 + FONT_SIZE * 0.36)}" text-anchor="middle" fill="${LIGHT_STANCES.has(cell.stance) ? '#111' : '#fff'}" font-weight="bold">${cell.spans}</text>`
          : '') +
        '</g>',
    );
    // Drawn last, so a neighbour's fill never covers a gap's outline.
    if (cell.incompatible) {
      const inset = GAP_STROKE / 2 + 0.5;
      outlines.push(`<rect x="${cx + inset}" y="${cy + inset}" width="${CELL.width - 2 * inset}" height="${CELL.height - 2 * inset}" fill="none" stroke="#111" stroke-width="${GAP_STROKE}"/>`);
    }
  }
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(block.description)}">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<g font-family="${escapeHtml(FONT_STACK)}" font-size="${FONT_SIZE}" fill="#1b1f24">`,
    ...parts,
    ...outlines,
    `<g transform="translate(0 ${legendTop})">${legend.join('')}</g>`,
    '</g>',
    '</svg>',
  ].join('');
  return { svg, width, height };
}
