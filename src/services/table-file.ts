/**
 * Reads an uploaded table (CSV or XLSX) into rows of text cells, each with the line (CSV, header
 * = 1) or row (XLSX) a person would look for. Shared by every importer.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { normalizeText } from '../domain/text.js';
import { errors, type RowProblem } from '../errors.js';

export type TableFormat = 'csv' | 'xlsx';

export interface TableRow {
  line: number;
  cells: string[];
}

export interface TableFile {
  format: TableFormat;
  /** Header first. Entirely empty rows are dropped. */
  rows: TableRow[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function fail(message: string): never {
  const problem: RowProblem = { line: 0, column: null, message };
  throw errors.importInvalid([problem]);
}

export function detectFormat(content: Buffer, fileName = ''): TableFormat {
  if (content.length === 0 || content.toString('utf8').replace(/^\ufeff/, '').trim() === '') {
    fail('Tệp rỗng: không có dòng tiêu đề nào.');
  }
  if (content.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  if (/\.xlsx$/i.test(fileName)) fail('Tệp có đuôi .xlsx nhưng không phải là bảng tính XLSX hợp lệ.');
  if (content.includes(0) || !isUtf8(content)) {
    fail('Tệp không phải CSV (UTF-8) hay XLSX.');
  }
  return 'csv';
}

export async function readTableFile(content: Buffer, fileName = ''): Promise<TableFile> {
  const format = detectFormat(content, fileName);
  const rows = format === 'csv' ? readCsv(content) : await readXlsx(content);
  const nonEmpty = rows.filter((row) => row.cells.some((cell) => cell !== ''));
  if (nonEmpty.length === 0) fail('Tệp rỗng: không có dòng tiêu đề nào.');
  return { format, rows: nonEmpty };
}

function readCsv(content: Buffer): TableRow[] {
  const text = content.toString('utf8').replace(/^\ufeff/, '');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { relax_column_count: true, info: true, skip_empty_lines: false, bom: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    const problem: RowProblem = {
      line,
      column: null,
      message: `CSV không đọc được (dấu ngoặc kép không khớp?): ${(error as Error).message}`,
    };
    throw errors.importInvalid([problem]);
  }
  // info.lines is the line a record ends on; a record starts right after the previous one ends.
  let previousEnd = 0;
  return records.map(({ record, info }) => {
    const row = { line: previousEnd + 1, cells: record.map(cleanCell) };
    previousEnd = info.lines;
    return row;
  });
}

async function readXlsx(content: Buffer): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    fail(`Bảng tính XLSX không đọc được: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) fail('Bảng tính không có trang nào.');
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let col = 1; col <= sheet.columnCount; col += 1) cells.push(cleanCell(cellText(row.getCell(col).value)));
    rows.push({ line: rowNumber, cells });
  });
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

function cleanCell(value: string): string {
  return normalizeText(value);
}

function isUtf8(content: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}
