/**
 * Notices for tests and benchmarks: the seed's settings, synthetic months of any size, and the
 * text read back from the DOCX (mammoth, and the XML for table properties), the PDF (poppler's
 * pdftotext, page by page) and the XLSX (exceljs).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { ProvinceSettings } from '../../src/domain/province.js';
import type { PeriodReport, ReportUnit } from '../../src/domain/report.js';
import { DEFAULT_RULE_SET } from '../../src/domain/rules.js';
import { seedText } from './seed.js';

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
        reported: true,
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

/**
 * The seed month (02/2024) as a report, read straight from the seed's table: its groups, its units
 * in its order with its figures, huyện Tiên Du's two points off.
 */
export function seedReport(): PeriodReport {
  const groups: PeriodReport['groups'] = [];
  const reason = 'Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn';
  for (const line of seedText().split('\n')) {
    const cells = line.split('\t').map((c) => c.trim());
    if (cells.length < 7) continue;
    if (/^\d+$/u.test(cells[0]!)) {
      const [rank, name, categories, full, partial, none, articles, selfScore, score] = cells.map((c, i) => (i === 1 ? c : Number(c.replace(/\./gu, ''))));
      const points = 100 - (score as number);
      groups.at(-1)!.units.push({
        rank: rank as number,
        id: `seed-${groups.length}-${String(rank)}`,
        name: name as string,
        categories: categories as number,
        full: full as number,
        partial: partial as number,
        none: none as number,
        articles: articles as number,
        selfScore: selfScore as number,
        score: score as number,
        deductions: points > 0 ? [{ points, reason }] : [],
        reported: true,
      });
    } else if (cells[1] && /^[\d.]+$/u.test(cells[6] ?? '')) {
      groups.push({ name: cells[1], articles: Number(cells[6]!.replace(/\./gu, '')), units: [] });
    }
  }
  return {
    period: { id: '2024-02', from: '2024-01-23', to: '2024-02-22', status: 'published' },
    rules: { id: DEFAULT_RULE_SET.id, effectiveFrom: DEFAULT_RULE_SET.effectiveFrom, note: DEFAULT_RULE_SET.note, isDefault: true, scale: 100 },
    groups,
    deducted: [{ name: 'huyện Tiên Du', points: 2, reasons: [reason] }],
  };
}

/**
 * Which parts of LibreOffice can render the notice as an office does: `soffice` on the PATH, its
 * Writer and Calc modules beside it (a server may carry Writer alone), and a font with Times New
 * Roman's metrics for the notice's Times New Roman (Liberation Serif, Debian's fonts-liberation2).
 * Without that font LibreOffice lays the notice out in a wider serif (DejaVu Serif): names wrap
 * and the table breaks elsewhere, so the checks would judge a layout no office shows. `missing`
 * says what is lacking, for the loud skip.
 */
export const libreOffice = (() => {
  const found = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' });
  const path = found.status === 0 ? found.stdout.trim() : '';
  if (!path) return { writer: false, calc: false, missing: 'soffice (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui)' };
  const program = dirname(realpathSync(path));
  const writer = existsSync(join(program, 'libswlo.so')) || existsSync(join(program, 'swlo.dll'));
  const calc = existsSync(join(program, 'libsclo.so')) || existsSync(join(program, 'sclo.dll'));
  const times = spawnSync('fc-match', ['-f', '%{family}', 'Times New Roman'], { encoding: 'utf8' });
  const family = times.status === 0 ? (times.stdout ?? '').trim() : '';
  if (!/Liberation Serif|Times New Roman/u.test(family)) {
    const given = family ? `fc-match gives "${family}"` : 'fc-match not found';
    return { writer: false, calc: false, missing: `a font with Times New Roman's metrics (${given}; apt-get install fonts-liberation2)` };
  }
  return { writer, calc, missing: writer && calc ? null : `LibreOffice ${writer ? 'Calc' : 'Writer'} (apt-get install libreoffice-${writer ? 'calc' : 'writer'}-nogui)` };
})();

/**
 * Converts an office file to PDF in `dir` with LibreOffice headless, in an English C locale (so a
 * number format that follows the reader's locale shows its English form), with a profile of its
 * own: conversions sharing the user's profile wait on each other's lock. Generous timeout: the
 * machine may be loaded.
 */
export function convertToPdf(file: string, dir: string): string {
  const converted = spawnSync(
    'soffice',
    [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, file],
    { encoding: 'utf8', timeout: 200_000, env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' } },
  );
  const pdf = join(dir, `${file.split('/').at(-1)!.replace(/\.[^.]+$/u, '')}.pdf`);
  if (converted.status !== 0 || !existsSync(pdf)) {
    throw new Error(`soffice could not convert ${file}: ${converted.stdout}${converted.stderr}${converted.error ? String(converted.error) : ''}`);
  }
  return pdf;
}
