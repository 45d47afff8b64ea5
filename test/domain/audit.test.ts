import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditActionLabel, auditChanges, auditValue, formatVietnamTime } from '../../src/domain/audit.js';

test('audit values read as the app writes them', () => {
  const names = new Map([['u1', 'Sở Y tế']]);
  const cases: [unknown, string, string?][] = [
    [null, '—'],
    [true, 'Có'],
    [1389, '1.389'],
    [99.5, '99,5'],
    ['2024-02-22', '22/02/2024'],
    ['2024-02-22T17:30:00.000Z', '23/02/2024 00:30'],
    ['u1', 'Sở Y tế'],
    ['review', 'Đang rà soát', 'status'],
    ['reviewer', 'Thư ký Ban biên tập', 'role'],
    ['2024-02', '02/2024', 'period'],
    [[{ points: 1.5, reason: 'Thiếu minh chứng' }], '1,5 điểm: Thiếu minh chứng'],
    [['a', 'b'], 'a; b'],
  ];
  for (const [value, expected, key] of cases) assert.equal(auditValue(value, names, key), expected, JSON.stringify(value));
});

test('a change lists each differing field by its label, nested fields joined', () => {
  const before = { name: 'A', settings: { signer: { name: 'Nguyễn Văn A', titleLines: ['KT. TRƯỞNG BAN'] }, cutOffDay: 22 } };
  const after = { name: 'A', settings: { signer: { name: 'Nguyễn Văn B', titleLines: ['KT. TRƯỞNG BAN'] }, cutOffDay: 20 } };
  assert.deepEqual(auditChanges(before, after), [
    { field: 'Cấu hình › Người ký › Tên', before: 'Nguyễn Văn A', after: 'Nguyễn Văn B' },
    { field: 'Cấu hình › Ngày chốt kỳ', before: '22', after: '20' },
  ]);
  assert.deepEqual(auditChanges(null, { status: 'open' }), [{ field: 'Trạng thái', before: '—', after: 'Đang mở' }]);
  assert.deepEqual(auditChanges({ x: 1 }, { x: 1 }), []);
  // A key nobody labelled is still shown, under its own name.
  assert.deepEqual(auditChanges({ lạ: 1 }, { lạ: 2 }), [{ field: 'lạ', before: '1', after: '2' }]);
});

test('actions joined by "+" read as a list; Vietnam time has no daylight saving', () => {
  assert.equal(auditActionLabel('rename+position'), 'Đổi tên, Đổi thứ tự');
  assert.equal(auditActionLabel('import-notice'), 'Nhập công văn đã ban hành');
  assert.equal(formatVietnamTime('2024-07-01T00:00:00Z'), '01/07/2024 07:00');
});
