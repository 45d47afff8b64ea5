import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reviewedScore, sumPoints } from '../../src/domain/evaluation.js';
import { rankGroups, type RankingInputUnit } from '../../src/domain/ranking.js';
import { summaryLines } from '../../src/domain/summary.js';

function unit(name: string, position: number, score: number, articles: number, deductions = [] as { points: number; reason: string }[]): RankingInputUnit {
  return { id: name, name, position, categories: 22, full: 22, partial: 0, none: 0, articles, selfScore: 100, score, deductions };
}

test('ranks by score, then articles, then registry order', () => {
  const ranking = rankGroups([
    {
      id: 'g2', name: 'UBND huyện, thị xã, thành phố', position: 2,
      units: [
        unit('Huyện Tiên Du', 8, 98, 63, [{ points: 2, reason: 'PAKN quá hạn' }]),
        unit('Thành phố Từ Sơn', 7, 100, 34),
        unit('Thị xã Quế Võ', 1, 100, 127),
      ],
    },
    {
      id: 'g1', name: 'Các Sở, ban, ngành tỉnh', position: 1,
      units: [unit('Sở Giáo dục và Đào tạo', 10, 100, 68), unit('Sở Tài nguyên và Môi trường', 9, 100, 68), unit('Sở Y tế', 8, 100, 69)],
    },
  ]);
  assert.deepEqual(ranking.groups.map((g) => g.name), ['Các Sở, ban, ngành tỉnh', 'UBND huyện, thị xã, thành phố']);
  assert.deepEqual(ranking.groups[0]!.units.map((u) => [u.rank, u.name]), [
    [1, 'Sở Y tế'], [2, 'Sở Tài nguyên và Môi trường'], [3, 'Sở Giáo dục và Đào tạo'],
  ]);
  assert.deepEqual(ranking.groups[1]!.units.map((u) => u.name), ['Thị xã Quế Võ', 'Thành phố Từ Sơn', 'Huyện Tiên Du']);
  assert.deepEqual(ranking.groups.map((g) => g.articles), [205, 224]);
  assert.deepEqual(ranking.deducted, [{ id: 'Huyện Tiên Du', name: 'Huyện Tiên Du', points: 2, reasons: ['PAKN quá hạn'] }]);
});

test('empty groups are left out', () => {
  const ranking = rankGroups([{ id: 'g', name: 'Trống', position: 1, units: [] }]);
  assert.deepEqual(ranking.groups, []);
});

test('reviewed score is the scale minus deductions, exact, never below 0', () => {
  assert.equal(reviewedScore([]), 100);
  assert.equal(reviewedScore([{ points: 2, reason: 'x' }]), 98);
  assert.equal(reviewedScore([{ points: 0.1, reason: 'a' }, { points: 0.2, reason: 'b' }]), 99.7);
  assert.equal(reviewedScore([{ points: 60, reason: 'a' }, { points: 70, reason: 'b' }]), 0);
  assert.equal(sumPoints([0.1, 0.2]), 0.3);
});

test('summary lines: none, one, several with different reasons', () => {
  assert.deepEqual(summaryLines([]), ['- Xếp thứ tự theo số lượng tin, bài đã đăng.', '- Không có đơn vị nào bị trừ điểm.']);
  assert.deepEqual(summaryLines([{ name: 'Huyện Tiên Du', reasons: ['Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn'] }]), [
    '- Xếp thứ tự theo số lượng tin, bài đã đăng.',
    '- Các đơn vị bị trừ điểm: Có 01 đơn vị (huyện Tiên Du).',
    '- Lý do bị trừ điểm là do một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn.',
  ]);
  const two = summaryLines([
    { name: 'Huyện Tiên Du', reasons: ['Một số câu trả lời PAKN quá hạn.'] },
    { name: 'Sở Y tế', reasons: ['01 chuyên mục cập nhật không đầy đủ'] },
  ]);
  assert.equal(two[1], '- Các đơn vị bị trừ điểm: Có 02 đơn vị (huyện Tiên Du, Sở Y tế).');
  assert.equal(two[2], '- Lý do bị trừ điểm: huyện Tiên Du do một số câu trả lời PAKN quá hạn; Sở Y tế do 01 chuyên mục cập nhật không đầy đủ.');
});
