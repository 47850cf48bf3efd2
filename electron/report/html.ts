/**
 * The report as ONE self-contained HTML file: inline CSS, no scripts, no external resources (a CSP
 * meta forbids them as well), every piece of text escaped — articles are untrusted. Links are the
 * table of contents, in-report cross references and http(s) citation URLs. Also the input of the
 * PDF writer, so its print CSS decides how the PDF looks.
 */
import {
  citationParts,
  quoted,
  reportTargets,
  safeUrl,
  type ArticleBlock,
  type Inline,
  type ReportBlock,
  type ReportModel,
  type ReportSection,
  type TitlePageBlock,
} from './model';
import { escapeHtml, FONT_STACK } from './markup';
import { stanceMatrixSvg } from './stance-matrix-svg';

export { escapeHtml, FONT_STACK };

/** Anchors are built from ids we made, but escape and restrict them anyway. */
const anchorId = (anchor: string): string => escapeHtml(anchor.replace(/[^A-Za-z0-9_-]/g, '-'));

const CSS = `
@page { size: A4; margin: 20mm 16mm 18mm 16mm; }
* { box-sizing: border-box; }
html { font-family: ${FONT_STACK}; font-size: 10.5pt; line-height: 1.45; color: #1b1f24; background: #fff; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
@media print { body { max-width: none; padding: 0; } }
h1, h2, h3 { line-height: 1.2; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 1.7em; border-bottom: 2px solid #1f4e79; padding-bottom: .2em; color: #1f4e79; margin: 0 0 .8em; }
h2 { font-size: 1.25em; margin: 1.4em 0 .4em; color: #1f4e79; }
h3 { font-size: 1.05em; margin: 1.1em 0 .3em; }
a { color: #1f4e79; }
a.citation { word-break: break-all; }
section.report-section { break-before: page; page-break-before: always; }
.title-page { min-height: 85vh; display: flex; flex-direction: column; justify-content: center; break-after: page; page-break-after: always; }
.title-page .case { font-size: 1em; text-transform: uppercase; letter-spacing: .12em; color: #5b6470; margin: 0 0 .6em; }
.title-page h1 { font-size: 2.4em; border: none; margin: 0 0 .6em; }
.title-page dl { display: grid; grid-template-columns: max-content 1fr; gap: .25em 1em; margin: 0 0 1.5em; }
.title-page dt { font-weight: bold; color: #5b6470; }
.title-page dd { margin: 0; }
.title-page .summary { border-left: 4px solid #1f4e79; padding: .4em 1em; background: #f3f6f9; white-space: pre-wrap; }
nav.toc { break-after: page; page-break-after: always; }
nav.toc ol { padding-left: 1.4em; }
nav.toc li { margin: .2em 0; }
nav.toc ol ol { font-size: .92em; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; font-size: .92em; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #c7ced6; padding: .3em .45em; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #e8eef4; }
blockquote { margin: .7em 0 1em; padding: .5em .9em; border-left: 4px solid #c58b00; background: #fdf8ec; break-inside: avoid; page-break-inside: avoid; }
blockquote p { margin: 0; }
blockquote .quote { font-size: 1.02em; }
blockquote .meta { margin-top: .35em; font-size: .88em; color: #4a525c; }
blockquote .note { margin-top: .35em; font-size: .88em; font-style: italic; white-space: pre-wrap; }
.empty { color: #5b6470; }
.article { display: grid; grid-template-columns: minmax(0, 1fr) 34%; gap: 1.2em; margin-bottom: 1.5em; }
.article .text p { margin: 0 0 .7em; white-space: pre-wrap; }
.article aside { font-size: .85em; border-left: 1px solid #c7ced6; padding-left: .8em; }
.article aside ol { list-style: none; padding: 0; margin: 0; }
.article aside li { margin-bottom: .7em; break-inside: avoid; page-break-inside: avoid; }
.article aside .label { font-weight: bold; }
.article aside .orphan { color: #a33; }
mark { background: #fff2a8; color: inherit; padding: 0 .05em; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
mark.t-concession_evidence { background: #ffe0b2; }
mark.t-attribution { background: #d6ecff; }
mark.t-party_mention { background: #e3f5d8; }
mark.t-note { background: #fff2a8; }
sup.marker { font-size: .7em; color: #1f4e79; font-weight: bold; }
figure.stance-matrix { margin: .6em 0 1em; break-inside: avoid; page-break-inside: avoid; }
figure.stance-matrix svg { display: block; max-width: 100%; height: auto; }
th, blockquote, mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
`;

export interface WriterOptions {
  onProgress?: (done: number, total: number) => void;
}

/** Renders the report as a standalone HTML page. */
export function renderHtml(model: ReportModel, options: WriterOptions = {}): string {
  const targets = reportTargets(model);
  const inline = (runs: Inline[]): string => runs.map((run) => inlineRun(run, targets)).join('');
  const body: string[] = [];
  const total = model.sections.length;
  const titleSection = model.sections.find((section) => section.id === 'title');
  if (titleSection) body.push(...titleSection.blocks.map((block) => (block.kind === 'title-page' ? titlePage(block) : '')));
  const contentSections = model.sections.filter((section) => section !== titleSection);
  body.push(tableOfContents(contentSections));
  options.onProgress?.(titleSection ? 1 : 0, total);
  let done = titleSection ? 1 : 0;
  for (const section of contentSections) {
    body.push(
      `<section class="report-section" id="${anchorId(section.anchor)}" aria-labelledby="${anchorId(section.anchor)}-title">`,
      `<h1 id="${anchorId(section.anchor)}-title">${escapeHtml(section.title)}</h1>`,
      ...section.blocks.map((block) => blockHtml(block, model, inline)),
      '</section>',
    );
    options.onProgress?.(++done, total);
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Defence in depth: even if something slipped through escaping, nothing could load or run.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<meta name="generator" content="Parley">`,
    `<title>${escapeHtml(model.meta.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function inlineRun(run: Inline, targets: Set<string>): string {
  if (typeof run === 'string') return escapeHtml(run);
  let html = escapeHtml(run.text);
  if (run.strong) html = `<strong>${html}</strong>`;
  if (run.em) html = `<em>${html}</em>`;
  const href = run.href ? safeUrl(run.href) : null;
  if (href) html = `<a class="citation" href="${escapeHtml(href)}" rel="noreferrer noopener">${html}</a>`;
  else if (run.anchor && targets.has(run.anchor)) html = `<a href="#${anchorId(run.anchor)}">${html}</a>`;
  if (run.id) html = `<span id="${anchorId(run.id)}">${html}</span>`;
  return html;
}

function titlePage(block: TitlePageBlock): string {
  const rows: [string, string][] = [
    ['Case', block.caseName],
    ...(block.analyst ? ([['Analyst', block.analyst]] as [string, string][]) : []),
    ...(block.credits ? ([['Analysts', block.credits]] as [string, string][]) : []),
    ['Date', block.date],
    ['Scope', block.scope.join('; ')],
  ];
  return [
    '<header class="title-page">',
    `<p class="case">${escapeHtml(block.caseName)}</p>`,
    `<h1>${escapeHtml(block.title)}</h1>`,
    `<dl>${rows.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`,
    block.summary ? `<div class="summary">${escapeHtml(block.summary)}</div>` : '',
    '</header>',
  ].join('\n');
}

function tableOfContents(sections: ReportSection[]): string {
  const items = sections.map((section) => {
    const headings = section.blocks.filter((block) => block.kind === 'heading' && block.level === 2);
    const sub =
      headings.length > 0 && headings.length <= 60
        ? `<ol>${headings.map((heading) => (heading.kind === 'heading' ? `<li><a href="#${anchorId(heading.anchor)}">${escapeHtml(heading.text)}</a></li>` : '')).join('')}</ol>`
        : '';
    return `<li><a href="#${anchorId(section.anchor)}">${escapeHtml(section.title)}</a>${sub}</li>`;
  });
  return `<nav class="toc" aria-label="Contents"><h1>Contents</h1><ol>${items.join('')}</ol></nav>`;
}

function blockHtml(block: ReportBlock, model: ReportModel, inline: (runs: Inline[]) => string): string {
  switch (block.kind) {
    case 'title-page':
      return titlePage(block);
    case 'heading':
      return `<h${block.level} id="${anchorId(block.anchor)}">${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p${block.runs.every((run) => typeof run !== 'string' && run.em) ? ' class="empty"' : ''}>${inline(block.runs)}</p>`;
    case 'table': {
      const total = block.widths?.reduce((sum, width) => sum + width, 0) ?? 0;
      const cols = block.widths ? `<colgroup>${block.widths.map((width) => `<col style="width:${((width / total) * 100).toFixed(1)}%">`).join('')}</colgroup>` : '';
      const head = `<thead><tr>${block.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('')}</tr></thead>`;
      const rows = block.rows.map((row) => `<tr>${row.map((cell) => `<td>${inline(cell)}</td>`).join('')}</tr>`).join('\n');
      return `<table>${cols}${head}<tbody>\n${rows}\n</tbody></table>`;
    }
    case 'quote': {
      const document = model.documents.find((candidate) => candidate.id === block.documentId);
      const cite = document ? ` title="${escapeHtml(citationParts(document).join(', '))}"` : '';
      return [
        `<blockquote${cite}>`,
        `<p class="quote">${escapeHtml(quoted(block.text))}</p>`,
        `<p class="meta">${inline(block.meta)}</p>`,
        block.note ? `<p class="note">Note: ${escapeHtml(block.note)}</p>` : '',
        '</blockquote>',
      ].join('');
    }
    case 'article':
      return articleHtml(block);
    case 'stance-matrix':
      return `<figure class="stance-matrix">${stanceMatrixSvg(block).svg}</figure>`;
  }
}

function articleHtml(block: ArticleBlock): string {
  const paragraphs = block.paragraphs.map((paragraph) => {
    const segments = paragraph.map((segment) => {
      const markers = segment.markers.map((n) => `<sup class="marker">${n}</sup>`).join('');
      const text = escapeHtml(segment.text);
      return segment.types.length > 0 ? `<mark class="t-${segment.types[0]}">${text}</mark>${markers}` : `${text}${markers}`;
    });
    return `<p>${segments.join('')}</p>`;
  });
  const notes = block.notes.map(
    (note) =>
      `<li><span class="label">${note.number}. ${escapeHtml(note.label)}</span>` +
      (note.orphan ? ` <span class="orphan">(no longer found in the text: “${escapeHtml(note.quote)}”)</span>` : '') +
      (note.note ? `<br>${escapeHtml(note.note)}` : '') +
      (note.tags.length > 0 ? `<br><em>${escapeHtml(note.tags.map((tag) => `#${tag}`).join(' '))}</em>` : '') +
      '</li>',
  );
  return [
    '<div class="article">',
    `<div class="text">${paragraphs.join('\n')}</div>`,
    `<aside aria-label="Margin notes">${notes.length > 0 ? `<ol>${notes.join('')}</ol>` : '<p class="empty"><em>No annotations.</em></p>'}</aside>`,
    '</div>',
  ].join('\n');
}

/** The case name, date and page of a printed page's header and footer (Chromium's templates). */
export function printHeaderFooter(model: ReportModel): { header: string; footer: string } {
  const style = `font-family: ${escapeHtml(FONT_STACK)}; font-size: 8pt; color: #5b6470; width: 100%; margin: 0 16mm;`;
  return {
    header: `<div style="${style} display: flex; justify-content: space-between;"><span>${escapeHtml(model.meta.caseName)}</span><span>${escapeHtml(model.meta.date)}</span></div>`,
    footer: `<div style="${style} text-align: center;">page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
  };
}
