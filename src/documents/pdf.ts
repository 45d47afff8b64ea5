/**
 * The notice as PDF, the same layout as the DOCX (Decree 30/2020 Appendix I), drawn with pdfkit
 * and the embedded Tinos fonts (Times New Roman metrics). The table's header rows are drawn again
 * at the top of every page the table runs onto.
 */
import PDFDocument from 'pdfkit';
import { type FontStyle, textWidthPt, tinosParsed } from './fonts.js';
import {
  BODY_INDENT_MM,
  CELL_PADDING_MM,
  CLOSING_COLUMNS_MM,
  FONT_PT,
  HEADER_COLUMNS_MM,
  HEADER_OFFSET_MM,
  ISSUING_RULE_FRACTION,
  MARGINS_MM,
  mmToPt,
  PARAGRAPH_SPACING_PT,
  SIGNATURE_SPACE_MM,
  TABLE_COLUMNS_MM,
  TEXT_WIDTH_MM,
} from './layout.js';
import { DISTRIBUTION_LABEL, type NoticeModel, type NoticeRow, RECIPIENTS_LABEL } from './notice-model.js';

type Align = 'left' | 'center' | 'justify';

interface TextStyle {
  style: FontStyle;
  size: number;
  align?: Align;
}

const CELL_PAD_X = mmToPt(CELL_PADDING_MM.x);
const CELL_PAD_Y = mmToPt(CELL_PADDING_MM.y);
const RULE_WIDTH = 0.6;

const dashWidth = (style: TextStyle) => textWidthPt('- ', style.style, style.size);

/** Lays out one notice on A4 pages; y is the cursor in points from the top of the page. */
class NoticePdf {
  readonly doc: PDFKit.PDFDocument;
  private y: number;
  private readonly left = mmToPt(MARGINS_MM.left);
  private readonly width = mmToPt(TEXT_WIDTH_MM);
  private readonly top = mmToPt(MARGINS_MM.top);
  private readonly bottom: number;
  private readonly heights = new Map<string, number>();

  constructor(title: string, author: string) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: this.top, bottom: mmToPt(MARGINS_MM.bottom), left: this.left, right: mmToPt(MARGINS_MM.right) },
      bufferPages: true,
      info: { Title: title, Author: author, Creator: 'portal-scorecard' },
      lang: 'vi-VN',
      displayTitle: true,
    });
    const fonts = tinosParsed();
    // pdfkit accepts a parsed fontkit font where its types only list files and buffers.
    for (const style of Object.keys(fonts) as FontStyle[]) this.doc.registerFont(style, fonts[style] as unknown as Buffer);
    this.bottom = this.doc.page.height - mmToPt(MARGINS_MM.bottom);
    this.y = this.top;
  }

  private use(style: TextStyle): void {
    this.doc.font(style.style).fontSize(style.size);
  }

  /** Height of wrapped text; cached, since a table repeats the same figures in every row. */
  heightOf(text: string, width: number, style: TextStyle, indent = 0): number {
    const key = `${style.style}|${style.size}|${style.align ?? 'left'}|${width}|${indent}|${text}`;
    let height = this.heights.get(key);
    if (height === undefined) {
      this.use(style);
      height = this.doc.heightOfString(text.normalize('NFC'), { width, align: style.align ?? 'left', indent });
      this.heights.set(key, height);
    }
    return height;
  }

  /** Writes text in a box and returns its height. */
  textAt(text: string, x: number, y: number, width: number, style: TextStyle, indent = 0): number {
    const height = this.heightOf(text, width, style, indent);
    this.use(style);
    this.doc.text(text.normalize('NFC'), x, y, { width, align: style.align ?? 'left', indent, lineBreak: true });
    return height;
  }

  rule(x: number, y: number, length: number): void {
    this.doc.moveTo(x, y).lineTo(x + length, y).lineWidth(RULE_WIDTH).stroke();
  }

  /** Starts a new page when the next block does not fit. */
  private ensureRoom(height: number): boolean {
    if (this.y + height <= this.bottom) return false;
    this.doc.addPage();
    this.y = this.top;
    return true;
  }

  header(model: NoticeModel): void {
    const h = model.header;
    const leftX = this.left - mmToPt(HEADER_OFFSET_MM);
    const leftW = mmToPt(HEADER_COLUMNS_MM.left);
    const rightX = leftX + leftW;
    const rightW = mmToPt(HEADER_COLUMNS_MM.right);
    const center = (x: number, w: number, length: number) => x + (w - length) / 2;

    let ly = this.y;
    if (h.parentBody) ly += this.textAt(h.parentBody, leftX, ly, leftW, { style: 'regular', size: FONT_PT.parentBody, align: 'center' });
    ly += this.textAt(h.issuingBody, leftX, ly, leftW, { style: 'bold', size: FONT_PT.issuingBody, align: 'center' });
    const issuingRule = textWidthPt(h.issuingBody, 'bold', FONT_PT.issuingBody) * ISSUING_RULE_FRACTION;
    this.rule(center(leftX, leftW, issuingRule), ly + 3.5, issuingRule);

    let ry = this.y;
    ry += this.textAt(h.nation, rightX, ry, rightW, { style: 'bold', size: FONT_PT.nation, align: 'center' });
    ry += this.textAt(h.motto, rightX, ry, rightW, { style: 'bold', size: FONT_PT.motto, align: 'center' });
    const mottoRule = textWidthPt(h.motto, 'bold', FONT_PT.motto);
    this.rule(center(rightX, rightW, mottoRule), ry + 3.5, mottoRule);

    // "Số" and the place-date line stand on one level, below both rules.
    const second = Math.max(ly, ry) + 10;
    ly = second + this.textAt(h.numberLine, leftX, second, leftW, { style: 'regular', size: FONT_PT.number, align: 'center' });
    ly += 3 + this.textAt(h.subject, leftX + 6, ly + 3, leftW - 12, { style: 'regular', size: FONT_PT.subject, align: 'center' });
    ry = second + this.textAt(h.placeDate, rightX, second, rightW, { style: 'italic', size: FONT_PT.placeDate, align: 'center' });
    this.y = Math.max(ly, ry) + 14;
  }

  recipients(model: NoticeModel): void {
    if (model.recipients.length === 0) return;
    const style: TextStyle = { style: 'regular', size: FONT_PT.recipients };
    const labelX = this.left + mmToPt(20);
    const labelW = textWidthPt(`${RECIPIENTS_LABEL} `, 'regular', FONT_PT.recipients);
    this.textAt(RECIPIENTS_LABEL, labelX, this.y, labelW + 4, style);
    const listX = labelX + labelW;
    const listW = this.left + this.width - listX;
    for (const line of model.recipients) this.y += this.textAt(line, listX, this.y, listW, style);
    this.y += 12;
  }

  /** A body paragraph; a long one flows on to the next pages, so the cursor is taken from pdfkit. */
  paragraph(text: string): void {
    const style: TextStyle = { style: 'regular', size: FONT_PT.body, align: 'justify' };
    this.use(style);
    this.ensureRoom(this.doc.currentLineHeight(true) * 2);
    this.doc.text(text.normalize('NFC'), this.left, this.y, { width: this.width, align: 'justify', indent: mmToPt(BODY_INDENT_MM) });
    this.y = this.doc.y + PARAGRAPH_SPACING_PT;
  }

  table(model: NoticeModel): void {
    const widths = TABLE_COLUMNS_MM.map(mmToPt);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const span = (column: number, count: number) => widths.slice(column, column + count).reduce((a, b) => a + b, 0);
    const headStyle: TextStyle = { style: 'bold', size: FONT_PT.tableHeader, align: 'center' };
    const cellHeight = (text: string, width: number, style: TextStyle) => this.heightOf(text, this.cellBox(width, style).width, style) + 2 * CELL_PAD_Y;

    const [firstRow = [], secondRow = []] = model.table.headerRows;
    const secondHeight = Math.max(0, ...secondRow.map((c) => cellHeight(c.text, span(c.column, c.colSpan), headStyle)));
    const firstSingle = Math.max(0, ...firstRow.filter((c) => c.rowSpan === 1).map((c) => cellHeight(c.text, span(c.column, c.colSpan), headStyle)));
    const spanning = Math.max(0, ...firstRow.filter((c) => c.rowSpan === 2).map((c) => cellHeight(c.text, span(c.column, c.colSpan), headStyle)));
    const firstHeight = Math.max(firstSingle, spanning - secondHeight);
    const headerHeight = firstHeight + secondHeight;

    const drawHeader = () => {
      const top = this.y;
      for (const cell of firstRow) {
        const h = cell.rowSpan === 2 ? headerHeight : firstHeight;
        this.cell(cell.text, xs[cell.column]!, top, span(cell.column, cell.colSpan), h, headStyle);
      }
      for (const cell of secondRow) this.cell(cell.text, xs[cell.column]!, top + firstHeight, span(cell.column, cell.colSpan), secondHeight, headStyle);
      this.y = top + headerHeight;
    };

    const styleOf = (row: NoticeRow, column: number): TextStyle => ({
      style: row.kind === 'group' || (column === 8 && row.deductions.length > 0) ? 'bold' : 'regular',
      size: FONT_PT.table,
      align: model.table.columns[column]!.align,
    });
    const rowHeights = model.table.rows.map((row) =>
      Math.max(mmToPt(6), ...row.cells.map((text, i) => cellHeight(text, widths[i]!, styleOf(row, i)))),
    );

    // Neither the header nor a group row ends a page on its own: each goes down with the unit after it.
    const keep = (index: number) => rowHeights[index]! + (model.table.rows[index]!.kind === 'group' ? (rowHeights[index + 1] ?? 0) : 0);
    this.ensureRoom(headerHeight + keep(0));
    drawHeader();
    model.table.rows.forEach((row, index) => {
      const height = rowHeights[index]!;
      if (this.ensureRoom(keep(index))) drawHeader();
      row.cells.forEach((text, i) => this.cell(text, xs[i]!, this.y, widths[i]!, height, styleOf(row, i)));
      this.y += height;
    });
    this.y += 12;
  }

  /** A bordered cell with its text centred vertically. */
  private cell(text: string, x: number, y: number, width: number, height: number, style: TextStyle): void {
    this.doc.rect(x, y, width, height).lineWidth(0.5).stroke();
    if (!text) return;
    const box = this.cellBox(width, style);
    const textHeight = this.heightOf(text, box.width, style);
    this.textAt(text, x + box.left, y + (height - textHeight) / 2, box.width, style);
  }

  /**
   * Where a cell's text wraps. pdfkit counts a word's trailing space when it decides whether the
   * word fits a line, and cuts a word that does not fit an empty line letter by letter: the
   * header's "chuyên" came out as "chu / yên" in a column Word and LibreOffice fill whole. Centred
   * text gets that one space back, half on each side, still inside the cell's padding.
   */
  private cellBox(width: number, style: TextStyle): { left: number; width: number } {
    if (style.align !== 'center') return { left: CELL_PAD_X, width: width - 2 * CELL_PAD_X };
    this.use(style);
    const space = this.doc.widthOfString(' ');
    return { left: CELL_PAD_X - space / 2, width: width - 2 * CELL_PAD_X + space };
  }

  closing(model: NoticeModel): void {
    const leftW = mmToPt(CLOSING_COLUMNS_MM.left);
    const rightX = this.left + leftW;
    const rightW = mmToPt(CLOSING_COLUMNS_MM.right);
    const labelStyle: TextStyle = { style: 'boldItalic', size: FONT_PT.distributionLabel };
    const listStyle: TextStyle = { style: 'regular', size: FONT_PT.distribution };
    const signerStyle: TextStyle = { style: 'bold', size: FONT_PT.signer, align: 'center' };
    const s = model.signer;

    const leftHeight =
      this.heightOf(DISTRIBUTION_LABEL, leftW, labelStyle) + model.distribution.reduce((sum, l) => sum + this.heightOf(l, leftW - dashWidth(listStyle), listStyle), 0);
    const signerLines = [...s.positionLines, ...s.titleLines, s.name];
    const rightHeight = signerLines.reduce((sum, l) => sum + this.heightOf(l, rightW, signerStyle), 0) + mmToPt(SIGNATURE_SPACE_MM);
    this.ensureRoom(Math.max(leftHeight, rightHeight));

    let ly = this.y;
    ly += this.textAt(DISTRIBUTION_LABEL, this.left, ly, leftW, labelStyle);
    for (const line of model.distribution) ly += this.hangingDash(line, this.left, ly, leftW, listStyle);

    let ry = this.y;
    for (const line of s.positionLines) ry += this.textAt(line, rightX, ry, rightW, signerStyle);
    ry += mmToPt(SIGNATURE_SPACE_MM);
    for (const line of s.titleLines) ry += this.textAt(line, rightX, ry, rightW, signerStyle);
    ry += this.textAt(s.name, rightX, ry, rightW, signerStyle);
    this.y = Math.max(ly, ry);
  }

  /** A "- item;" line whose continuation lines align after the dash. */
  private hangingDash(line: string, x: number, y: number, width: number, style: TextStyle): number {
    if (!line.startsWith('- ')) return this.textAt(line, x, y, width, style);
    const dash = dashWidth(style);
    this.textAt('-', x, y, dash, style);
    return this.textAt(line.slice(2), x + dash, y, width - dash, style);
  }

  /** Decree 30: page numbers centred in the top margin, none on the first page. */
  pageNumbers(): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start + 1; i < range.start + range.count; i += 1) {
      this.doc.switchToPage(i);
      this.use({ style: 'regular', size: FONT_PT.pageNumber });
      this.doc.text(String(i + 1), this.left, this.top / 2 - FONT_PT.pageNumber / 2, { width: this.width, align: 'center', lineBreak: false });
    }
  }
}

export async function renderNoticePdf(model: NoticeModel): Promise<Buffer> {
  const pdf = new NoticePdf(`${model.header.numberLine} ${model.header.subject}`, model.header.issuingBody);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.doc.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.doc.on('error', reject);
  });
  pdf.header(model);
  pdf.recipients(model);
  for (const line of model.legalBasis) pdf.paragraph(line);
  pdf.paragraph(model.intro);
  for (const line of model.summary) pdf.paragraph(line);
  pdf.paragraph(model.scale);
  pdf.table(model);
  pdf.closing(model);
  pdf.pageNumbers();
  pdf.doc.end();
  return done;
}
