/**
 * The notice's workbook as an office opens it: counts shown 1.389 whatever the reader's locale,
 * the "Công văn" sheet laid out as the letter, rows tall enough for the names they wrap. Checked
 * in the file (exceljs) and, when LibreOffice Calc is installed, as Calc prints it in an English
 * locale.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { buildNoticeModel, type NoticeModel } from '../../src/documents/notice-model.js';
import { XLSX_COUNT_FORMAT } from '../../src/documents/layout.js';
import { renderNoticeXlsx } from '../../src/documents/xlsx.js';
import { convertToPdf, flat, libreOffice, seedReport, seedSettings, syntheticReport, xlsxText } from '../helpers/notice.js';

if (!libreOffice.calc) {
  console.error(`\n!!! Missing ${libreOffice.missing}: the XLSX-through-LibreOffice check is SKIPPED; only the file is checked !!!\n`);
}

const seedModel = (): NoticeModel =>
  buildNoticeModel({ report: seedReport(), settings: seedSettings(), number: '02/BBT-CTTĐT', date: '2024-02-27' });

const LONG_NAME = 'Viện Nghiên cứu Phát triển kinh tế - xã hội tỉnh';

function text(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  if (value && typeof value === 'object' && 'result' in value) return String(value.result);
  return value === null || value === undefined ? '' : String(value);
}

/** The first row (from `from`) whose cells in columns A–J hold `wanted`. */
function rowOf(sheet: ExcelJS.Worksheet, wanted: string, from = 1): number {
  for (let r = from; r <= sheet.rowCount; r += 1) {
    for (let c = 1; c <= 10; c += 1) if (text(sheet.getCell(r, c)).includes(wanted)) return r;
  }
  assert.fail(`"${wanted}" is not on the sheet`);
}

test('the letter sheet is the letter: header block, date, body, table, Nơi nhận beside the signature', async () => {
  const model = seedModel();
  const { workbook } = await xlsxText(await renderNoticeXlsx(model));
  const letter = workbook.getWorksheet('Công văn')!;
  const h = model.header;

  // Header block: issuing body on the left (A–C), national title on the right (D–J), the date beside the number.
  assert.deepEqual([text(letter.getCell('A1')), text(letter.getCell('D1'))], [h.parentBody, h.nation]);
  assert.deepEqual([text(letter.getCell('A2')), text(letter.getCell('D2'))], [h.issuingBody, h.motto]);
  assert.deepEqual([text(letter.getCell('A3')), text(letter.getCell('D3'))], ['Số: 02/BBT-CTTĐT', 'Bắc Ninh, ngày 27 tháng 02 năm 2024']);
  assert.ok(letter.getCell('C2').isMerged && letter.getCell('J1').isMerged, 'the header columns are merged');
  assert.equal(letter.getCell('D3').font.italic, true);
  assert.equal(text(letter.getCell('A4')), h.subject);

  // In the letter's order.
  const order = [
    rowOf(letter, 'Kính gửi:'),
    rowOf(letter, 'Các Sở, ban, ngành tỉnh;'),
    rowOf(letter, 'UBND các huyện, thị xã, thành phố.'),
    rowOf(letter, model.intro),
    ...model.summary.map((l) => rowOf(letter, l)),
    rowOf(letter, 'Thang điểm: 100 điểm'),
    rowOf(letter, 'STT'),
    rowOf(letter, 'Thanh tra tỉnh'),
    rowOf(letter, 'Huyện Tiên Du'),
    rowOf(letter, 'Nơi nhận:'),
  ];
  assert.deepEqual([...order].sort((a, b) => a - b), order, `rows in the letter's order: ${order.join(', ')}`);
  assert.equal(rowOf(letter, 'TRƯỞNG BAN'), order.at(-1), 'the signer beside "Nơi nhận"');
  const closing = letter.getCell(order.at(-1)!, 1);
  assert.ok(text(closing).includes('- Lưu: VT.'));
  assert.ok(rowOf(letter, 'Vũ Huy Phương') > order.at(-1)!);
  // The table in the letter sums its own rows.
  const group = rowOf(letter, 'Các Sở, ban, ngành tỉnh', order.at(-5)! + 1);
  assert.deepEqual(letter.getCell(group, 8).value, { formula: `SUM(H${group + 1}:H${group + 21})`, result: 1389 });

  // Body paragraphs wrap over B–J with a height for their lines.
  const intro = letter.getRow(order[3]!);
  assert.ok(letter.getCell(order[3]!, 10).isMerged);
  assert.ok((intro.height ?? 0) >= 2 * 14, `the intro's two lines at 14 pt (${intro.height})`);
});

/** exceljs drops a format's escapes when it reads a file back; the file itself holds them (checked below). */
const COUNT_FORMAT_READ = XLSX_COUNT_FORMAT.replaceAll('\\', '');

test('rows are as tall as the names they wrap; counts carry a format that shows 1.389 in any locale', async () => {
  const model = seedModel();
  const content = await renderNoticeXlsx(model);
  const styles = await (await JSZip.loadAsync(content)).file('xl/styles.xml')!.async('string');
  assert.ok(styles.includes(`formatCode="${XLSX_COUNT_FORMAT.replaceAll('>', '&gt;')}"`), 'the dots are literal in the file');
  const { workbook } = await xlsxText(content);
  for (const sheet of workbook.worksheets) {
    const long = sheet.getRow(rowOf(sheet, LONG_NAME));
    const short = sheet.getRow(rowOf(sheet, 'Thanh tra tỉnh'));
    assert.ok((long.height ?? 0) >= 2 * 12 * 1.15, `${sheet.name}: room for two lines of a wrapped name (${long.height})`);
    assert.ok((short.height ?? 0) < (long.height ?? 0), `${sheet.name}: a name on one line keeps one line's height`);
    const counts = sheet.getRow(rowOf(sheet, 'Thanh tra tỉnh'));
    const firstCount = sheet.name === 'Công văn' ? 4 : 3;
    for (let c = firstCount; c < firstCount + 5; c += 1) assert.equal(counts.getCell(c).numFmt, COUNT_FORMAT_READ);
    assert.equal(counts.getCell(firstCount + 6).numFmt, '0', 'whole scores');
  }
});

test('a fractional score keeps its fraction', async () => {
  const report = syntheticReport(4);
  const unit = report.groups[0]!.units[1]!;
  unit.score = 97.5;
  const model = buildNoticeModel({ report, settings: seedSettings(), number: '05/BBT-CTTĐT', date: '2024-05-27' });
  const { workbook } = await xlsxText(await renderNoticeXlsx(model));
  const sheet = workbook.worksheets[0]!;
  const cell = sheet.getRow(rowOf(sheet, unit.name)).getCell(9);
  assert.deepEqual([cell.value, cell.numFmt], [97.5, '0.0#']);
});

test('opened by LibreOffice Calc in an English locale, the workbook shows 1.389 and the letter', { skip: libreOffice.calc ? false : `missing ${libreOffice.missing}: SKIPPED`, timeout: 240_000 }, async () => {
  const model = buildNoticeModel({ report: syntheticReport(46), settings: seedSettings(), number: '05/BBT-CTTĐT', date: '2024-05-27' });
  // A count past a million.
  const big = model.table.rows[1]!;
  if (big.kind === 'unit') big.articles = 1234567;
  const seed = seedModel();
  const dir = mkdtempSync(join(tmpdir(), 'ps-calc-'));
  try {
    for (const [name, m] of [['seed', seed], ['large', model]] as const) writeFileSync(join(dir, `${name}.xlsx`), await renderNoticeXlsx(m));
    const seedText = execFileSync('pdftotext', ['-layout', convertToPdf(join(dir, 'seed.xlsx'), dir), '-'], { encoding: 'utf8' });
    // Both sheets print the subtotals with the Vietnamese dot.
    assert.equal(seedText.match(/Các Sở, ban, ngành tỉnh\s+1\.389\b/gu)?.length, 2, 'the subtotal 1.389 on both sheets');
    assert.doesNotMatch(seedText, /1,389/u);
    const words = flat(seedText);
    for (const line of [seed.header.nation, seed.header.placeDate, 'Kính gửi:', seed.summary[1]!, 'Nơi nhận:', '- Lưu: VT.', 'CHÁNH VĂN PHÒNG UBND TỈNH', 'Vũ Huy Phương']) {
      assert.ok(words.includes(flat(line)), `Calc's print lacks "${line}"`);
    }
    const largeText = execFileSync('pdftotext', ['-layout', convertToPdf(join(dir, 'large.xlsx'), dir), '-'], { encoding: 'utf8' });
    assert.match(largeText, /\b1\.234\.567\b/u);
    assert.doesNotMatch(largeText, /\d,\d{3}\b/u, 'no English grouping anywhere');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
