import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkEvaluationRows, parseCount, parseDecimal } from '../../src/domain/evaluation-rows.js';
import { columnOfHeader } from '../../src/domain/import-columns.js';

const HEADER = ['Nhóm', 'Tên đơn vị', 'Tổng số chuyên mục phải cập nhật', 'Cập nhật đầy đủ', 'Cập nhật không đầy đủ', 'Không cập nhật', 'Số lượng tin, bài, video', 'Tự đánh giá, chấm điểm', 'Điểm trừ', 'Lý do trừ điểm'];
const row = (line: number, cells: string[]) => ({ line, cells });

test('headers are recognised, also in the notice wording', () => {
  assert.equal(columnOfHeader('Cập nhật đầy đủ'), 'full');
  assert.equal(columnOfHeader('Cập nhật không đầy đủ'), 'partial');
  assert.equal(columnOfHeader('Số lượng tin, bài, video cập nhật tháng 02/2024'), 'articles');
  assert.equal(columnOfHeader('Các đơn vị tự đánh giá, chấm điểm'), 'selfScore');
  assert.equal(columnOfHeader('  tên   đơn vị '), 'unit');
  assert.equal(columnOfHeader('STT'), null);
});

test('numbers: counts and decimals', () => {
  assert.equal(parseCount('1.389'), 1389);
  assert.equal(parseCount('12'), 12);
  assert.equal(parseCount('-1'), null);
  assert.equal(parseCount('1.5'), null);
  assert.equal(parseDecimal('97,5'), 97.5);
  assert.equal(parseDecimal('abc'), null);
});

test('a good row parses', () => {
  const { lines, problems } = checkEvaluationRows([row(1, HEADER), row(2, ['G', 'Huyện Tiên Du', '22', '21', '1', '0', '63', '100', '2', 'PAKN quá hạn'])]);
  assert.deepEqual(problems, []);
  assert.deepEqual(lines[0], { line: 2, group: 'G', unit: 'Huyện Tiên Du', required: 22, full: 21, partial: 1, none: 0, articles: 63, selfScore: 100, deductions: [{ points: 2, reason: 'PAKN quá hạn' }] });
});

test('every kind of bad row is reported with its line and column', () => {
  const { problems } = checkEvaluationRows([
    row(1, HEADER),
    row(2, ['G', 'A', '19', '18', '0', '0', '5', '100', '', '']),
    row(3, ['G', 'B', '19', '19', '0', '0', '-3', '100', '', '']),
    row(4, ['G', 'C', '19', '19', '0', '0', '2.5', '100', '', '']),
    row(5, ['G', 'D', '19', '19', '0', '0', '5', '120', '', '']),
    row(6, ['G', 'E', '19', '19', '0', '0', '5', '100', '2', '']),
    row(7, ['G', 'a', '19', '19', '0', '0', '5', '100', '', '']),
    row(8, ['', '', '19', '19', '0', '0', '5', '100', '', '']),
    row(9, ['G', 'F', '19', '19', '0', '0', '5', '100', '0', 'lý do']),
  ]);
  const at = (line: number) => problems.filter((p) => p.line === line).map((p) => p.column);
  assert.deepEqual(at(2), ['Tổng số chuyên mục phải cập nhật']);
  assert.deepEqual(at(3), ['Số lượng tin, bài, video']);
  assert.deepEqual(at(4), ['Số lượng tin, bài, video']);
  assert.deepEqual(at(5), ['Tự đánh giá, chấm điểm']);
  assert.deepEqual(at(6), ['Lý do trừ điểm']);
  assert.deepEqual(at(7), ['Tên đơn vị']);
  assert.match(problems.find((p) => p.line === 7)!.message, /dòng 2/);
  assert.deepEqual(at(8), ['Nhóm', 'Tên đơn vị']);
  assert.deepEqual(at(9), ['Điểm trừ']);
});

test('missing columns and empty bodies', () => {
  const missing = checkEvaluationRows([row(1, HEADER.filter((h) => h !== 'Cập nhật đầy đủ'))]);
  assert.deepEqual(missing.problems, [{ line: 1, column: 'Cập nhật đầy đủ', message: 'Thiếu cột "Cập nhật đầy đủ".' }]);
  const empty = checkEvaluationRows([row(1, HEADER)]);
  assert.equal(empty.problems.length, 1);
  assert.match(empty.problems[0]!.message, /không có đơn vị/);
});
