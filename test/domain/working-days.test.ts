import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addWorkingDays, workCalendar, workingDaysBetween } from '../../src/domain/working-days.js';

describe('working days', () => {
  const plain = workCalendar();
  const cases: { name: string; from: string; n: number; expected: string }[] = [
    { name: 'within a week', from: '2024-03-04', n: 3, expected: '2024-03-07' },
    { name: 'over a weekend', from: '2024-03-07', n: 2, expected: '2024-03-11' },
    { name: 'received on a Saturday', from: '2024-03-09', n: 1, expected: '2024-03-11' },
    { name: 'ten days across New Year (1/1/2025 a Wednesday)', from: '2024-12-23', n: 10, expected: '2025-01-07' },
    { name: 'across Tết 2024 (8–14/02 off)', from: '2024-02-05', n: 5, expected: '2024-02-19' },
    { name: 'across Tết 2025 (27–31/01 off)', from: '2025-01-20', n: 10, expected: '2025-02-10' },
    { name: 'across Giỗ Tổ and 30/4–1/5 2024', from: '2024-04-15', n: 10, expected: '2024-05-02' },
    { name: 'across Quốc khánh 2023 (1/9 and 4/9 off)', from: '2023-08-30', n: 3, expected: '2023-09-06' },
    { name: 'across nghỉ bù of Giỗ Tổ 2026 (Sunday 26/4 → Monday 27/4)', from: '2026-04-24', n: 1, expected: '2026-04-28' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(addWorkingDays(plain, c.from, c.n), c.expected));
  }

  it('honours announced days off and Saturdays worked', () => {
    const announced = workCalendar({
      changes: [
        { date: '2025-05-02', kind: 'off', note: 'Hoán đổi với thứ Bảy 26/4/2025' },
        { date: '2025-04-26', kind: 'working', note: 'Làm bù cho thứ Sáu 02/5/2025' },
      ],
    });
    assert.equal(addWorkingDays(plain, '2025-04-25', 1), '2025-04-28');
    assert.equal(addWorkingDays(announced, '2025-04-25', 1), '2025-04-26');
    assert.equal(addWorkingDays(plain, '2025-04-29', 1), '2025-05-02');
    assert.equal(addWorkingDays(announced, '2025-04-29', 1), '2025-05-05');
    assert.deepEqual(announced.dayOffReason('2025-05-02'), { kind: 'announced', note: 'Hoán đổi với thứ Bảy 26/4/2025' });
    assert.equal(announced.dayOffReason('2025-04-26'), null);
  });

  it('a Saturday worked is a working day even when a holiday is made up around it', () => {
    const calendar = workCalendar({ changes: [{ date: '2024-02-17', kind: 'working', note: 'Làm bù' }] });
    assert.equal(addWorkingDays(calendar, '2024-02-07', 1), '2024-02-15');
    assert.equal(addWorkingDays(calendar, '2024-02-16', 1), '2024-02-17');
  });

  it('tells why a day is off', () => {
    assert.deepEqual(plain.dayOffReason('2024-02-10'), { kind: 'holiday', holiday: { date: '2024-02-10', kind: 'tet' } });
    assert.deepEqual(plain.dayOffReason('2024-02-14'), {
      kind: 'holiday',
      holiday: { date: '2024-02-14', kind: 'compensatory', makesUpFor: '2024-02-11' },
    });
    assert.deepEqual(plain.dayOffReason('2024-03-09'), { kind: 'weekend' });
    assert.equal(plain.dayOffReason('2024-03-08'), null);
  });

  it('counts working days between two dates', () => {
    assert.equal(workingDaysBetween(plain, '2024-02-07', '2024-02-16'), 2);
    assert.equal(workingDaysBetween(plain, '2024-03-04', '2024-03-04'), 0);
    assert.equal(workingDaysBetween(plain, '2024-03-08', '2024-03-04'), 0);
    assert.equal(workingDaysBetween(plain, '2024-03-04', '2024-03-15'), 9);
  });

  it('refuses a count that is not a positive integer', () => {
    assert.throws(() => addWorkingDays(plain, '2024-03-04', 0), RangeError);
    assert.throws(() => addWorkingDays(plain, '2024-03-04', 1.5), RangeError);
  });
});
