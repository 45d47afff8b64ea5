/**
 * Reads an uploaded table (CSV or XLSX) into rows of text cells, each with the line (CSV, header
 * = 1) or row (XLSX) a person would look for. Shared by every importer.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { checkZip } from '../documents/zip-guard.js';
import { Piscina } from 'piscina';
import { hasControlCharacters, TABLE_LIMITS } from '../domain/limits.js';
import { formatNumber, normalizeText } from '../domain/text.js';
import { errors, isAppError, type RowProblem } from '../errors.js';

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

/**
 * Reads a table in this thread. Importers use `readTableFileOffThread`: a large file parsed here
 * would hold the event loop (and every other request) for seconds.
 */
export async function readTableFile(content: Buffer, fileName = ''): Promise<TableFile> {
  const format = detectFormat(content, fileName);
  const rows = format === 'csv' ? readCsv(content) : await readXlsx(content);
  const nonEmpty = rows.filter((row) => row.cells.some((cell) => cell !== ''));
  if (nonEmpty.length === 0) fail('Tệp rỗng: không có dòng tiêu đề nào.');
  checkTableLimits(nonEmpty);
  return { format, rows: nonEmpty };
}

function checkTableLimits(rows: TableRow[]): void {
  const { rows: maxRows, columns: maxColumns, cellChars } = TABLE_LIMITS;
  if (rows.length - 1 > maxRows) {
    fail(`Tệp có ${formatNumber(rows.length - 1)} dòng dữ liệu, quá giới hạn ${formatNumber(maxRows)} dòng; hãy chia thành nhiều tệp.`);
  }
  const problems: RowProblem[] = [];
  for (const row of rows) {
    if (row.cells.length > maxColumns) {
      problems.push({ line: row.line, column: null, message: `Dòng có ${row.cells.length} cột, quá giới hạn ${maxColumns} cột.` });
    }
    row.cells.forEach((cell, i) => {
      if (hasControlCharacters(cell)) {
        problems.push({ line: row.line, column: `Cột ${i + 1}`, message: 'Ô chứa ký tự điều khiển (như NUL) không hợp lệ.' });
      } else if (cell.length > cellChars) {
        problems.push({ line: row.line, column: `Cột ${i + 1}`, message: `Ô dài ${formatNumber(cell.length)} ký tự, quá giới hạn ${formatNumber(cellChars)} ký tự.` });
      }
    });
    if (problems.length >= 50) break;
  }
  if (problems.length > 0) throw errors.importInvalid(problems);
}

type WorkerResult = { ok: true; table: TableFile } | { ok: false; problems: RowProblem[] } | { ok: false; crash: string };

let pool: Piscina | undefined;

function tablePool(): Piscina {
  if (!pool) {
    const source = import.meta.url.endsWith('.ts');
    pool = new Piscina({
      filename: new URL(`./table-file.worker.${source ? 'ts' : 'js'}`, import.meta.url).href,
      // One parse at a time: two cores are shared with the web server and the database.
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 30_000,
      // A file that still manages to exhaust memory ends its worker, not the server.
      resourceLimits: { maxOldGenerationSizeMb: 768 },
      // Run from TypeScript sources (bin/portal-scorecard, tests), the worker needs the same loader.
      execArgv: source && !process.execArgv.some((a) => a.includes('tsx')) ? [...process.execArgv, '--import', import.meta.resolve('tsx')] : process.execArgv,
    });
  }
  return pool;
}

/**
 * Reads a table in a worker thread, so the web server keeps answering while a 10 MB file is
 * parsed and checked; problems come back as the same 422 with the same messages.
 */
export async function readTableFileOffThread(content: Buffer, fileName = ''): Promise<TableFile> {
  let result: WorkerResult;
  try {
    result = (await tablePool().run({ content, fileName })) as WorkerResult;
  } catch (error) {
    result = { ok: false, crash: (error as Error).message };
  }
  if (result.ok) return result.table;
  if ('problems' in result) throw errors.importInvalid(result.problems);
  fail('Tệp quá lớn hoặc quá phức tạp để đọc; hãy chia nhỏ tệp.');
}

/** Runs in the worker: the outcome as plain data (an AppError does not cross threads). */
export async function readTableFileForWorker(task: { content: Uint8Array; fileName: string }): Promise<WorkerResult> {
  try {
    return { ok: true, table: await readTableFile(Buffer.from(task.content.buffer, task.content.byteOffset, task.content.byteLength), task.fileName) };
  } catch (error) {
    if (isAppError(error) && error.code === 'import_invalid') return { ok: false, problems: (error.details as { problems: RowProblem[] }).problems };
    return { ok: false, crash: (error as Error).message };
  }
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
  try {
    await checkZip(content);
  } catch (error) {
    fail((error as Error).message);
  }
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
