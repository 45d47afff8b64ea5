import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPaknRows, columnOfPaknHeader, instantOf, parseWallClock } from '../../src/domain/pakn-rows.js';

describe('PAKN file cells', () => {
  const dates: [string, { date: string; time: string | null } | null][] = [
    ['05/02/2024', { date: '2024-02-05', time: null }],
    ['5/2/2024', { date: '2024-02-05', time: null }],
    ['05/02/2024 10:30', { date: '2024-02-05', time: '10:30:00' }],
    ['05/02/2024 9:05:07', { date: '2024-02-05', time: '09:05:07' }],
    ['10:30 05/02/2024', { date: '2024-02-05', time: '10:30:00' }],
    ['2024-02-05', { date: '2024-02-05', time: null }],
    ['2024-02-05 10:30', { date: '2024-02-05', time: '10:30:00' }],
    ['2024-02-05T10:30:00.000Z', { date: '2024-02-05', time: '10:30:00' }],
    ['29/02/2024', { date: '2024-02-29', time: null }],
    ['29/02/2023', null],
    ['31/04/2024', null],
    ['05/13/2024', null],
    ['05/02/2024 24:00', null],
    ['05/02/24', null],
    ['hôm qua', null],
    ['', null],
  ];
  for (const [text, expected] of dates) {
    it(`reads "${text}"`, () => assert.deepEqual(parseWallClock(text), expected));
  }

  it('takes times as Vietnam time', () => {
    assert.equal(instantOf({ date: '2024-02-05', time: '10:30:00' }).toISOString(), '2024-02-05T03:30:00.000Z');
    assert.equal(instantOf({ date: '2024-02-05', time: null }).toISOString(), '2024-02-04T17:00:00.000Z');
  });

  const headers: [string, string | null][] = [
    ['Đơn vị', 'unit'],
    ['ĐƠN VỊ', 'unit'],
    ['Tên đơn vị', 'unit'],
    ['Ngày tiếp nhận', 'received'],
    ['Nội dung', 'subject'],
    ['Hạn trả lời', 'due'],
    ['Hạn trả lời (để trống: tự tính)', 'due'],
    ['Ngày trả lời', 'answered'],
    ['Ngày trả lời'.normalize('NFD'), 'answered'],
    ['Ghi chú', null],
  ];
  for (const [text, key] of headers) {
    it(`header "${text}" → ${key ?? 'none'}`, () => assert.equal(columnOfPaknHeader(text), key));
  }

  it('reads rows in any column order and leaves a missing due date to be computed', () => {
    const { lines, problems } = checkPaknRows([
      { line: 1, cells: ['Nội dung', 'Ngày trả lời', 'Đơn vị', 'Ngày tiếp nhận'] },
      { line: 2, cells: ['Hỏi về đất', '', 'Huyện Tiên Du', '05/02/2024 10:30'] },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(lines, [
      {
        line: 2,
        unit: 'Huyện Tiên Du',
        receivedAt: new Date('2024-02-05T10:30:00+07:00'),
        receivedDate: '2024-02-05',
        subject: 'Hỏi về đất',
        dueDate: null,
        answeredAt: null,
      },
    ]);
  });

  it('reports a header given twice and a file with no records', () => {
    assert.deepEqual(
      checkPaknRows([{ line: 1, cells: ['Đơn vị', 'Tên đơn vị', 'Ngày tiếp nhận', 'Nội dung'] }]).problems.map((p) => p.message),
      ['Cột "Đơn vị" xuất hiện hai lần.'],
    );
    assert.deepEqual(
      checkPaknRows([{ line: 1, cells: ['Đơn vị', 'Ngày tiếp nhận', 'Nội dung'] }]).problems.map((p) => p.message),
      ['Tệp chỉ có dòng tiêu đề, không có phản ánh kiến nghị nào.'],
    );
  });
});
