import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptySettings } from '../../src/domain/province.js';
import { bareListItem, buildNoticeModel, listLines, noticeFileBaseName } from '../../src/documents/notice-model.js';
import { seedSettings, syntheticReport } from '../helpers/notice.js';
import { SEED_SUMMARY } from '../helpers/seed.js';
import type { PeriodReport } from '../../src/domain/report.js';
import { DEFAULT_RULE_SET } from '../../src/domain/rules.js';

/** The seed's month, in the shape the core's report has (two groups, Tiên Du deducted). */
function seedLikeReport(): PeriodReport {
  const unit = (rank: number, name: string, required: number, articles: number, score = 100) => ({
    rank,
    id: name,
    name,
    categories: required,
    full: score === 100 ? required : required - 1,
    partial: score === 100 ? 0 : 1,
    none: 0,
    articles,
    selfScore: 100,
    score,
    deductions: score === 100 ? [] : [{ points: 100 - score, reason: 'Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn' }],
    reported: true,
  });
  return {
    period: { id: '2024-02', from: '2024-01-23', to: '2024-02-22', status: 'published' },
    rules: { id: DEFAULT_RULE_SET.id, effectiveFrom: DEFAULT_RULE_SET.effectiveFrom, note: DEFAULT_RULE_SET.note, isDefault: true, scale: 100 },
    groups: [
      { name: 'Các Sở, ban, ngành tỉnh', articles: 1389, units: [unit(1, 'Thanh tra tỉnh', 19, 160)] },
      {
        name: 'UBND huyện, thị xã, thành phố',
        articles: 650,
        units: [unit(1, 'Thị xã Quế Võ', 22, 127), unit(2, 'Huyện Tiên Du', 22, 63, 98)],
      },
    ],
    deducted: [{ name: 'Huyện Tiên Du', points: 2, reasons: ['Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn'] }],
  };
}

const seedModel = () => buildNoticeModel({ report: seedLikeReport(), settings: seedSettings(), number: '02/BBT-CTTĐT', date: '2024-02-27' });

test('the header carries the seed notice lines', () => {
  assert.deepEqual(seedModel().header, {
    parentBody: 'UBND TỈNH BẮC NINH',
    issuingBody: 'BAN BIÊN TẬP CÔNG THÔNG TIN TỈNH',
    numberLine: 'Số: 02/BBT-CTTĐT',
    subject: 'V/v thông báo kết quả đánh giá, chấm điểm mức độ cập nhật thông tin trên các Cổng Thông tin điện tử tháng 02/2024',
    nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    placeDate: 'Bắc Ninh, ngày 27 tháng 02 năm 2024',
  });
});

test('the body: recipients, intro with the period range, summary, scale', () => {
  const model = seedModel();
  assert.deepEqual(model.recipients, ['- Các Sở, ban, ngành tỉnh;', '- UBND các huyện, thị xã, thành phố.']);
  assert.equal(
    model.intro,
    'Ban Biên tập Cổng Thông tin điện tử tỉnh thông báo kết quả chấm điểm mức độ cập nhật thông tin trên các Cổng Thông tin điện tử tháng 02/2024 (23/01/2024 – 22/02/2024) như sau:',
  );
  assert.deepEqual(model.summary, SEED_SUMMARY);
  assert.equal(model.scale, 'Thang điểm: 100 điểm');
  assert.deepEqual(model.distribution.at(0), '- Như trên;');
  assert.deepEqual(model.distribution.at(-1), '- Lưu: VT.');
  assert.deepEqual(model.signer, { positionLines: ['TRƯỞNG BAN'], titleLines: ['CHÁNH VĂN PHÒNG UBND TỈNH'], name: 'Vũ Huy Phương' });
});

test('the place-date line follows the Decree 30 zero rule', () => {
  const cases: [string, string][] = [
    ['2024-02-27', 'Bắc Ninh, ngày 27 tháng 02 năm 2024'],
    ['2024-04-05', 'Bắc Ninh, ngày 05 tháng 4 năm 2024'],
    ['2024-01-09', 'Bắc Ninh, ngày 09 tháng 01 năm 2024'],
    ['2024-11-30', 'Bắc Ninh, ngày 30 tháng 11 năm 2024'],
    ['2025-03-01', 'Bắc Ninh, ngày 01 tháng 3 năm 2025'],
  ];
  for (const [date, line] of cases) {
    const model = buildNoticeModel({ report: seedLikeReport(), settings: seedSettings(), number: '02/BBT-CTTĐT', date });
    assert.equal(model.header.placeDate, line, date);
  }
});

test('the table: two-row header as the seed, group rows with subtotals, marked deductions', () => {
  const { table } = seedModel();
  assert.deepEqual(
    table.headerRows.map((row) => row.map((c) => [c.text, c.column, c.colSpan, c.rowSpan])),
    [
      [
        ['STT', 0, 1, 2],
        ['Tên đơn vị', 1, 1, 2],
        ['Tổng số chuyên mục phải cập nhật', 2, 1, 2],
        ['Số lượng chuyên mục cập nhật trong tháng', 3, 3, 1],
        ['Số lượng tin, bài, video cập nhật tháng 02/2024', 6, 1, 2],
        ['Các đơn vị tự đánh giá, chấm điểm', 7, 1, 2],
        ['Kết quả rà soát chấm điểm của Cổng TTĐT tỉnh', 8, 1, 2],
      ],
      [
        ['Cập nhật đầy đủ', 3, 1, 1],
        ['Cập nhật không đầy đủ', 4, 1, 1],
        ['Không cập nhật', 5, 1, 1],
      ],
    ],
  );
  assert.deepEqual(
    table.rows.map((r) => r.cells),
    [
      ['I.', 'Các Sở, ban, ngành tỉnh', '', '', '', '', '1.389', '', ''],
      ['1', 'Thanh tra tỉnh', '19', '19', '0', '0', '160', '100', '100'],
      ['II.', 'UBND huyện, thị xã, thành phố', '', '', '', '', '650', '', ''],
      ['1', 'Thị xã Quế Võ', '22', '22', '0', '0', '127', '100', '100'],
      ['2', 'Huyện Tiên Du', '22', '21', '1', '0', '63', '100', '98'],
    ],
  );
  const marked = table.rows.filter((r) => r.kind === 'unit' && r.deductions.length > 0).map((r) => r.name);
  assert.deepEqual(marked, ['Huyện Tiên Du']);
});

test('Decree 30 lists: dashes, semicolons, a full stop last; "Lưu: VT." always closes "Nơi nhận"', () => {
  const cases: [string[], boolean, string[]][] = [
    [['Sở Y tế'], false, ['Sở Y tế.']],
    [['Sở Y tế;', '- Sở Tư pháp.'], false, ['- Sở Y tế;', '- Sở Tư pháp.']],
    [['Như trên'], true, ['- Như trên.']],
    [['  ', 'Như trên;'], true, ['- Như trên.']],
  ];
  for (const [items, dashWhenSingle, lines] of cases) assert.deepEqual(listLines(items, { dashWhenSingle }), lines);
  const settings = { ...seedSettings(), distribution: ['Như trên', 'Văn phòng UBND tỉnh'] };
  const model = buildNoticeModel({ report: seedLikeReport(), settings, number: '03/BBT-CTTĐT', date: '2024-03-27' });
  assert.deepEqual(model.distribution, ['- Như trên;', '- Văn phòng UBND tỉnh;', '- Lưu: VT.']);
  assert.equal(bareListItem(' - Lãnh đạo UBND tỉnh (b/c); '), 'Lãnh đạo UBND tỉnh (b/c)');
});

test('text is normalised: NFD settings print as NFC, bodies in upper case', () => {
  const settings = { ...seedSettings(), issuingBody: 'Ban biên tập cổng thông tin tỉnh'.normalize('NFD'), place: ' Bắc  Ninh '.normalize('NFD') };
  const model = buildNoticeModel({ report: seedLikeReport(), settings, number: '02/BBT-CTTĐT', date: '2024-02-27' });
  assert.equal(model.header.issuingBody, 'BAN BIÊN TẬP CỔNG THÔNG TIN TỈNH');
  assert.equal(model.header.placeDate, 'Bắc Ninh, ngày 27 tháng 02 năm 2024');
});

test('a month without deductions and a province without a parent body', () => {
  const report = { ...syntheticReport(4), deducted: [] };
  const settings = { ...emptySettings(), issuingBody: 'UBND TỈNH BẮC NINH', place: 'Bắc Ninh', recipients: ['Các sở, ban, ngành'] };
  const model = buildNoticeModel({ report, settings, number: '01/UBND-VX', date: '2024-02-27' });
  assert.equal(model.header.parentBody, '');
  assert.deepEqual(model.recipients, ['Các sở, ban, ngành.']);
  assert.deepEqual(model.summary, ['- Xếp thứ tự theo số lượng tin, bài đã đăng.', '- Không có đơn vị nào bị trừ điểm.']);
  assert.deepEqual(model.table.rows.filter((r) => r.kind === 'group').map((r) => r.cells[0]), ['I.', 'II.']);
});

test('file names carry the period and the number without diacritics', () => {
  assert.equal(noticeFileBaseName({ number: '02/BBT-CTTĐT', periodId: '2024-02' }), 'thong-bao-2024-02-so-02-BBT-CTTDT');
});
