/**
 * PDF documents (dispensing labels, prescriptions, receipts) from a small block model, with Chinese text.
 *
 * The CJK font ships in the repository (`assets/fonts/clinic-cjk.ttf`, see the README there) so that rendering
 * works on a machine or image with no system fonts. pdfkit embeds only the glyphs a document uses, and writes a
 * ToUnicode map, so the text can be searched and copied out of the PDF.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
// pdfkit's CommonJS entry sets `module.exports` to the class; esModuleInterop makes this default import work.
import PDFDocument from 'pdfkit';

export type PdfBlock =
  | { kind: 'title'; text: string }
  | { kind: 'text'; text: string; size?: number; bold?: boolean; align?: 'left' | 'center' | 'right' }
  /** `label：value` pairs, laid out on two columns when every pair fits in half the width, else on one. */
  | { kind: 'fields'; pairs: [label: string, value: string][] }
  /** Column widths are relative; long cells wrap, and a full page continues on the next with the header again. */
  | { kind: 'table'; columns: PdfTableColumn[]; rows: string[][] }
  | { kind: 'rule' }
  | { kind: 'space'; lines?: number };

export interface PdfTableColumn {
  header: string;
  /** Relative to the other columns' widths. */
  width: number;
  align?: 'left' | 'right';
}

export interface PdfDocumentSpec {
  /** `LABEL` is a 100 × 70 mm dispensing label. */
  size: 'A4' | 'A5' | 'LABEL';
  /** The PDF's Title metadata (shown by viewers); not printed — add a `title` block for that. */
  title: string;
  blocks: PdfBlock[];
  /** Printed at the bottom of every page. */
  footer?: string;
}

const MM = 72 / 25.4;

interface PageStyle {
  size: string | [number, number];
  margin: number;
  body: number;
  title: number;
}

const PAGE_STYLES: Record<PdfDocumentSpec['size'], PageStyle> = {
  A4: { size: 'A4', margin: 15 * MM, body: 10.5, title: 18 },
  A5: { size: 'A5', margin: 12 * MM, body: 10, title: 15 },
  LABEL: { size: [100 * MM, 70 * MM], margin: 4 * MM, body: 8, title: 11 },
};

/** Extra leading between lines: CJK text set solid (pdfkit's default) looks cramped. */
const LINE_GAP = 0.25;
/** The font has no bold face; emphasis is a larger size instead of a synthesised bold. */
const BOLD_SCALE = 1.15;
const FONT_NAME = 'clinic-cjk';
const PACKAGE_NAME = '@clinic/platform';

let fontBytes: Buffer | undefined;

/**
 * The package root, found by walking up from this file: the same code runs from `src/pdf` (jest) and from
 * `dist/pdf` (built), and the assets sit beside `package.json` in both cases.
 */
function packageRoot(): string {
  for (let dir = __dirname; ; ) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`PDF font: no package.json of ${PACKAGE_NAME} above ${__dirname}`);
    dir = parent;
  }
}

/** Absolute path of the embedded CJK font. */
export function pdfFontPath(): string {
  return join(packageRoot(), 'assets', 'fonts', 'clinic-cjk.ttf');
}

/** The font file, read once per process (about 3 MB); pdfkit parses it lazily per document. */
function fontData(): Buffer {
  fontBytes ??= readFileSync(pdfFontPath());
  return fontBytes;
}

export function renderPdf(spec: PdfDocumentSpec): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const doc = layout(spec);
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      doc.end();
    } catch (err) {
      reject(err);
    }
  });
}

type Doc = PDFKit.PDFDocument;

function layout(spec: PdfDocumentSpec): Doc {
  const style = PAGE_STYLES[spec.size];
  // Labels are a single small page: keep all their height for content unless a footer was asked for.
  const footerSize = style.body * 0.8;
  const footerHeight = spec.footer !== undefined || spec.size !== 'LABEL' ? footerSize * 2 : 0;
  const margins = { top: style.margin, left: style.margin, right: style.margin, bottom: style.margin + footerHeight };

  const doc = new PDFDocument({
    size: style.size,
    margins,
    // Footers and page numbers are drawn once the page count is known.
    bufferPages: true,
    info: { Title: spec.title },
    displayTitle: true,
    lang: 'zh-CN',
  });
  doc.registerFont(FONT_NAME, fontData());
  doc.font(FONT_NAME).fontSize(style.body).fillColor('black');
  const ctx: Ctx = { doc, style, left: margins.left, width: doc.page.width - margins.left - margins.right };

  for (const block of spec.blocks) drawBlock(ctx, block);

  if (footerHeight > 0) drawFooters(ctx, spec.footer, footerSize);
  return doc;
}

interface Ctx {
  doc: Doc;
  style: PageStyle;
  /** Left edge and width of the content area (the same on every page). */
  left: number;
  width: number;
}

function drawBlock(ctx: Ctx, block: PdfBlock): void {
  const { doc, style } = ctx;
  switch (block.kind) {
    case 'title':
      textBlock(ctx, block.text, style.title, 'center');
      doc.moveDown(0.3);
      return;
    case 'text':
      textBlock(ctx, block.text, (block.size ?? style.body) * (block.bold ? BOLD_SCALE : 1), block.align ?? 'left');
      return;
    case 'fields':
      fields(ctx, block.pairs);
      return;
    case 'table':
      table(ctx, block.columns, block.rows);
      return;
    case 'rule':
      rule(ctx);
      return;
    case 'space':
      doc.fontSize(style.body).moveDown(block.lines ?? 1);
      return;
    default:
      throw new Error(`PDF: unknown block kind ${(block as { kind: string }).kind}`);
  }
}

/** Flowing text: pdfkit wraps it and continues on a new page by itself. */
function textBlock(ctx: Ctx, text: string, size: number, align: 'left' | 'center' | 'right'): void {
  const { doc } = ctx;
  doc.fontSize(size).text(text, ctx.left, doc.y, { width: ctx.width, align, lineGap: size * LINE_GAP });
  doc.fontSize(ctx.style.body);
}

/** Starts a new page unless `height` fits below the current position (or we are already at the top). */
function ensureSpace(ctx: Ctx, height: number): void {
  const { doc } = ctx;
  if (doc.y + height > doc.page.maxY() && doc.y > doc.page.margins.top) doc.addPage();
}

/**
 * Text at a fixed position. Passing `height` keeps pdfkit from breaking the page on its own (it stops, with an
 * ellipsis, instead); the caller has already made room.
 */
function place(doc: Doc, size: number, text: string, box: { x: number; y: number; width: number; height: number }, align: 'left' | 'center' | 'right' = 'left'): void {
  doc.fontSize(size).text(text, box.x, box.y, { width: box.width, height: box.height + 0.5, align, lineGap: size * LINE_GAP, ellipsis: true });
}

function heightOf(doc: Doc, size: number, text: string, width: number): number {
  return doc.fontSize(size).heightOfString(text, { width, lineGap: size * LINE_GAP });
}

function fields(ctx: Ctx, pairs: [string, string][]): void {
  const { doc, style } = ctx;
  const size = style.body;
  doc.fontSize(size);
  const texts = pairs.map(([label, value]) => `${label}：${value}`);
  const gap = style.body * 2;
  const half = (ctx.width - gap) / 2;
  const columns = texts.length > 1 && texts.every((t) => doc.widthOfString(t) <= half) ? 2 : 1;
  const width = columns === 2 ? half : ctx.width;
  const rowGap = style.body * 0.15;

  for (let i = 0; i < texts.length; i += columns) {
    const row = texts.slice(i, i + columns);
    const height = Math.max(...row.map((t) => heightOf(doc, size, t, width)));
    ensureSpace(ctx, height);
    const y = doc.y;
    // A pair taller than the page is cut with an ellipsis rather than spilling over the footer.
    const fit = Math.min(height, doc.page.maxY() - y);
    row.forEach((t, c) => place(doc, size, t, { x: ctx.left + c * (width + gap), y, width, height: fit }));
    doc.x = ctx.left;
    doc.y = y + fit + rowGap;
  }
}

function table(ctx: Ctx, columns: PdfTableColumn[], rows: string[][]): void {
  const { doc, style } = ctx;
  if (columns.length === 0) throw new Error('PDF table: no columns');
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  if (!(total > 0) || columns.some((c) => !(c.width >= 0))) throw new Error('PDF table: column widths must be positive');
  const widths = columns.map((c) => (c.width / total) * ctx.width);
  const padX = style.body * 0.35;
  const padY = style.body * 0.25;
  const size = style.body;

  const rowHeight = (cells: string[]) =>
    Math.max(...cells.map((text, i) => heightOf(doc, size, text, widths[i] - 2 * padX))) + 2 * padY;

  const drawRow = (cells: string[], header: boolean, height: number) => {
    const y = doc.y;
    if (header) doc.rect(ctx.left, y, ctx.width, height).fill('#e8e8e8').fillColor('black');
    let x = ctx.left;
    cells.forEach((text, i) => {
      place(doc, size, text, { x: x + padX, y: y + padY, width: widths[i] - 2 * padX, height: height - 2 * padY }, columns[i].align ?? 'left');
      x += widths[i];
    });
    const bottom = y + height;
    doc
      .moveTo(ctx.left, bottom)
      .lineTo(ctx.left + ctx.width, bottom)
      .lineWidth(header ? 0.8 : 0.3)
      .strokeColor(header ? 'black' : '#999999')
      .stroke();
    doc.x = ctx.left;
    doc.y = bottom;
  };

  const headers = columns.map((c) => c.header);
  const headerHeight = rowHeight(headers);
  // The tallest a row may be: a whole page below a repeated header. Taller rows are cut with an ellipsis.
  const maxRow = doc.page.maxY() - doc.page.margins.top - headerHeight;

  const cellsOf = (row: string[], index: number) => {
    // A row longer than the header would silently lose data on a prescription: refuse it.
    if (row.length > columns.length) throw new Error(`PDF table: row ${index} has ${row.length} cells for ${columns.length} columns`);
    return columns.map((_, i) => row[i] ?? '');
  };

  const first = rows.length > 0 ? Math.min(rowHeight(cellsOf(rows[0], 0)), maxRow) : 0;
  ensureSpace(ctx, headerHeight + first);
  drawRow(headers, true, headerHeight);

  rows.forEach((row, index) => {
    const cells = cellsOf(row, index);
    const height = Math.min(rowHeight(cells), maxRow);
    if (doc.y + height > doc.page.maxY()) {
      doc.addPage();
      drawRow(headers, true, headerHeight);
    }
    drawRow(cells, false, height);
  });
  doc.y += style.body * 0.5;
}

function rule(ctx: Ctx): void {
  const { doc, style } = ctx;
  const gap = style.body * 0.4;
  ensureSpace(ctx, gap * 2);
  const y = doc.y + gap;
  doc
    .moveTo(ctx.left, y)
    .lineTo(ctx.left + ctx.width, y)
    .lineWidth(0.5)
    .strokeColor('#666666')
    .stroke();
  doc.x = ctx.left;
  doc.y = y + gap;
}

/** The footer text on the left and, when there is more than one page, `page / pages` on the right. */
function drawFooters(ctx: Ctx, footer: string | undefined, size: number): void {
  const { doc, style } = ctx;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the content area must not make pdfkit add a page.
    doc.page.margins.bottom = 0;
    doc.fontSize(size).fillColor('#444444');
    const height = size * (1 + LINE_GAP);
    const y = doc.page.height - style.margin - height;
    const pageNo = range.count > 1 ? `${i - range.start + 1} / ${range.count}` : '';
    const noWidth = pageNo ? doc.widthOfString(pageNo) + size : 0;
    if (footer) place(doc, size, footer, { x: ctx.left, y, width: ctx.width - noWidth, height });
    if (pageNo) place(doc, size, pageNo, { x: ctx.left, y, width: ctx.width, height }, 'right');
  }
  doc.fillColor('black');
}
