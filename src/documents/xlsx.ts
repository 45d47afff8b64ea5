/**
 * The notice's table as a workbook. The first sheet is the table as the notice prints it (two-row
 * merged header, group rows with their subtotals as formulas), ready to filter and to print on A4;
 * the second holds the notice's text (header, body, "Nơi nhận", signer) for reference.
 */
import ExcelJS from 'exceljs';
import { FONT_FAMILY, FONT_PT, MARGINS_MM, MM_PER_INCH, TABLE_COLUMNS_MM } from './layout.js';
import { DISTRIBUTION_LABEL, type NoticeModel, RECIPIENTS_LABEL } from './notice-model.js';

const HEADER_ROWS = 2;
/** Excel column widths are in characters of the default font; about 2 mm a character at 12 pt. */
const MM_PER_CHAR = 2.1;
const COUNT_FORMAT = '#,##0';
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const box: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const font = (size: number, extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: FONT_FAMILY, size, ...extra });
const inches = (mm: number) => mm / MM_PER_INCH;

export async function renderNoticeXlsx(model: NoticeModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = model.header.issuingBody || 'portal-scorecard';
  workbook.title = `${model.header.numberLine} ${model.header.subject}`;
  addTableSheet(workbook, model);
  addTextSheet(workbook, model);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addTableSheet(workbook: ExcelJS.Workbook, model: NoticeModel): void {
  const sheet = workbook.addWorksheet(`Bảng điểm ${model.periodId}`, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROWS }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `1:${HEADER_ROWS}`,
      margins: {
        top: inches(MARGINS_MM.top),
        bottom: inches(MARGINS_MM.bottom),
        left: inches(MARGINS_MM.left),
        right: inches(MARGINS_MM.right),
        header: inches(MARGINS_MM.top / 2),
        footer: inches(MARGINS_MM.bottom / 2),
      },
    },
    headerFooter: {
      oddHeader: `&C&"${FONT_FAMILY}"&11${escapeHeader(`${model.header.numberLine} – ${model.header.subject}`)}`,
      oddFooter: `&C&"${FONT_FAMILY}"&11Trang &P/&N`,
    },
  });
  sheet.columns = TABLE_COLUMNS_MM.map((mm) => ({ width: Math.round((mm / MM_PER_CHAR) * 10) / 10 }));

  model.table.headerRows.forEach((headerRow, index) => {
    const row = index + 1;
    for (const cell of headerRow) {
      const target = sheet.getCell(row, cell.column + 1);
      target.value = cell.text;
      if (cell.colSpan > 1 || cell.rowSpan > 1) sheet.mergeCells(row, cell.column + 1, row + cell.rowSpan - 1, cell.column + cell.colSpan);
    }
  });
  for (let r = 1; r <= HEADER_ROWS; r += 1) {
    const row = sheet.getRow(r);
    // Excel does not grow rows for merged cells: room for the tallest header (nine lines at 11 pt).
    row.height = r === 1 ? 45 : 80;
    for (let c = 1; c <= model.table.columns.length; c += 1) {
      const cell = row.getCell(c);
      cell.font = font(FONT_PT.tableHeader, { bold: true });
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = box;
    }
  }

  let rowNumber = HEADER_ROWS;
  let groupRow: ExcelJS.Row | undefined;
  let groupFirst = 0;
  const closeGroup = (last: number) => {
    if (!groupRow) return;
    const cell = groupRow.getCell(7);
    // The subtotal stays live when the board corrects a figure in the sheet.
    cell.value = { formula: last >= groupFirst ? `SUM(G${groupFirst}:G${last})` : '0', result: Number(cell.value ?? 0) };
  };
  for (const item of model.table.rows) {
    rowNumber += 1;
    const row = sheet.getRow(rowNumber);
    if (item.kind === 'group') {
      closeGroup(rowNumber - 1);
      row.values = [item.label, item.name, null, null, null, null, item.articles, null, null];
      groupRow = row;
      groupFirst = rowNumber + 1;
    } else {
      row.values = [item.rank, item.name, item.categories, item.full, item.partial, item.none, item.articles, item.selfScore, item.score];
      if (item.deductions.length > 0) {
        row.getCell(9).note = item.deductions.map((d) => `Trừ ${d.points} điểm: ${d.reason}`).join('\n');
      }
    }
    for (let c = 1; c <= model.table.columns.length; c += 1) {
      const cell = row.getCell(c);
      const bold = item.kind === 'group' || (c === 9 && item.deductions.length > 0);
      cell.font = font(FONT_PT.table, { bold });
      cell.alignment = { horizontal: model.table.columns[c - 1]!.align, vertical: 'middle', wrapText: c === 2 };
      cell.border = box;
      if (c >= 3 && c <= 7) cell.numFmt = COUNT_FORMAT;
    }
  }
  closeGroup(rowNumber);
  sheet.autoFilter = { from: { row: HEADER_ROWS, column: 1 }, to: { row: rowNumber, column: model.table.columns.length } };
}

function addTextSheet(workbook: ExcelJS.Workbook, model: NoticeModel): void {
  const sheet = workbook.addWorksheet('Công văn', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.getColumn(1).width = 110;
  const h = model.header;
  const lines: [string, Partial<ExcelJS.Font>][] = [
    [h.parentBody, {}],
    [h.issuingBody, { bold: true }],
    [h.nation, { bold: true }],
    [h.motto, { bold: true }],
    [h.numberLine, {}],
    [h.placeDate, { italic: true }],
    [h.subject, {}],
    ['', {}],
    ...model.recipients.map((line, i): [string, Partial<ExcelJS.Font>] => [i === 0 ? `${RECIPIENTS_LABEL} ${line}` : line, {}]),
    ['', {}],
    ...model.legalBasis.map((line): [string, Partial<ExcelJS.Font>] => [line, {}]),
    [model.intro, {}],
    ...model.summary.map((line): [string, Partial<ExcelJS.Font>] => [line, {}]),
    [model.scale, {}],
    ['', {}],
    [DISTRIBUTION_LABEL, { bold: true, italic: true }],
    ...model.distribution.map((line): [string, Partial<ExcelJS.Font>] => [line, {}]),
    ['', {}],
    ...model.signer.positionLines.map((line): [string, Partial<ExcelJS.Font>] => [line, { bold: true }]),
    ...model.signer.titleLines.map((line): [string, Partial<ExcelJS.Font>] => [line, { bold: true }]),
    [model.signer.name, { bold: true }],
  ];
  for (const [text, style] of lines) {
    const row = sheet.addRow([text]);
    row.getCell(1).font = font(FONT_PT.table, style);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  }
}

/** "&" starts a code in Excel's page header; a literal one is written "&&". */
function escapeHeader(text: string): string {
  return text.replace(/&/g, '&&');
}
