/**
 * The report as a Word document (the `docx` package): a title page, a contents field, real
 * Heading 1/2/3 styles, tables for the concessions, parties, sources and documents, and a
 * footnote citing the article under every quoted span.
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { WriterOptions } from './html';
import { xmlSafeText } from '../../shared/xml-text';
import {
  citationParts,
  quoted,
  reportTargets,
  safeUrl,
  type ArticleBlock,
  type Inline,
  type ReportBlock,
  type ReportModel,
  type StanceMatrixBlock,
  type TitlePageBlock,
} from './model';
import { matrixPng } from './stance-matrix-png';
import { stanceMatrixSvg } from './stance-matrix-svg';

/** The page's text width in pixels at 96 dpi (A4 less the margins below): pictures are scaled to fit it. */
const TEXT_WIDTH_PX = Math.floor(((11906 - 2 * 907) / 1440) * 96);

/** A matrix tile as an SVG picture with a PNG fallback (Word 2016+ draws the SVG, older readers the PNG). */
async function matrixPicture(block: StanceMatrixBlock): Promise<Paragraph> {
  const picture = stanceMatrixSvg(block);
  const scale = Math.min(1, TEXT_WIDTH_PX / picture.width);
  const transformation = { width: Math.round(picture.width * scale), height: Math.round(picture.height * scale) };
  const png = await matrixPng(picture);
  return new Paragraph({
    keepLines: true,
    spacing: { before: 120, after: 160 },
    children: [
      new ImageRun({
        type: 'svg',
        data: Buffer.from(picture.svg, 'utf8'),
        fallback: { type: 'png', data: png },
        transformation,
        altText: { name: 'Stance matrix', title: 'Stance matrix', description: clean(block.description) },
      }),
    ],
  });
}

const FONT = { ascii: 'Calibri', hAnsi: 'Calibri', cs: 'Calibri', eastAsia: 'Noto Sans CJK SC' };
const HIGHLIGHTS: Record<string, string> = {
  concession_evidence: 'FFE0B2',
  attribution: 'D6ECFF',
  party_mention: 'E3F5D8',
  note: 'FFF2A8',
};

/** Word runs reject control characters other than tab/newline; articles sometimes carry them. */
const clean = xmlSafeText;

export async function renderDocx(model: ReportModel, options: WriterOptions = {}): Promise<Buffer> {
  const targets = reportTargets(model);
  // Word bookmark names: a letter first, letters/digits/underscore, at most 40 characters.
  const bookmarks = new Map<string, string>();
  const bookmarkFor = (anchor: string): string => {
    let name = bookmarks.get(anchor);
    if (!name) bookmarks.set(anchor, (name = `r${bookmarks.size + 1}`));
    return name;
  };
  const footnotes: Record<string, { children: Paragraph[] }> = {};
  let footnoteCount = 0;
  const footnote = (text: string, url: string | null): FootnoteReferenceRun => {
    const id = ++footnoteCount;
    const href = safeUrl(url);
    footnotes[String(id)] = {
      children: [
        new Paragraph({
          children: [
            new TextRun({ text: clean(text) }),
            ...(href
              ? [new TextRun(' '), new ExternalHyperlink({ link: href, children: [new TextRun({ text: clean(url ?? href), style: 'Hyperlink' })] })]
              : url
                ? [new TextRun(` ${clean(url)}`)]
                : []),
          ],
        }),
      ],
    };
    return new FootnoteReferenceRun(id);
  };

  const runs = (inline: Inline[], size?: number): ParagraphChild[] =>
    inline.map((run): ParagraphChild => {
      if (typeof run === 'string') return new TextRun({ text: clean(run), size });
      const text = new TextRun({ text: clean(run.text), bold: run.strong, italics: run.em, size, style: run.href || run.anchor ? 'Hyperlink' : undefined });
      const href = run.href ? safeUrl(run.href) : null;
      let child: ParagraphChild = text;
      if (href) child = new ExternalHyperlink({ link: href, children: [text] });
      else if (run.anchor && targets.has(run.anchor)) child = new InternalHyperlink({ anchor: bookmarkFor(run.anchor), children: [text] });
      else if (run.anchor) child = new TextRun({ text: clean(run.text), bold: run.strong, italics: run.em, size });
      if (run.id) child = new Bookmark({ id: bookmarkFor(run.id), children: [child] });
      return child;
    });

  // Pictures are rasterised up front: the block writer below is synchronous.
  const matrixPictures = new Map<StanceMatrixBlock, Paragraph>();
  for (const section of model.sections) {
    for (const block of section.blocks) if (block.kind === 'stance-matrix') matrixPictures.set(block, await matrixPicture(block));
  }

  const children: (Paragraph | Table | TableOfContents)[] = [];
  const total = model.sections.length + 1;
  let done = 0;
  const titleSection = model.sections.find((section) => section.id === 'title');
  for (const block of titleSection?.blocks ?? []) if (block.kind === 'title-page') children.push(...titlePage(block));
  if (titleSection) options.onProgress?.(++done, total);
  children.push(
    new Paragraph({ heading: HeadingLevel.TITLE, pageBreakBefore: Boolean(titleSection), children: [new TextRun('Contents')] }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
  );

  for (const section of model.sections) {
    if (section === titleSection) continue;
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
        children: [new Bookmark({ id: bookmarkFor(section.anchor), children: [new TextRun(clean(section.title))] })],
      }),
    );
    for (const block of section.blocks) children.push(...blockDocx(block));
    options.onProgress?.(++done, total);
  }

  function blockDocx(block: ReportBlock): (Paragraph | Table)[] {
    switch (block.kind) {
      case 'title-page':
        return titlePage(block);
      case 'heading':
        return [
          new Paragraph({
            heading: block.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
            children: [new Bookmark({ id: bookmarkFor(block.anchor), children: [new TextRun(clean(block.text))] })],
          }),
        ];
      case 'paragraph':
        return [new Paragraph({ children: runs(block.runs), spacing: { after: 120 } })];
      case 'table':
        return [tableDocx(block.columns, block.rows, block.widths)];
      case 'quote': {
        const document = model.documents.find((candidate) => candidate.id === block.documentId);
        const quote = new Paragraph({
          indent: { left: 567 },
          border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'C58B00', space: 8 } },
          spacing: { before: 120 },
          children: [
            new TextRun({ text: clean(quoted(block.text)), italics: true }),
            ...(document ? [footnote(`[D${document.number}] ${citationParts(document).join(', ')}.`, document.url)] : []),
          ],
        });
        const meta = new Paragraph({
          indent: { left: 567 },
          border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'C58B00', space: 8 } },
          spacing: { after: block.note ? 0 : 160 },
          children: runs(block.meta, 18),
        });
        const note = block.note
          ? [
              new Paragraph({
                indent: { left: 567 },
                border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'C58B00', space: 8 } },
                spacing: { after: 160 },
                children: [new TextRun({ text: `Note: ${clean(block.note)}`, italics: true, size: 18 })],
              }),
            ]
          : [];
        return [quote, meta, ...note];
      }
      case 'article':
        return articleDocx(block);
      case 'stance-matrix':
        return [matrixPictures.get(block)!];
    }
  }

  function tableDocx(columns: string[], rows: Inline[][][], widths?: number[]): Table {
    const sum = widths?.reduce((a, b) => a + b, 0) ?? columns.length;
    const width = (index: number) => ({ size: Math.round(((widths?.[index] ?? 1) / sum) * 5000), type: WidthType.PERCENTAGE });
    return new Table({
      width: { size: 5000, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: columns.map(
            (column, index) =>
              new TableCell({
                width: width(index),
                shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EEF4' },
                children: [new Paragraph({ children: [new TextRun({ text: clean(column), bold: true, size: 18 })] })],
              }),
          ),
        }),
        ...rows.map(
          (row) =>
            new TableRow({
              cantSplit: true,
              children: row.map((cell, index) => new TableCell({ width: width(index), children: [new Paragraph({ children: runs(cell, 18) })] })),
            }),
        ),
      ],
    });
  }

  function articleDocx(block: ArticleBlock): Paragraph[] {
    const paragraphs = block.paragraphs.map(
      (paragraph) =>
        new Paragraph({
          spacing: { after: 120 },
          children: paragraph.flatMap((segment) => [
            new TextRun({
              text: clean(segment.text),
              shading: segment.types[0] ? { type: ShadingType.CLEAR, color: 'auto', fill: HIGHLIGHTS[segment.types[0]] ?? 'FFF2A8' } : undefined,
            }),
            ...segment.markers.map((n) => new TextRun({ text: String(n), superScript: true, bold: true, color: '1F4E79' })),
          ]),
        }),
    );
    const notes = block.notes.map(
      (note) =>
        new Paragraph({
          indent: { left: 284 },
          spacing: { after: 80 },
          children: [
            new TextRun({ text: `${note.number}. ${clean(note.label)}`, bold: true, size: 18 }),
            ...(note.orphan ? [new TextRun({ text: ` (no longer found in the text: “${clean(note.quote)}”)`, color: 'AA3333', size: 18 })] : []),
            ...(note.note ? [new TextRun({ text: ` — ${clean(note.note)}`, size: 18 })] : []),
            ...(note.tags.length > 0 ? [new TextRun({ text: `  ${clean(note.tags.map((tag) => `#${tag}`).join(' '))}`, italics: true, size: 18 })] : []),
          ],
        }),
    );
    return [
      ...paragraphs,
      ...(notes.length > 0 ? [new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun('Margin notes')] }), ...notes] : []),
    ];
  }

  const document = new Document({
    creator: 'Parley',
    title: clean(model.meta.title),
    description: `Annotated report on ${clean(model.meta.caseName)}`,
    features: { updateFields: true },
    styles: {
      default: { document: { run: { font: FONT, size: 21 } } },
      paragraphStyles: [],
    },
    footnotes,
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1021, left: 907, right: 907 } },
        },
        headers: {
          default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: clean(model.meta.caseName), size: 16, color: '5B6470' })] })] }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16, color: '5B6470' })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const buffer = await Packer.toBuffer(document);
  options.onProgress?.(total, total);
  return buffer;
}

function titlePage(block: TitlePageBlock): Paragraph[] {
  const field = (label: string, value: string) =>
    new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: `${label}: `, bold: true, color: '5B6470' }), new TextRun(clean(value))] });
  return [
    new Paragraph({ spacing: { before: 3600, after: 200 }, children: [new TextRun({ text: clean(block.caseName).toUpperCase(), color: '5B6470', size: 22 })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, spacing: { after: 400 }, children: [new TextRun(clean(block.title))] }),
    field('Case', block.caseName),
    ...(block.analyst ? [field('Analyst', block.analyst)] : []),
    ...(block.credits ? [field('Analysts', block.credits)] : []),
    field('Date', block.date),
    field('Scope', block.scope.join('; ')),
    ...(block.summary
      ? block.summary.split(/\n+/).map(
          (line) =>
            new Paragraph({
              spacing: { before: 200 },
              border: { left: { style: BorderStyle.SINGLE, size: 24, color: '1F4E79', space: 8 } },
              indent: { left: 284 },
              children: [new TextRun(clean(line))],
            }),
        )
      : []),
  ];
}
