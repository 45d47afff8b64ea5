/**
 * A notice covering several months, as 01/BBT-CTTĐT covered January and February 2023: two months
 * imported, ranked on the combined months (articles summed, scores as the rule set says for a
 * range), with a number of its own and the title "tháng 01 và tháng 02/2023"; as text, DOCX, PDF
 * and XLSX.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { combineScores, parsePeriodRange, rangeLabel } from '../../src/domain/period-range.js';
import { DEFAULT_RULE_VALUES } from '../../src/domain/rules.js';
import { renderTextReport } from '../../src/documents/text-report.js';
import { cliActor } from '../../src/services/audit.js';
import { importNotice, renderPeriodNotice } from '../../src/services/notice.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { getRangeReport } from '../../src/services/report.js';
import { createRuleSet } from '../../src/services/rules.js';
import { dbTest, type TestDatabase } from '../helpers/db.js';
import { docxText, flat, pdfPages, xlsxText } from '../helpers/notice.js';
import { seedText } from '../helpers/seed.js';

/**
 * The seed notice (02/2024) moved to another month of 2023, with its number and date. January's
 * table differs from the seed's: Thanh tra tỉnh posted 200 items, not 160, and huyện Tiên Du lost
 * no point; so the months combine into figures that neither has alone.
 */
function monthNotice(month: '01' | '02'): string {
  let text = seedText()
    .replace('23/01/2024 – 22/02/2024', month === '01' ? '23/12/2022 – 22/01/2023' : '23/01/2023 – 22/02/2023')
    .replace('ngày 27 tháng 02 năm 2024', `ngày 27 tháng ${month} năm 2023`)
    .replace('Số: 02/BBT-CTTĐT', `Số: ${month}/BBT-CTTĐT`)
    .replaceAll('02/2024', `${month}/2023`);
  if (month === '01') {
    text = text
      .replace('1\tThanh tra tỉnh\t19\t19\t0\t0\t160\t100\t100', '1\tThanh tra tỉnh\t19\t19\t0\t0\t200\t100\t100')
      .replace('\t1.389\t', '\t1.429\t')
      .replace('8\tHuyện Tiên Du\t22\t21\t1\t0\t63\t100\t98', '8\tHuyện Tiên Du\t22\t22\t0\t0\t63\t100\t100')
      .replace(/- Các đơn vị bị trừ điểm:.*\n- Lý do bị trừ điểm.*\n/u, '- Không có đơn vị nào bị trừ điểm.\n');
  }
  assert.notEqual(text, seedText());
  return text;
}

async function twoMonths(db: TestDatabase): Promise<string> {
  const provinceId = (await resolveProvince(db.db)).id;
  for (const month of ['01', '02'] as const) {
    const summary = await importNotice(db.db, cliActor(provinceId), Buffer.from(monthNotice(month), 'utf8'));
    assert.equal(summary.period, `2023-${month}`);
  }
  return provinceId;
}

test('a range is two to twelve consecutive months, named as the notice names them', () => {
  assert.deepEqual(parsePeriodRange('2023-01..2023-02').periods, ['2023-01', '2023-02']);
  assert.deepEqual(parsePeriodRange('2022-11..2023-02').periods, ['2022-11', '2022-12', '2023-01', '2023-02']);
  assert.equal(rangeLabel(['2023-01', '2023-02']), '01 và tháng 02/2023');
  assert.equal(rangeLabel(['2023-01', '2023-02', '2023-03']), '01, 02 và tháng 03/2023');
  assert.equal(rangeLabel(['2022-12', '2023-01']), '12/2022 và tháng 01/2023');
  assert.throws(() => parsePeriodRange('2023-02..2023-01'), /tháng cuối phải sau tháng đầu/u);
  assert.throws(() => parsePeriodRange('2023-01..2024-02'), /nhiều nhất 12 tháng/u);
  assert.throws(() => parsePeriodRange('2023-01-2023-02'), /YYYY-MM\.\.YYYY-MM/u);
});

test('scores combine as the rule set says', () => {
  const rules = { ...DEFAULT_RULE_VALUES, floor: 0, scale: 100 };
  assert.equal(combineScores([100, 98], { ...rules, rangeScore: 'average' }), 99);
  assert.equal(combineScores([100, 97, 98], { ...rules, rangeScore: 'average' }), 98.33);
  assert.equal(combineScores([100, 98], { ...rules, rangeScore: 'lowest' }), 98);
  assert.equal(combineScores([97, 98], { ...rules, rangeScore: 'summed' }), 95);
  assert.equal(combineScores([40, 30], { ...rules, rangeScore: 'summed', floor: 0 }), 0);
});

dbTest('a notice for 01–02/2023 from two imported months: text, DOCX, PDF, XLSX', async (db) => {
  const provinceId = await twoMonths(db);
  const report = await getRangeReport(db.db, provinceId, '2023-01..2023-02');
  assert.deepEqual(report.period, { id: '2023-01..2023-02', from: '2022-12-23', to: '2023-02-22', status: 'published' });
  assert.deepEqual(report.range, { periods: ['2023-01', '2023-02'], scoreMode: 'average' });
  const [departments, districts] = report.groups;
  // Articles summed: 1.429 + 1.389 and 650 twice; Thanh tra tỉnh 200 + 160.
  assert.deepEqual([departments!.articles, districts!.articles], [2818, 1300]);
  assert.deepEqual([departments!.units[0]!.name, departments!.units[0]!.articles], ['Thanh tra tỉnh', 360]);
  // Tiên Du: 100 in January, 98 in February; the default rule averages the months: 99, still last.
  const tienDu = districts!.units.at(-1)!;
  assert.deepEqual([tienDu.name, tienDu.score, tienDu.rank, tienDu.partial], ['Huyện Tiên Du', 99, 8, 1]);
  assert.deepEqual(report.deducted, [
    { name: 'Huyện Tiên Du', points: 1, reasons: ['Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn (tháng 02/2023)'] },
  ]);

  const text = renderTextReport(report);
  assert.match(text, /các Cổng Thông tin điện tử tháng 01 và tháng 02\/2023 \(23\/12\/2022 – 22\/02\/2023\) như sau:/u);
  assert.match(text, /Thang điểm: 100 điểm; điểm của hai tháng tính theo điểm bình quân của các tháng/u);
  assert.match(text, /Số lượng tin, bài, video cập nhật tháng 01 và tháng 02\/2023/u);
  assert.match(text, /I\.\tCác Sở, ban, ngành tỉnh\t\t\t\t\t2\.818/u);
  assert.match(text, /8\tHuyện Tiên Du\t22\t21\t1\t0\t126\t100\t99\n/u);

  // Its own number: the months were published as 01 and 02, so the range's is the next, 03.
  const subject = 'V/v thông báo kết quả đánh giá, chấm điểm mức độ cập nhật thông tin trên các Cổng Thông tin điện tử tháng 01 và tháng 02/2023';
  const docx = await renderPeriodNotice(db.db, provinceId, '2023-01..2023-02', 'docx', { date: '2023-02-28' });
  assert.equal(docx.fileName, 'thong-bao-2023-01-2023-02-so-03-BBT-CTTDT.docx');
  const docxWords = flat(await docxText(docx.content));
  for (const line of ['Số: 03/BBT-CTTĐT', 'Bắc Ninh, ngày 28 tháng 02 năm 2023', subject, 'điểm của hai tháng tính theo điểm bình quân của các tháng']) {
    assert.ok(docxWords.includes(flat(line)), `docx lacks "${line}"`);
  }
  assert.ok(docxWords.includes('8 Huyện Tiên Du 22 21 1 0 126 100 99'), 'docx: Tiên Du over the two months');

  const pdf = flat(pdfPages((await renderPeriodNotice(db.db, provinceId, '2023-01..2023-02', 'pdf', { number: '01/BBT-CTTĐT', date: '2023-02-28' })).content).join('\n'));
  assert.ok(pdf.includes('Số: 01/BBT-CTTĐT'), 'a number given is the notice\'s');
  assert.ok(pdf.includes(flat(subject)), 'pdf subject');
  assert.ok(pdf.includes('Các Sở, ban, ngành tỉnh 2.818'), 'pdf subtotal');

  const xlsx = await renderPeriodNotice(db.db, provinceId, '2023-01..2023-02', 'xlsx', { date: '2023-02-28' });
  const { sheets, workbook } = await xlsxText(xlsx.content);
  assert.equal(workbook.worksheets[0]!.name, 'Bảng điểm 2023-01..2023-02');
  assert.match(sheets[0]!, /1\tThanh tra tỉnh\t19\t19\t0\t0\t360\t100\t100/u);
  assert.ok(flat(sheets[1]!).includes(flat(subject)), 'xlsx letter subject');

});

dbTest('a board whose rule set takes the lowest month: Tiên Du keeps 98, and the notice says so', async (db) => {
  const provinceId = (await resolveProvince(db.db)).id;
  await createRuleSet(db.db, cliActor(provinceId), { effectiveFrom: '2022-01-01', note: 'Quyết định 12/QĐ-BBT', values: { rangeScore: 'lowest' } });
  await twoMonths(db);
  const report = await getRangeReport(db.db, provinceId, '2023-01..2023-02');
  assert.equal(report.groups[1]!.units.at(-1)!.score, 98);
  assert.deepEqual(report.deducted.map((d) => d.points), [2]);
  assert.match(renderTextReport(report), /điểm của hai tháng tính theo điểm của tháng thấp nhất/u);
});

dbTest('a range with a month that does not exist is refused, naming the month', async (db) => {
  const provinceId = await twoMonths(db);
  await assert.rejects(getRangeReport(db.db, provinceId, '2023-01..2023-03'), /2023-03/u);
  await assert.rejects(getRangeReport(db.db, provinceId, '2023-01..2023'), /YYYY-MM\.\.YYYY-MM/u);
});
