/**
 * Notices for tests and benchmarks: the seed's settings, synthetic months of any size, and the
 * text read back from the DOCX (mammoth, and the XML for table properties), the PDF (poppler's
 * pdftotext, page by page) and the XLSX (exceljs).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { ProvinceSettings } from '../../src/domain/province.js';
import type { PeriodReport, ReportUnit } from '../../src/services/report.js';
import { DEFAULT_RULE_SET } from '../../src/domain/rules.js';

const DEMO = new URL('../../demo/province.json', import.meta.url).pathname;

/** Bắc Ninh's settings, as the seed notice shows them. */
export function seedSettings(): ProvinceSettings {
  return (JSON.parse(readFileSync(DEMO, 'utf8')) as { settings: ProvinceSettings }).settings;
}

/** A month of `units` units in two groups, names and figures varied, one deduction in each group. */
export function syntheticReport(units: number, periodId = '2024-02'): PeriodReport {
  const half = Math.ceil(units / 2);
  const group = (name: string, count: number, required: number, offset: number) => {
    const list: ReportUnit[] = Array.from({ length: count }, (_, i) => {
      const deducted = i === count - 1;
      return {
        rank: i + 1,
        id: `u${offset + i}`,
        name: i % 2 === 0 ? `Xã Đồng Tiến số ${offset + i + 1}` : `Phường Nguyễn Trãi khu phố ${offset + i + 1}`,
        categories: required,
        full: deducted ? required - 1 : required,
        partial: deducted ? 1 : 0,
        none: 0,
        articles: 500 - i,
        selfScore: 100,
        score: deducted ? 97 : 100,
        deductions: deducted ? [{ points: 3, reason: 'Chậm cập nhật văn bản chỉ đạo, điều hành' }] : [],
      };
    });
    return { name, articles: list.reduce((sum, u) => sum + u.articles, 0), units: list };
  };
  const groups = [group('Các Sở, ban, ngành tỉnh', half, 19, 0), group('UBND xã, phường', units - half, 22, half)];
  return {
    period: { id: periodId, from: '2024-01-23', to: '2024-02-22', status: 'published' },
    rules: { id: DEFAULT_RULE_SET.id, effectiveFrom: DEFAULT_RULE_SET.effectiveFrom, note: DEFAULT_RULE_SET.note, isDefault: true, scale: 100 },
    groups,
    deducted: groups.map((g) => g.units.at(-1)!).map((u) => ({ name: u.name, points: 3, reasons: [u.deductions[0]!.reason] })),
  };
}

/** Collapses white space so text wrapped in a cell or a column compares as one line. */
export const flat = (text: string) => text.normalize('NFC').replace(/\s+/gu, ' ').trim();

export async function docxText(content: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer: content })).value;
}

export async function docxXml(content: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(content);
  return zip.file('word/document.xml')!.async('string');
}

/** The PDF's text, one string a page, in drawing order (pdftotext -raw). */
export function pdfPages(content: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'ps-pdf-'));
  try {
    const file = join(dir, 'notice.pdf');
    writeFileSync(file, content);
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    return text.split('\f').filter((page, i, all) => i < all.length - 1 || page.trim() !== '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every sheet's cells as text, a line a row, cells joined by tabs. */
export async function xlsxText(content: Buffer): Promise<{ sheets: string[]; workbook: ExcelJS.Workbook }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const sheets = workbook.worksheets.map((sheet) => {
    const lines: string[] = [];
    sheet.eachRow((row) => {
      const cells: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c += 1) cells.push(cellText(row.getCell(c).value));
      lines.push(cells.join('\t'));
    });
    return lines.join('\n');
  });
  return { sheets, workbook };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'result' in value) return String(value.result);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return String(value);
}
