/**
 * The notice as a Word document, laid out per Decree 30/2020 Appendix I. Only layout here: every
 * word comes from the notice model.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HeightRule,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { textWidthPt, wrappedLines } from './fonts.js';
import {
  BODY_INDENT_MM,
  CELL_PADDING_MM,
  A4_PAGE_TWIPS,
  CLOSING_COLUMNS_MM,
  FONT_FAMILY,
  FONT_PT,
  HEADER_COLUMNS_MM,
  HEADER_OFFSET_MM,
  ISSUING_RULE_FRACTION,
  MARGINS_MM,
  mmToTwip,
  PARAGRAPH_SPACING_PT,
  SIGNATURE_SPACE_MM,
  TABLE_COLUMNS_MM,
  TEXT_WIDTH_MM,
} from './layout.js';
import { type NoticeModel, type NoticeRow, RECIPIENTS_LABEL, DISTRIBUTION_LABEL } from './notice-model.js';

interface RunStyle {
  size: number;
  bold?: boolean;
  italics?: boolean;
}

// The font comes from the document's default style; each run only says its size and weight.
const run = (text: string, style: RunStyle) =>
  new TextRun({ text: text.normalize('NFC'), size: style.size * 2, bold: style.bold, italics: style.italics });

const ptToTwip = (pt: number) => Math.round(pt * 20);

function centered(text: string, style: RunStyle, spacingAfterPt = 0): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: ptToTwip(spacingAfterPt) }, children: [run(text, style)] });
}

/** An empty paragraph whose bottom border draws a centred rule of the given width. */
function rule(columnMm: number, widthPt: number): Paragraph {
  const side = Math.max(0, (mmToTwip(columnMm) - ptToTwip(widthPt)) / 2);
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: 60, lineRule: 'exact' },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

const noBorderCell = (children: Paragraph[], widthMm: number) =>
  new TableCell({
    children,
    width: { size: mmToTwip(widthMm), type: WidthType.DXA },
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
  });

function headerBlock(model: NoticeModel): Table {
  const h = model.header;
  const { left, right } = HEADER_COLUMNS_MM;
  const issuingWidth = textWidthPt(h.issuingBody, 'bold', FONT_PT.issuingBody);
  const mottoWidth = textWidthPt(h.motto, 'bold', FONT_PT.motto);
  const topLeft = [
    ...(h.parentBody ? [centered(h.parentBody, { size: FONT_PT.parentBody })] : []),
    centered(h.issuingBody, { size: FONT_PT.issuingBody, bold: true }),
    rule(left, issuingWidth * ISSUING_RULE_FRACTION),
  ];
  const topRight = [
    centered(h.nation, { size: FONT_PT.nation, bold: true }),
    centered(h.motto, { size: FONT_PT.motto, bold: true }),
    rule(right, mottoWidth),
  ];
  const bottomLeft = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 60 }, children: [run(h.numberLine, { size: FONT_PT.number })] }),
    centered(h.subject, { size: FONT_PT.subject }),
  ];
  const bottomRight = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 0 }, children: [run(h.placeDate, { size: FONT_PT.placeDate, italics: true })] }),
  ];
  return new Table({
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    indent: { size: -mmToTwip(HEADER_OFFSET_MM), type: WidthType.DXA },
    width: { size: mmToTwip(left + right), type: WidthType.DXA },
    columnWidths: [mmToTwip(left), mmToTwip(right)],
    rows: [
      new TableRow({ children: [noBorderCell(topLeft, left), noBorderCell(topRight, right)] }),
      new TableRow({ children: [noBorderCell(bottomLeft, left), noBorderCell(bottomRight, right)] }),
    ],
  });
}

function bodyParagraph(text: string, options: { indent?: boolean; bold?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: options.indent === false ? undefined : { firstLine: mmToTwip(BODY_INDENT_MM) },
    spacing: { before: 0, after: ptToTwip(PARAGRAPH_SPACING_PT) },
    children: [run(text, { size: FONT_PT.body, bold: options.bold })],
  });
}

/** "Kính gửi:" with the recipients aligned under the first one. */
function recipientsBlock(model: NoticeModel): Paragraph[] {
  const labelIndentMm = 20;
  const labelTwip = ptToTwip(textWidthPt(`${RECIPIENTS_LABEL} `, 'regular', FONT_PT.recipients));
  const start = mmToTwip(labelIndentMm);
  return model.recipients.map(
    (line, i) =>
      new Paragraph({
        spacing: { before: i === 0 ? 240 : 0, after: i === model.recipients.length - 1 ? 240 : 0 },
        indent: i === 0 ? { left: start + labelTwip, hanging: labelTwip } : { left: start + labelTwip },
        children: [run(i === 0 ? `${RECIPIENTS_LABEL} ${line}` : line, { size: FONT_PT.recipients })],
      }),
  );
}

const tableBorder = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const tableBorders = {
  top: tableBorder,
  bottom: tableBorder,
  left: tableBorder,
  right: tableBorder,
  insideHorizontal: tableBorder,
  insideVertical: tableBorder,
};

function cellParagraph(text: string, align: 'left' | 'center', style: RunStyle): Paragraph {
  return new Paragraph({
    alignment: align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
    spacing: { before: 0, after: 0 },
    children: [run(text, style)],
  });
}

function spanWidth(column: number, span: number): number {
  return TABLE_COLUMNS_MM.slice(column, column + span).reduce((a, b) => a + b, 0);
}

/**
 * Heights of the two header rows, in twips. LibreOffice lays out a repeated header on later pages
 * from the rows' own heights and clips what a cell merged over both rows needs beyond them, so
 * the rows are given room for their tallest cells here instead of left to grow.
 */
function headerRowHeights(headerRows: NoticeModel['table']['headerRows']): number[] {
  const lineMm = (FONT_PT.tableHeader * 1.2 * 25.4) / 72;
  const heightMm = (cell: { text: string; column: number; colSpan: number }) =>
    // Two lines more than Times New Roman needs: an office without it substitutes a wider serif.
    (wrappedLines(cell.text, spanWidth(cell.column, cell.colSpan) - 2 * CELL_PADDING_MM.x, 'bold', FONT_PT.tableHeader) + 2) * lineMm + 2 * CELL_PADDING_MM.y;
  const [first = [], second = []] = headerRows;
  const row2 = Math.max(0, ...second.map(heightMm));
  const row1Own = Math.max(0, ...first.filter((c) => c.rowSpan === 1).map(heightMm));
  const merged = Math.max(0, ...first.filter((c) => c.rowSpan > 1).map(heightMm));
  const row1 = Math.max(row1Own, merged - row2);
  return [mmToTwip(row1 + 0.5), mmToTwip(row2 + 0.5)];
}

function dataTable(model: NoticeModel): Table {
  const { columns, headerRows, rows } = model.table;
  const heights = headerRowHeights(headerRows);
  const header = headerRows.map(
    (cells, index) =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        height: { value: heights[index] ?? 0, rule: HeightRule.ATLEAST },
        children: cells.map(
          (cell) =>
            new TableCell({
              children: [cellParagraph(cell.text, 'center', { size: FONT_PT.tableHeader, bold: true })],
              columnSpan: cell.colSpan,
              rowSpan: cell.rowSpan,
              verticalAlign: VerticalAlign.CENTER,
              width: { size: mmToTwip(spanWidth(cell.column, cell.colSpan)), type: WidthType.DXA },
            }),
        ),
      }),
  );
  const body = rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        height: { value: mmToTwip(6), rule: HeightRule.ATLEAST },
        children: row.cells.map(
          (text, i) =>
            new TableCell({
              children: [cellParagraph(text, columns[i]!.align, { size: FONT_PT.table, bold: isBold(row, i) })],
              verticalAlign: VerticalAlign.CENTER,
              width: { size: mmToTwip(TABLE_COLUMNS_MM[i]!), type: WidthType.DXA },
            }),
        ),
      }),
  );
  return new Table({
    layout: TableLayoutType.FIXED,
    borders: tableBorders,
    margins: {
      left: mmToTwip(CELL_PADDING_MM.x),
      right: mmToTwip(CELL_PADDING_MM.x),
      top: mmToTwip(CELL_PADDING_MM.y),
      bottom: mmToTwip(CELL_PADDING_MM.y),
    },
    width: { size: mmToTwip(TEXT_WIDTH_MM), type: WidthType.DXA },
    columnWidths: TABLE_COLUMNS_MM.map(mmToTwip),
    rows: [...header, ...body],
  });
}

/** Group rows are bold; a deducted unit's reviewed score is bold so the reader sees it. */
function isBold(row: NoticeRow, column: number): boolean {
  if (row.kind === 'group') return true;
  return column === row.cells.length - 1 && row.deductions.length > 0;
}

function closingBlock(model: NoticeModel): Table {
  const { left, right } = CLOSING_COLUMNS_MM;
  // Continuation lines of a long "Nơi nhận" item align after its dash.
  const dashTwip = ptToTwip(textWidthPt('- ', 'regular', FONT_PT.distribution));
  const distribution = [
    new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(DISTRIBUTION_LABEL, { size: FONT_PT.distributionLabel, bold: true, italics: true })] }),
    ...model.distribution.map(
      (line) =>
        new Paragraph({
          spacing: { before: 0, after: 0 },
          indent: { left: dashTwip, hanging: dashTwip },
          children: [run(line, { size: FONT_PT.distribution })],
        }),
    ),
  ];
  const signer = model.signer;
  const signature = [
    ...signer.positionLines.map((line) => centered(line, { size: FONT_PT.signer, bold: true })),
    new Paragraph({ spacing: { before: 0, after: 0, line: mmToTwip(SIGNATURE_SPACE_MM), lineRule: 'exact' }, children: [] }),
    ...signer.titleLines.map((line) => centered(line, { size: FONT_PT.signer, bold: true })),
    centered(signer.name, { size: FONT_PT.signer, bold: true }),
  ];
  return new Table({
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    width: { size: mmToTwip(left + right), type: WidthType.DXA },
    columnWidths: [mmToTwip(left), mmToTwip(right)],
    rows: [new TableRow({ cantSplit: true, children: [noBorderCell(distribution, left), noBorderCell(signature, right)] })],
  });
}

/** Decree 30: page numbers centred in the top margin, from the second page on. */
function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT_FAMILY, size: FONT_PT.pageNumber * 2 })],
      }),
    ],
  });
}

export function buildNoticeDocument(model: NoticeModel): Document {
  const spacer = () => new Paragraph({ spacing: { before: 0, after: 0 }, children: [] });
  return new Document({
    creator: model.header.issuingBody,
    title: `${model.header.numberLine} ${model.header.subject}`,
    styles: { default: { document: { run: { font: FONT_FAMILY, size: FONT_PT.body * 2 } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { ...A4_PAGE_TWIPS, margin: { ...A4_PAGE_TWIPS.margin, header: mmToTwip(MARGINS_MM.top / 2) } },
        },
        headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
        children: [
          headerBlock(model),
          ...recipientsBlock(model),
          ...model.legalBasis.map((line) => bodyParagraph(line)),
          bodyParagraph(model.intro),
          ...model.summary.map((line) => bodyParagraph(line)),
          bodyParagraph(model.scale),
          dataTable(model),
          spacer(),
          closingBlock(model),
        ],
      },
    ],
  });
}

export async function renderNoticeDocx(model: NoticeModel): Promise<Buffer> {
  return Packer.toBuffer(buildNoticeDocument(model));
}
