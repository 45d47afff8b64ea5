import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { renderSpanDocx, renderSpanXlsx } from '../../src/documents/span-report-files.js';
import type { SpanReport } from '../../src/domain/yearly.js';

const report: SpanReport = {
  year: 2024,
  quarter: '2024-Q1',
  periods: ['2024-01', '2024-02', '2024-03'],
  groups: [
    {
      name: 'Các Sở, ban, ngành tỉnh',
      units: [
        { rank: 1, id: 'a', name: 'Sở Khoa học và Công nghệ', months: 3, average: 100, deductedMonths: 0, articles: 452 },
        { rank: 2, id: 'b', name: 'Thanh tra tỉnh', months: 3, average: 99.33, deductedMonths: 1, articles: 1450 },
      ],
    },
    {
      name: 'UBND huyện, thị xã, thành phố',
      units: [{ rank: 1, id: 'c', name: 'Huyện Tiên Du', months: 2, average: 99, deductedMonths: 1, articles: 123 }],
    },
  ],
};

test('the year/quarter workbook holds the title, the header and one row a unit, read back', async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await renderSpanXlsx(report)) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  assert.equal(sheet.name, '2024-Q1');
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  assert.match(String(rows[0]![0]), /quý 1 năm 2024 \(các kỳ 01\/2024, 02\/2024, 03\/2024\)/);
  assert.deepEqual(rows.slice(1), [
    ['STT', 'Tên đơn vị', 'Số tháng được chấm', 'Điểm bình quân', 'Số tháng bị trừ điểm', 'Tổng số tin, bài, video'],
    ['I.', 'Các Sở, ban, ngành tỉnh'],
    [1, 'Sở Khoa học và Công nghệ', 3, 100, 0, 452],
    [2, 'Thanh tra tỉnh', 3, 99.33, 1, 1450],
    ['II.', 'UBND huyện, thị xã, thành phố'],
    [1, 'Huyện Tiên Du', 2, 99, 1, 123],
  ]);
});

test('the year/quarter Word document holds the same table, read back', async () => {
  const { value } = await mammoth.extractRawText({ buffer: await renderSpanDocx(report) });
  const text = value.replace(/\n+/g, '\n');
  assert.match(text, /Kết quả chấm điểm mức độ cập nhật thông tin trên các Cổng Thông tin điện tử quý 1 năm 2024/);
  assert.match(text, /^II\.\nUBND huyện, thị xã, thành phố\n/m);
  assert.match(text, /^2\nThanh tra tỉnh\n3\n99,33\n1\n1\.450\n/m);
  const empty = await mammoth.extractRawText({ buffer: await renderSpanDocx({ year: 2030, periods: [], groups: [] }) });
  assert.match(empty.value, /Chưa có kỳ nào đã công bố/);
});
