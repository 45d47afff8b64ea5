import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appealDeadline, deductionsAfterAppeal } from '../../src/domain/appeals.js';
import { workCalendar } from '../../src/domain/working-days.js';

describe('appeals', () => {
  const calendar = workCalendar();
  const deadlines: [string, number, string | null][] = [
    ['2024-02-27', 5, '2024-03-05'],
    // A notice just before Tết 2025: the holidays do not count.
    ['2025-01-24', 5, '2025-02-07'],
    ['2024-08-30', 2, '2024-09-05'],
    ['2024-02-27', 0, null],
  ];
  for (const [notice, days, expected] of deadlines) {
    it(`notice of ${notice}, ${days} working days → ${expected ?? 'no appeals'}`, () => {
      assert.equal(appealDeadline(notice, days, calendar), expected);
    });
  }

  const deductions = [
    { points: 2, reason: 'Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn' },
    { points: 3, reason: '01 chuyên mục không cập nhật' },
  ];
  it('an upheld appeal removes the deduction, or lowers it', () => {
    assert.deepEqual(deductionsAfterAppeal(deductions, 1, 0), [deductions[1]]);
    assert.deepEqual(deductionsAfterAppeal(deductions, 2, 1.5), [deductions[0], { points: 1.5, reason: '01 chuyên mục không cập nhật' }]);
  });
  it('refuses a deduction that does not exist, or points that do not go down', () => {
    assert.throws(() => deductionsAfterAppeal(deductions, 3, 0), /thứ 3/);
    assert.throws(() => deductionsAfterAppeal(deductions, 1, 2), /dưới 2/);
    assert.throws(() => deductionsAfterAppeal(deductions, 1, -1), RangeError);
  });
});
