/**
 * The year's or quarter's ranking as a workbook and as a Word document, for the emulation and
 * awards file (hồ sơ thi đua, khen thưởng). Only layout here: every value comes from the report.
 */
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { romanNumeral } from '../domain/roman.js';
import { formatNumber } from '../domain/text.js';
import type { SpanReport } from '../domain/yearly.js';
import { A4_PAGE_TWIPS, FONT_FAMILY, FONT_PT, mmToTwip, TEXT_WIDTH_MM, XLSX_COUNT_FORMAT } from './layout.js';
import { SPAN_TABLE_HEADER, spanTitle } from './span-report-text.js';

/** Column widths in millimetres (STT, name, months, average, deducted months, articles). */
const COLUMNS_MM = [12, 78, 20, 20, 20, 15] as const;
const MM_PER_CHAR = 2.1;

export async function renderSpanXlsx(report: SpanReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'portal-scorecard';
  workbook.title = spanTitle(report);
  const sheet = workbook.addWorksheet(report.quarter ?? String(report.year), {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = COLUMNS_MM.map((mm) => ({ width: Math.round(mm / MM_PER_CHAR) }));
  const font = (extra: Partial<ExcelJS.Font> = {}) => ({ name: FONT_FAMILY, size: FONT_PT.table, ...extra });
  const title = sheet.addRow([spanTitle(report)]);
  sheet.mergeCells(title.number, 1, title.number, COLUMNS_MM.length);
  title.font = font({ bold: true, size: FONT_PT.subject });
  title.alignment = { wrapText: true, horizontal: 'center' };
  title.height = 36;
  sheet.addRow([]);
  const head = sheet.addRow(SPAN_TABLE_HEADER);
  head.font = font({ bold: true, size: FONT_PT.tableHeader });
  head.alignment = { wrapText: true, horizontal: 'center', vertical: 'middle' };
  report.groups.forEach((group, index) => {
    const row = sheet.addRow([`${romanNumeral(index + 1)}.`, group.name]);
    row.font = font({ bold: true });
    for (const unit of group.units) {
      const line = sheet.addRow([unit.rank, unit.name, unit.months, unit.average, unit.deductedMonths, unit.articles]);
      line.font = font();
      line.getCell(4).numFmt = '0.00';
      line.getCell(6).numFmt = XLSX_COUNT_FORMAT;
    }
  });
  const thin: Partial<ExcelJS.Border> = { style: 'thin' };
  for (let r = head.number; r <= sheet.rowCount; r += 1) {
    for (let c = 1; c <= COLUMNS_MM.length; c += 1) {
      sheet.getCell(r, c).border = { top: thin, left: thin, bottom: thin, right: thin };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const run = (text: string, size: number, bold = false) =>
  new TextRun({ text: text.normalize('NFC'), font: FONT_FAMILY, size: size * 2, bold });

function cell(text: string, widthMm: number, options: { bold?: boolean; size?: number; left?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: mmToTwip(widthMm), type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        alignment: options.left ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: [run(text, options.size ?? FONT_PT.table, options.bold)],
      }),
    ],
  });
}

export function buildSpanDocument(report: SpanReport): Document {
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      children: SPAN_TABLE_HEADER.map((h, i) => cell(h, COLUMNS_MM[i]!, { bold: true, size: FONT_PT.tableHeader })),
    }),
  ];
  report.groups.forEach((group, index) => {
    rows.push(
      new TableRow({
        children: [
          cell(`${romanNumeral(index + 1)}.`, COLUMNS_MM[0], { bold: true }),
          cell(group.name, COLUMNS_MM[1], { bold: true, left: true }),
          ...COLUMNS_MM.slice(2).map((mm) => cell('', mm)),
        ],
      }),
    );
    for (const unit of group.units) {
      rows.push(
        new TableRow({
          children: [
            cell(String(unit.rank), COLUMNS_MM[0]),
            cell(unit.name, COLUMNS_MM[1], { left: true }),
            cell(String(unit.months), COLUMNS_MM[2]),
            cell(formatNumber(unit.average), COLUMNS_MM[3]),
            cell(String(unit.deductedMonths), COLUMNS_MM[4]),
            cell(formatNumber(unit.articles), COLUMNS_MM[5]),
          ],
        }),
      );
    }
  });
  const body =
    report.groups.length === 0
      ? [new Paragraph({ children: [run('Chưa có kỳ nào đã công bố trong khoảng thời gian này.', FONT_PT.body)] })]
      : [new Table({ layout: TableLayoutType.FIXED, width: { size: mmToTwip(TEXT_WIDTH_MM), type: WidthType.DXA }, rows })];
  return new Document({
    creator: 'portal-scorecard',
    title: spanTitle(report),
    styles: { default: { document: { run: { font: FONT_FAMILY, size: FONT_PT.body * 2 } } } },
    sections: [
      {
        properties: {
          page: A4_PAGE_TWIPS,
        },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(spanTitle(report), FONT_PT.subject, true)] }),
          ...body,
        ],
      },
    ],
  });
}

export async function renderSpanDocx(report: SpanReport): Promise<Buffer> {
  return Packer.toBuffer(buildSpanDocument(report));
}
