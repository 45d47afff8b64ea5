/**
 * The notice as a workbook. The first sheet is the table as the notice prints it (two-row merged
 * header, group rows with their subtotals as formulas), ready to filter and to print on A4; the
 * second is the letter itself laid out as the DOCX lays it out: the two-column header block, the
 * recipients, the body, the same table, "Nơi nhận" beside the signature. Rows holding wrapped text
 * get heights for their lines, since neither Excel nor LibreOffice Calc grows a row for a merged
 * cell and Calc draws an unsized row of a long name over the next.
 */
import ExcelJS from 'exceljs';
import { type FontStyle, wrappedLines } from './fonts.js';
import {
  excelColumnWidth,
  FONT_FAMILY,
  FONT_PT,
  HEADER_OFFSET_MM,
  MARGINS_MM,
  MM_PER_INCH,
  SIGNATURE_SPACE_MM,
  TABLE_COLUMNS_MM,
  XLSX_COUNT_FORMAT,
  xlsxScoreFormat,
} from './layout.js';
import { DISTRIBUTION_LABEL, type NoticeModel, RECIPIENTS_LABEL } from './notice-model.js';

const HEADER_ROWS = 2;
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const box: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const font = (size: number, extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: FONT_FAMILY, size, ...extra });
const inches = (mm: number) => mm / MM_PER_INCH;
/** What a cell keeps from its width for its own margins, both sides together. */
const CELL_MARGINS_MM = 2;
const PT_PER_MM = 72 / MM_PER_INCH;

/** Height in points of a row whose text takes `lines` lines at `sizePt`. */
const rowHeight = (lines: number, sizePt: number) => Math.ceil(lines * sizePt * 1.2 + 4);

function textHeight(text: string, widthMm: number, style: FontStyle, sizePt: number): number {
  return rowHeight(wrappedLines(text, widthMm - CELL_MARGINS_MM, style, sizePt), sizePt);
}

const styleOf = (f: Partial<ExcelJS.Font>): FontStyle => (f.bold ? (f.italic ? 'boldItalic' : 'bold') : f.italic ? 'italic' : 'regular');

function pageSetup(leftMarginMm: number): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9, // A4
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: {
      top: inches(MARGINS_MM.top),
      bottom: inches(MARGINS_MM.bottom),
      left: inches(leftMarginMm),
      right: inches(MARGINS_MM.right),
      header: inches(MARGINS_MM.top / 2),
      footer: inches(MARGINS_MM.bottom / 2),
    },
  };
}

export async function renderNoticeXlsx(model: NoticeModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = model.header.issuingBody || 'portal-scorecard';
  workbook.title = `${model.header.numberLine} ${model.header.subject}`;
  addTableSheet(workbook, model);
  addLetterSheet(workbook, model);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addTableSheet(workbook: ExcelJS.Workbook, model: NoticeModel): void {
  const sheet = workbook.addWorksheet(`Bảng điểm ${model.periodId}`, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROWS }],
    pageSetup: { ...pageSetup(MARGINS_MM.left), printTitlesRow: `1:${HEADER_ROWS}` },
    headerFooter: {
      oddHeader: `&C&"${FONT_FAMILY}"&11${escapeHeader(`${model.header.numberLine} – ${model.header.subject}`)}`,
      oddFooter: `&C&"${FONT_FAMILY}"&11Trang &P/&N`,
    },
  });
  sheet.columns = TABLE_COLUMNS_MM.map((mm) => ({ width: excelColumnWidth(mm) }));
  const last = writeTable(sheet, model, 1, 1);
  sheet.autoFilter = { from: { row: HEADER_ROWS, column: 1 }, to: { row: last, column: model.table.columns.length } };
}

/**
 * Writes the notice's table with its top left corner at (row, column); returns its last row.
 * Header rows are sized for their tallest cell, unit rows for a name that wraps.
 */
function writeTable(sheet: ExcelJS.Worksheet, model: NoticeModel, firstRow: number, firstColumn: number): number {
  const { columns, headerRows, rows } = model.table;
  const width = (column: number, span = 1) => TABLE_COLUMNS_MM.slice(column, column + span).reduce((a, b) => a + b, 0);
  const headerFont = font(FONT_PT.tableHeader, { bold: true });
  const headerHeights = [0, 0];
  headerRows.forEach((headerRow, index) => {
    const row = firstRow + index;
    for (const cell of headerRow) {
      const target = sheet.getCell(row, firstColumn + cell.column);
      target.value = cell.text;
      if (cell.colSpan > 1 || cell.rowSpan > 1) {
        sheet.mergeCells(row, firstColumn + cell.column, row + cell.rowSpan - 1, firstColumn + cell.column + cell.colSpan - 1);
      }
      const height = textHeight(cell.text, width(cell.column, cell.colSpan), 'bold', FONT_PT.tableHeader);
      if (cell.rowSpan === 1) headerHeights[index] = Math.max(headerHeights[index]!, height);
      else headerHeights[1] = Math.max(headerHeights[1]!, height - headerHeights[0]!);
    }
  });
  for (let r = 0; r < HEADER_ROWS; r += 1) {
    const row = sheet.getRow(firstRow + r);
    row.height = headerHeights[r]!;
    for (let c = 0; c < columns.length; c += 1) {
      const cell = row.getCell(firstColumn + c);
      cell.font = headerFont;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = box;
    }
  }

  const articlesColumn = firstColumn + 6;
  const articlesLetter = sheet.getColumn(articlesColumn).letter;
  let rowNumber = firstRow + HEADER_ROWS - 1;
  let groupRow: ExcelJS.Row | undefined;
  let groupFirst = 0;
  const closeGroup = (lastRow: number) => {
    if (!groupRow) return;
    const cell = groupRow.getCell(articlesColumn);
    // The subtotal stays live when the board corrects a figure in the sheet.
    const formula = lastRow >= groupFirst ? `SUM(${articlesLetter}${groupFirst}:${articlesLetter}${lastRow})` : '0';
    cell.value = { formula, result: Number(cell.value ?? 0) };
  };
  for (const item of rows) {
    rowNumber += 1;
    const row = sheet.getRow(rowNumber);
    const values =
      item.kind === 'group'
        ? [item.label, item.name, null, null, null, null, item.articles, null, null]
        : [item.rank, item.name, item.categories, item.full, item.partial, item.none, item.articles, item.selfScore, item.score];
    values.forEach((value, c) => {
      row.getCell(firstColumn + c).value = value;
    });
    if (item.kind === 'group') {
      closeGroup(rowNumber - 1);
      groupRow = row;
      groupFirst = rowNumber + 1;
    } else if (item.deductions.length > 0) {
      row.getCell(firstColumn + 8).note = item.deductions.map((d) => `Trừ ${d.points} điểm: ${d.reason}`).join('\n');
    }
    const nameBold = item.kind === 'group';
    row.height = Math.max(rowHeight(1, FONT_PT.table), textHeight(item.name, width(1), nameBold ? 'bold' : 'regular', FONT_PT.table));
    for (let c = 0; c < columns.length; c += 1) {
      const cell = row.getCell(firstColumn + c);
      const bold = item.kind === 'group' || (c === 8 && item.deductions.length > 0);
      cell.font = font(FONT_PT.table, { bold });
      cell.alignment = { horizontal: columns[c]!.align, vertical: 'middle', wrapText: c === 1 };
      cell.border = box;
      if (c >= 2 && c <= 6) cell.numFmt = XLSX_COUNT_FORMAT;
      if ((c === 7 || c === 8) && typeof cell.value === 'number') cell.numFmt = xlsxScoreFormat(cell.value);
    }
  }
  closeGroup(rowNumber);
  return rowNumber;
}

/**
 * The letter on one sheet. Column A is the strip of the left margin the DOCX's header block reaches
 * into; B–J are the table's columns. The header block and the closing split the width as the DOCX
 * does: issuing body and "Nơi nhận" over A–C, national title and signature over D–J.
 */
function addLetterSheet(workbook: ExcelJS.Workbook, model: NoticeModel): void {
  // The issuing body at 12 pt bold needs 81 mm: A–C gives it 83 mm, D–J leave the national title 90.
  const offsetMm = HEADER_OFFSET_MM + 2;
  const columnsMm = [offsetMm, ...TABLE_COLUMNS_MM];
  const sheet = workbook.addWorksheet('Công văn', {
    pageSetup: pageSetup(Math.max(10, MARGINS_MM.left - offsetMm)),
    views: [{ showGridLines: false }],
  });
  sheet.columns = columnsMm.map((mm) => ({ width: excelColumnWidth(mm) }));
  const span = (from: number, to: number) => columnsMm.slice(from - 1, to).reduce((a, b) => a + b, 0);
  const LEFT = [1, 3] as const;
  const RIGHT = [4, columnsMm.length] as const;
  const BODY = [2, columnsMm.length] as const;
  let row = 0;

  /** Writes text merged over columns [from, to] of the current row; returns the height it needs. */
  const put = (
    text: string,
    [from, to]: readonly [number, number],
    f: Partial<ExcelJS.Font>,
    horizontal: 'left' | 'center' | 'right' | 'justify',
  ): number => {
    if (to > from) sheet.mergeCells(row, from, row, to);
    const cell = sheet.getCell(row, from);
    cell.value = text;
    cell.font = f;
    cell.alignment = { horizontal, vertical: 'top', wrapText: true };
    return text ? textHeight(text, span(from, to), styleOf(f), f.size!) : 0;
  };
  const line = (cells: [string, readonly [number, number], Partial<ExcelJS.Font>, 'left' | 'center' | 'right' | 'justify'][], minHeight = 0) => {
    row += 1;
    sheet.getRow(row).height = Math.max(minHeight, ...cells.map(([text, columns, f, align]) => put(text, columns, f, align)));
  };
  const h = model.header;

  // The header block: issuing body beside the national title, number and subject beside place and date.
  line([
    [h.parentBody, LEFT, font(FONT_PT.parentBody), 'center'],
    [h.nation, RIGHT, font(FONT_PT.nation, { bold: true }), 'center'],
  ]);
  line([
    [h.issuingBody, LEFT, font(FONT_PT.issuingBody, { bold: true, underline: true }), 'center'],
    [h.motto, RIGHT, font(FONT_PT.motto, { bold: true, underline: true }), 'center'],
  ]);
  line([
    [h.numberLine, LEFT, font(FONT_PT.number), 'center'],
    [h.placeDate, RIGHT, font(FONT_PT.placeDate, { italic: true }), 'center'],
  ], rowHeight(1, FONT_PT.placeDate) + 6);
  line([[h.subject, LEFT, font(FONT_PT.subject), 'center']]);
  line([], 12);

  model.recipients.forEach((recipient, i) => {
    line([
      [i === 0 ? RECIPIENTS_LABEL : '', [2, 3], font(FONT_PT.recipients), 'right'],
      [recipient, RIGHT, font(FONT_PT.recipients), 'left'],
    ]);
  });
  line([], 12);

  for (const paragraph of [...model.legalBasis, model.intro, ...model.summary, model.scale]) {
    line([[paragraph, BODY, font(FONT_PT.body), 'justify']]);
  }
  row = writeTable(sheet, model, row + 1, BODY[0]);
  line([], 12);

  // "Nơi nhận" as one cell over the closing rows (label and list, each line its own size); the
  // signature on the right, with room for the hand and the seal.
  const signer = model.signer;
  const signature: [string, number][] = [
    ...signer.positionLines.map((l): [string, number] => [l, 0]),
    ['', Math.round(SIGNATURE_SPACE_MM * PT_PER_MM)],
    ...signer.titleLines.map((l): [string, number] => [l, 0]),
    [signer.name, 0],
  ];
  const first = row + 1;
  const distributionHeight =
    rowHeight(1, FONT_PT.distributionLabel) +
    model.distribution.reduce((sum, l) => sum + textHeight(l, span(...LEFT), 'regular', FONT_PT.distribution) - 4, 0);
  for (const [text, height] of signature) {
    line([[text, RIGHT, font(FONT_PT.signer, { bold: true }), 'center']], height);
  }
  const signatureHeight = signature.reduce((sum, _, i) => sum + (sheet.getRow(first + i).height ?? 0), 0);
  if (distributionHeight > signatureHeight) {
    const lastRow = sheet.getRow(row);
    lastRow.height = (lastRow.height ?? 0) + distributionHeight - signatureHeight;
  }
  sheet.mergeCells(first, LEFT[0], row, LEFT[1]);
  const distribution = sheet.getCell(first, LEFT[0]);
  distribution.value = {
    richText: [
      { text: `${DISTRIBUTION_LABEL}\n`, font: font(FONT_PT.distributionLabel, { bold: true, italic: true }) },
      { text: model.distribution.join('\n'), font: font(FONT_PT.distribution) },
    ],
  };
  distribution.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
}

/** "&" starts a code in Excel's page header; a literal one is written "&&". */
function escapeHeader(text: string): string {
  return text.replace(/&/g, '&&');
}
