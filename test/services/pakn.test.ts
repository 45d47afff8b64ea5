import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { AppError } from '../../src/errors.js';
import { listDayChanges, removeDayChange, setDayChange } from '../../src/services/calendar.js';
import { importPeriodFile } from '../../src/services/import.js';
import { importPaknFile, listPakn, overdueForPeriod } from '../../src/services/pakn.js';
import { proposalsForPeriod } from '../../src/services/proposals.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { dbTest, type TestDatabase } from '../helpers/db.js';
import { seedCsv } from '../helpers/seed.js';
import { cliActor } from '../../src/services/audit.js';

const HEADER = 'Đơn vị,Ngày tiếp nhận,Nội dung,Hạn trả lời,Ngày trả lời';

async function setup(db: TestDatabase) {
  const province = await resolveProvince(db.db);
  await importPeriodFile(db.db, cliActor(province.id), { periodId: '2024-02', content: seedCsv(), fileName: 'seed.csv' });
  return province.id;
}

const importCsv = (db: TestDatabase, provinceId: string, lines: string[]) =>
  importPaknFile(db.db, cliActor(provinceId), { content: Buffer.from([HEADER, ...lines].join('\r\n'), 'utf8'), fileName: 'pakn.csv' });

async function problemsOf(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
  assert.equal(error.code, 'import_invalid');
  return (error.details as { problems: { line: number; column: string | null; message: string }[] }).problems;
}

dbTest('PAKN import computes missing due dates over Tết and finds the overdue answers of a period', async (db) => {
  const provinceId = await setup(db);
  const summary = await importCsv(db, provinceId, [
    'Huyện Tiên Du,05/02/2024 10:30,Hỏi về cấp giấy chứng nhận quyền sử dụng đất,,27/02/2024 16:00',
    'Huyện Tiên Du,15/01/2024 08:00,"Phản ánh đường hỏng, ngập nước",29/01/2024,',
    // NFD name and double space still find the unit.
    ['Sở  Y tế'.normalize('NFD'), '01/02/2024', 'Hỏi về bảo hiểm y tế', '', '2024-02-07 09:00'].join(','),
    'Thành phố Từ Sơn,10/01/2024 09:00,Hỏi về học phí,,30/01/2024 10:00',
  ]);
  assert.deepEqual(summary, { format: 'csv', records: 4, inserted: 4, updated: 0, computedDueDates: 3 });

  const items = await listPakn(db.db, cliActor(provinceId), {}, new Date('2024-02-22T17:00:00+07:00'));
  const byUnit = Object.fromEntries(items.map((i) => [i.unitName, [i.dueDate, i.state]]));
  assert.deepEqual(byUnit, {
    'Thành phố Từ Sơn': ['2024-01-24', 'answered_late'],
    'Huyện Tiên Du': ['2024-02-26', 'open'],
    'Sở Y tế': ['2024-02-22', 'answered'],
  });
  assert.equal(items.length, 4);

  const overdue = await overdueForPeriod(db.db, provinceId, '2024-02');
  assert.deepEqual(overdue.period, { id: '2024-02', from: '2024-01-23', to: '2024-02-22' });
  assert.deepEqual(
    overdue.units.map((u) => [u.name, u.records.map((r) => [r.subject, r.kind, r.workingDaysLate])]),
    [
      ['Thành phố Từ Sơn', [['Hỏi về học phí', 'answered_late', 4]]],
      ['Huyện Tiên Du', [['Phản ánh đường hỏng, ngập nước', 'open_at_period_end', 13]]],
    ],
  );
  const march = await overdueForPeriod(db.db, provinceId, '2024-03');
  assert.deepEqual(
    march.units.map((u) => u.records.map((r) => [r.subject, r.kind])),
    [[['Phản ánh đường hỏng, ngập nước', 'open_at_period_end'], ['Hỏi về cấp giấy chứng nhận quyền sử dụng đất', 'answered_late']]],
  );
});

dbTest('PAKN import proposes the seed’s deduction for huyện Tiên Du, and only once', async (db) => {
  const provinceId = await setup(db);
  await importCsv(db, provinceId, ['Huyện Tiên Du,15/01/2024 08:00,Phản ánh đường hỏng,29/01/2024,']);
  const result = await proposalsForPeriod(db.db, cliActor(provinceId), '2024-02');
  assert.equal(result.ruleSet.isDefault, true);
  const withProposals = result.units.filter((u) => u.proposals.length > 0);
  assert.deepEqual(
    withProposals.map((u) => [u.unitName, u.proposals.map((p) => [p.points, p.reason, p.origin.kind])]),
    [['Huyện Tiên Du', [[2, 'Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn', 'pakn']]]],
  );
  const overdue = await overdueForPeriod(db.db, provinceId, '2024-02');
  assert.deepEqual(withProposals[0]!.proposals[0]!.origin, { kind: 'pakn', ids: [overdue.units[0]!.records[0]!.id] });
});

dbTest('re-importing a PAKN file updates its records instead of adding them again', async (db) => {
  const provinceId = await setup(db);
  await importCsv(db, provinceId, ['Huyện Tiên Du,15/01/2024 08:00,Phản ánh đường hỏng,,']);
  const again = await importCsv(db, provinceId, [
    'Huyện Tiên Du,15/01/2024 08:00,Phản  ánh đường hỏng,,20/02/2024 10:00',
    'Huyện Gia Bình,16/01/2024 08:00,Hỏi về đất,,',
  ]);
  assert.deepEqual([again.inserted, again.updated], [1, 1]);
  const items = await listPakn(db.db, cliActor(provinceId));
  assert.equal(items.length, 2);
  assert.equal(items.find((i) => i.unitName === 'Huyện Tiên Du')!.answeredAt, new Date('2024-02-20T10:00:00+07:00').toISOString());
});

dbTest('a bad PAKN file is refused whole, every problem placed by line and column', async (db) => {
  const provinceId = await setup(db);
  const problems = await problemsOf(
    importCsv(db, provinceId, [
      'Huyện Tiên Du,05/02/2024 10:30,Hỏi về đất,,',
      'Huyện Không Có,05/02/2024,Hỏi,,',
      'Sở Y tế,31/02/2024,Hỏi về thuốc,,',
      'Sở Y tế,05/02/2024,,04/02/2024,01/02/2024',
      'Huyện Tiên Du,05/02/2024 10:30,Hỏi về đất,,',
    ]),
  );
  assert.deepEqual(
    problems.map((p) => [p.line, p.column]),
    [
      [4, 'Ngày tiếp nhận'],
      [5, 'Nội dung'],
      [5, 'Hạn trả lời'],
      [5, 'Ngày trả lời'],
      [6, 'Nội dung'],
    ],
  );
  assert.match(problems[0]!.message, /"31\/02\/2024" không phải ngày hợp lệ/);
  assert.match(problems[4]!.message, /Trùng với dòng 2/);
  assert.deepEqual(await listPakn(db.db, cliActor(provinceId)), []);

  const unknown = await problemsOf(importCsv(db, provinceId, ['Huyện Tiên Du,05/02/2024,Hỏi,,', 'Huyện Không Có,05/02/2024,Hỏi,,']));
  assert.deepEqual(unknown.map((p) => [p.line, p.column, p.message]), [[3, 'Đơn vị', 'Không có đơn vị "Huyện Không Có" trong sổ đăng ký.']]);
  assert.deepEqual(await listPakn(db.db, cliActor(provinceId)), []);

  const missing = await problemsOf(
    importPaknFile(db.db, cliActor(provinceId), { content: Buffer.from('Đơn vị,Nội dung\nSở Y tế,Hỏi\n'), fileName: 'x.csv' }),
  );
  assert.deepEqual(missing.map((p) => [p.line, p.column]), [[1, 'Ngày tiếp nhận']]);
  const empty = await problemsOf(importPaknFile(db.db, cliActor(provinceId), { content: Buffer.from(''), fileName: 'x.csv' }));
  assert.equal(empty.length, 1);
});

dbTest('PAKN import reads XLSX, date cells included', async (db) => {
  const provinceId = await setup(db);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('PAKN');
  sheet.addRow(['Nội dung', 'Đơn vị', 'Ngày tiếp nhận', 'Hạn trả lời (để trống: tự tính)', 'Ngày trả lời']);
  // Spreadsheet dates carry their wall-clock time in UTC form.
  sheet.addRow(['Hỏi về đất', 'Huyện Tiên Du', new Date(Date.UTC(2024, 1, 5, 10, 30)), null, '26/02/2024 17:00']);
  sheet.addRow(['Hỏi về thuế', 'Sở Tài chính', '02/01/2024', '05/01/2024', new Date(Date.UTC(2024, 0, 8, 9, 0))]);
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  const summary = await importPaknFile(db.db, cliActor(provinceId), { content, fileName: 'pakn.xlsx' });
  assert.deepEqual([summary.format, summary.records, summary.computedDueDates], ['xlsx', 2, 1]);
  const items = await listPakn(db.db, cliActor(provinceId));
  assert.deepEqual(
    items.map((i) => [i.unitName, i.receivedAt, i.dueDate, i.state]),
    [
      ['Sở Tài chính', new Date('2024-01-02T00:00:00+07:00').toISOString(), '2024-01-05', 'answered_late'],
      ['Huyện Tiên Du', new Date('2024-02-05T10:30:00+07:00').toISOString(), '2024-02-26', 'answered'],
    ],
  );
  const problems = await problemsOf(
    (async () => {
      const bad = new ExcelJS.Workbook();
      const s = bad.addWorksheet('PAKN');
      s.addRow(['Đơn vị', 'Ngày tiếp nhận', 'Nội dung']);
      s.addRow(['Huyện Tiên Du', 'hôm qua', 'Hỏi']);
      return importPaknFile(db.db, cliActor(provinceId), { content: Buffer.from(await bad.xlsx.writeBuffer()), fileName: 'bad.xlsx' });
    })(),
  );
  assert.deepEqual(problems.map((p) => [p.line, p.column]), [[2, 'Ngày tiếp nhận']]);
});

dbTest('an announced day off moves computed due dates, and removing it moves them back', async (db) => {
  const provinceId = await setup(db);
  await importCsv(db, provinceId, [
    'Huyện Tiên Du,22/04/2024 09:00,Hỏi về đất,,',
    'Sở Y tế,22/04/2024 09:00,Hỏi về thuốc,10/05/2024,',
  ]);
  const dueOf = async (unit: string) => (await listPakn(db.db, cliActor(provinceId))).find((i) => i.unitName === unit)!.dueDate;
  // 10 working days from Monday 22/04/2024: 30/4 and 1/5 are holidays.
  assert.equal(await dueOf('Huyện Tiên Du'), '2024-05-08');
  const moved = await setDayChange(db.db, cliActor(provinceId), { date: '2024-04-29', kind: 'off', note: 'Thông báo hoán đổi ngày làm việc' });
  assert.deepEqual(moved, { dueDatesMoved: 1 });
  assert.equal(await dueOf('Huyện Tiên Du'), '2024-05-09');
  assert.equal(await dueOf('Sở Y tế'), '2024-05-10');
  await setDayChange(db.db, cliActor(provinceId), { date: '2024-05-04', kind: 'working', note: 'Làm bù thứ Bảy' });
  assert.equal(await dueOf('Huyện Tiên Du'), '2024-05-08');
  assert.deepEqual((await listDayChanges(db.db, provinceId)).map((c) => [c.date, c.kind]), [['2024-04-29', 'off'], ['2024-05-04', 'working']]);
  await removeDayChange(db.db, cliActor(provinceId), '2024-05-04');
  await removeDayChange(db.db, cliActor(provinceId), '2024-04-29');
  assert.equal(await dueOf('Huyện Tiên Du'), '2024-05-08');
  await assert.rejects(removeDayChange(db.db, cliActor(provinceId), '2024-04-29'), /Không tìm thấy/);
  await assert.rejects(setDayChange(db.db, cliActor(provinceId), { date: '2024-02-30', kind: 'off', note: 'x' }), /YYYY-MM-DD/);
});
