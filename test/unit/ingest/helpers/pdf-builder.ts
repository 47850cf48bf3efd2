/**
 * A tiny PDF writer for fixtures: Helvetica text at explicit positions, optional image-only pages,
 * an /Encrypt dictionary, and Info metadata. Enough for pdf.js to read; not a general PDF library.
 */

export interface PdfTextRun {
  text: string;
  x: number;
  y: number;
  size?: number;
  bold?: boolean;
}

export interface PdfPage {
  runs?: PdfTextRun[];
  /** Paint a small grey image instead of (or besides) text, like a scanned page. */
  image?: boolean;
}

export interface PdfSpec {
  pages: PdfPage[];
  info?: Record<string, string>;
  /** Add a Standard security handler dictionary whose user password is not empty. */
  encrypted?: boolean;
}

export function buildPdf(spec: PdfSpec): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add(''); // filled later
  const pagesId = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const fontBold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const pixels = ' 80'.repeat(0).padEnd(0);
  void pixels;
  const imageData = '7f'.repeat(16 * 16);
  const image = add(
    `<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /ASCIIHexDecode /Length ${imageData.length + 1} >>\nstream\n${imageData}>\nendstream`,
  );
  const pageIds: number[] = [];
  for (const page of spec.pages) {
    let content = '';
    if (page.image) content += 'q 500 0 0 700 50 50 cm /Im1 Do Q\n';
    for (const run of page.runs ?? []) {
      content += `BT /${run.bold ? 'F2' : 'F1'} ${run.size ?? 11} Tf ${run.x} ${run.y} Td (${escapePdf(run.text)}) Tj ET\n`;
    }
    const contentId = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`);
    pageIds.push(
      add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 612 792] /Contents ${contentId} 0 R ` +
          `/Resources << /Font << /F1 ${font} 0 R /F2 ${fontBold} 0 R >> /XObject << /Im1 ${image} 0 R >> >> >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
  objects[pagesId - 1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  let infoId: number | null = null;
  if (spec.info) {
    const entries = Object.entries(spec.info)
      .map(([key, value]) => `/${key} (${escapePdf(value)})`)
      .join(' ');
    infoId = add(`<< ${entries} >>`);
  }
  let encryptId: number | null = null;
  if (spec.encrypted) {
    const hex32 = (seed: number) =>
      Array.from({ length: 32 }, (_, i) => ((i * 37 + seed) & 0xff).toString(16).padStart(2, '0')).join('');
    encryptId = add(`<< /Filter /Standard /V 1 /R 2 /O <${hex32(11)}> /U <${hex32(91)}> /P -44 >>`);
  }

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out +=
    `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R` +
    (infoId ? ` /Info ${infoId} 0 R` : '') +
    (encryptId ? ` /Encrypt ${encryptId} 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]` : '') +
    ` >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

function escapePdf(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

/**
 * Lay out paragraphs as a simple single-column page flow: 11 pt lines, 14 pt leading,
 * a wider gap between paragraphs, each paragraph pre-broken into lines by the caller.
 */
export function flowPages(
  pages: string[][][],
  options: { header?: (page: number, total: number) => string; footer?: (page: number, total: number) => string; title?: string } = {},
): PdfPage[] {
  return pages.map((paragraphs, pageIndex) => {
    const runs: PdfTextRun[] = [];
    if (options.header) runs.push({ text: options.header(pageIndex + 1, pages.length), x: 72, y: 760, size: 8 });
    let y = 720;
    if (options.title && pageIndex === 0) {
      runs.push({ text: options.title, x: 72, y, size: 18, bold: true });
      y -= 34;
    }
    for (const lines of paragraphs) {
      for (const line of lines) {
        runs.push({ text: line, x: 72, y });
        y -= 14;
      }
      y -= 10;
    }
    if (options.footer) runs.push({ text: options.footer(pageIndex + 1, pages.length), x: 290, y: 40, size: 8 });
    return { runs };
  });
}
