/**
 * The report as GitHub-flavoured Markdown: pipe tables, block quotes, footnote citations ([^D1]).
 * Text from articles is escaped so that it cannot turn into links, HTML or table cells.
 */
import { humanise } from '../../shared/model/vocabulary';
import {
  citationRuns,
  quoted,
  reportTargets,
  safeUrl,
  type ArticleBlock,
  type Inline,
  type ReportBlock,
  type ReportModel,
  type StanceMatrixBlock,
  type StanceMatrixPictureCell,
} from './model';
import type { WriterOptions } from './html';

/**
 * Escapes what could become markup inline (emphasis, code, links, raw HTML, table pipes, entities)
 * and what starts a block at the beginning of a line; newlines become spaces unless `multiline`.
 */
export function escapeMarkdown(text: string, multiline = false): string {
  return escapeMarkup(text, multiline).replace(BARE_LINK, (link) => link.replace(/(?<!\\)[:/.@]/g, '\\$&'));
}

/** escapeMarkdown without the bare-link escapes: for the text of a link the report makes itself. */
function escapeMarkup(text: string, multiline = false): string {
  const flat = multiline ? text : text.replace(/\s*\n\s*/g, ' ');
  return flat
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/^(\s*)([#>+=-]|\d+[.)])/gm, (_match, space: string, lead: string) => `${space}${lead.replace(/([#>+=.)-])$/, '\\$1')}`);
}

/**
 * What autolinking renderers (GitHub's extended autolinks, markdown-it's linkify) turn into live
 * links by themselves: scheme URLs, `www.` addresses, e-mail addresses. In article text they stay
 * text: their `:`, `/`, `.` and `@` are backslash-escaped, which renders the same characters but
 * no link. (The report's own links are written as explicit [text](<url>) links.)
 */
const BARE_LINK = /\b(?:https?|ftp|mailto|file|data):[^\s]*|\bwww\.[^\s]*|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu;

export function renderMarkdown(model: ReportModel, options: WriterOptions = {}): string {
  const targets = reportTargets(model);
  const cited = new Set<string>();
  const inline = (runs: Inline[]): string =>
    runs
      .map((run) => {
        if (typeof run === 'string') return escapeMarkdown(run);
        const href = run.href ? safeUrl(run.href) : null;
        let text = href ? escapeMarkup(run.text) : escapeMarkdown(run.text);
        if (run.strong) text = `**${text}**`;
        if (run.em) text = `*${text}*`;
        if (href) text = `[${text}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)`;
        else if (run.anchor && targets.has(run.anchor)) text = `[${text}](#${run.anchor})`;
        if (run.id) text = `<a id="${run.id.replace(/[^A-Za-z0-9_-]/g, '-')}"></a>${text}`;
        return text;
      })
      .join('');

  const out: string[] = [];
  const total = model.sections.length;
  model.sections.forEach((section, index) => {
    if (section.id !== 'title') out.push(`## ${escapeMarkdown(section.title)}`, '');
    for (const block of section.blocks) out.push(...blockMarkdown(block, model, inline, cited), '');
    options.onProgress?.(index + 1, total);
  });
  // The citation's URL is a link when it is http(s) (citationRuns), text otherwise.
  const footnotes = model.documents
    .filter((document) => cited.has(document.id))
    .map((document) => `[^D${document.number}]: ${escapeMarkdown(`[D${document.number}] `)}${inline(citationRuns(document))}`);
  return [...out, ...(footnotes.length > 0 ? ['---', '', ...footnotes, ''] : [])].join('\n');
}

function blockMarkdown(block: ReportBlock, model: ReportModel, inline: (runs: Inline[]) => string, cited: Set<string>): string[] {
  switch (block.kind) {
    case 'title-page':
      return [
        `# ${escapeMarkdown(block.title)}`,
        '',
        `**Case:** ${escapeMarkdown(block.caseName)}  `,
        ...(block.analyst ? [`**Analyst:** ${escapeMarkdown(block.analyst)}  `] : []),
        ...(block.credits ? [`**Analysts:** ${escapeMarkdown(block.credits)}  `] : []),
        `**Date:** ${escapeMarkdown(block.date)}  `,
        `**Scope:** ${escapeMarkdown(block.scope.join('; '))}`,
        ...(block.summary ? ['', ...block.summary.split(/\n/).map((line) => `> ${escapeMarkdown(line)}`)] : []),
      ];
    case 'heading':
      return [`${'#'.repeat(block.level + 1)} ${escapeMarkdown(block.text)} <a id="${block.anchor.replace(/[^A-Za-z0-9_-]/g, '-')}"></a>`];
    case 'paragraph':
      return [inline(block.runs)];
    case 'table':
      return [
        `| ${block.columns.map((column) => escapeMarkdown(column)).join(' | ')} |`,
        `| ${block.columns.map(() => '---').join(' | ')} |`,
        ...block.rows.map((row) => `| ${row.map((cell) => inline(cell) || ' ').join(' | ')} |`),
      ];
    case 'quote': {
      const document = model.documents.find((candidate) => candidate.id === block.documentId);
      if (document) cited.add(document.id);
      return [
        `> ${escapeMarkdown(quoted(block.text))}${document ? `[^D${document.number}]` : ''}`,
        '>',
        `> ${inline(block.meta)}`,
        ...(block.note ? ['>', `> *Note:* ${escapeMarkdown(block.note)}`] : []),
      ];
    }
    case 'article':
      return articleMarkdown(block);
    case 'stance-matrix':
      return stanceMatrixMarkdown(block);
  }
}

/** Highlights as bold with a note marker; the margin notes follow the article as a list. */
function articleMarkdown(block: ArticleBlock): string[] {
  const lines: string[] = [];
  for (const paragraph of block.paragraphs) {
    lines.push(
      paragraph
        .map((segment) => {
          const text = escapeMarkdown(segment.text);
          const marked = segment.types.length > 0 && text.trim() ? `**${text}**` : text;
          return marked + segment.markers.map((n) => `<sup>${n}</sup>`).join('');
        })
        .join(''),
      '',
    );
  }
  if (block.notes.length > 0) {
    lines.push('**Margin notes**', '');
    for (const note of block.notes) {
      const parts = [`${note.number}. **${escapeMarkdown(note.label)}**`];
      if (note.orphan) parts.push(`(no longer found in the text: “${escapeMarkdown(note.quote)}”)`);
      if (note.note) parts.push(`— ${escapeMarkdown(note.note)}`);
      if (note.tags.length > 0) parts.push(`*${escapeMarkdown(note.tags.map((tag) => `#${tag}`).join(' '))}*`);
      lines.push(parts.join(' '));
    }
  }
  return lines;
}

/** The matrix as a table: each cell the stance and its spans, gaps in bold with a ⚠ (the picture's outline). */
function stanceMatrixMarkdown(block: StanceMatrixBlock): string[] {
  const byCell = new Map(block.cells.map((cell) => [`${cell.party}|${cell.column}`, cell]));
  const text = (cell: StanceMatrixPictureCell | undefined): string => {
    if (!cell) return '—';
    const stance = `${humanise(cell.stance)} (${cell.spans})`;
    return cell.incompatible ? `**${stance}** ⚠` : stance;
  };
  return [
    `| Party | ${block.columns.map((column) => escapeMarkdown(column)).join(' | ')} |`,
    `| --- | ${block.columns.map(() => '---').join(' | ')} |`,
    ...block.parties.map((party, row) => `| ${escapeMarkdown(party)} | ${block.columns.map((_, column) => text(byCell.get(`${row}|${column}`))).join(' | ')} |`),
    '',
    '*(n): supporting spans · ⚠: a gap, where one party demands what another rejects · —: no stance recorded*',
  ];
}
