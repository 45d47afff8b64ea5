import assert from 'node:assert/strict';
import { appealDeadlineFor, decideAppeal, listAppeals, submitAppeal } from '../../src/services/appeals.js';
import { type Actor, cliActor, listAudit } from '../../src/services/audit.js';
import { importPeriodFile } from '../../src/services/import.js';
import { listRevisions, publish } from '../../src/services/publishing.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { updateSettings } from '../../src/services/settings.js';
import { listUnits } from '../../src/services/registry.js';
import { getPeriodReport } from '../../src/services/report.js';
import { dbTest, type TestDatabase } from '../helpers/db.js';
import { seedSettings } from '../helpers/notice.js';
import { seedCsv } from '../helpers/seed.js';

const codeOf = (code: string) => (e: unknown) => (e as { code?: string }).code === code;
const during = new Date('2024-03-01T10:00:00+07:00');

/** The seed month imported under Bắc Ninh's settings, so that its notice can be published. */
async function seedProvince(db: TestDatabase) {
  const province = await resolveProvince(db.db);
  await updateSettings(db.db, cliActor(province.id), { settings: seedSettings() });
  await importPeriodFile(db.db, cliActor(province.id), { periodId: '2024-02', content: seedCsv(), fileName: 'seed.csv' });
  return province;
}

dbTest('an appeal’s whole path: window, submit, reject, submit again, uphold as a corrected revision', async (db) => {
  const province = await seedProvince(db);
  const staff = cliActor(province.id);
  const units = await listUnits(db.db, province.id);
  const tienDu = units.find((u) => u.name === 'Huyện Tiên Du')!;
  const editor: Actor = { userId: 'u1', username: 'bbt.tiendu', provinceId: province.id, role: 'unit-editor', unitId: tienDu.id };
  const otherEditor: Actor = { ...editor, username: 'bbt.tuson', unitId: units.find((u) => u.name === 'Thành phố Từ Sơn')!.id };
  const appeal = { periodId: '2024-02', unitId: tienDu.id, deduction: 1, reason: 'Các câu trả lời đã gửi đúng hạn qua hệ thống', evidence: ['https://tiendu.bacninh.gov.vn/pakn/123', ' '] };

  await assert.rejects(submitAppeal(db.db, editor, appeal, during), /chưa công bố/);
  await publish(db.db, staff, '2024-02', { number: '02/BBT-CTTĐT', date: '2024-02-27' });
  // Five working days after Tuesday 27/02/2024.
  assert.deepEqual(await appealDeadlineFor(db.db, staff, '2024-02'), { period: '2024-02', deadline: '2024-03-05' });

  await assert.rejects(submitAppeal(db.db, otherEditor, appeal, during), codeOf('forbidden'));
  await assert.rejects(submitAppeal(db.db, { ...editor, role: 'viewer', unitId: null }, appeal, during), codeOf('forbidden'));
  await assert.rejects(submitAppeal(db.db, editor, appeal, new Date('2024-03-06T08:00:00+07:00')), /hết hạn khiếu nại.*05\/03\/2024/);
  await assert.rejects(submitAppeal(db.db, editor, { ...appeal, deduction: 2 }, during), /khoản trừ điểm thứ 2/);
  await assert.rejects(submitAppeal(db.db, editor, { ...appeal, reason: ' ' }, during), /lý do/);

  const first = await submitAppeal(db.db, editor, appeal, during);
  assert.deepEqual(
    [first.status, first.revision, first.deduction, first.evidence, first.submittedBy],
    ['pending', 0, { position: 1, points: 2, reason: 'Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn' }, ['https://tiendu.bacninh.gov.vn/pakn/123'], 'bbt.tiendu'],
  );
  await assert.rejects(submitAppeal(db.db, editor, appeal, during), /đang có khiếu nại/);
  assert.deepEqual((await listAppeals(db.db, otherEditor)).length, 0);
  assert.deepEqual((await listAppeals(db.db, editor)).map((a) => a.id), [first.id]);

  await assert.rejects(decideAppeal(db.db, editor, first.id, { uphold: true, reason: 'x' }), codeOf('forbidden'));
  await assert.rejects(decideAppeal(db.db, staff, first.id, { uphold: false, reason: ' ' }), /lý do/);
  const rejected = await decideAppeal(db.db, staff, first.id, { uphold: false, reason: 'Hệ thống ghi nhận trả lời sau hạn' });
  assert.deepEqual([rejected.status, rejected.decision, rejected.correctionRevision], ['rejected', 'Hệ thống ghi nhận trả lời sau hạn', null]);
  await assert.rejects(decideAppeal(db.db, staff, first.id, { uphold: true, reason: 'x' }), /đã được xem xét/);
  assert.equal((await getPeriodReport(db.db, province.id, '2024-02')).deducted.length, 1);

  const second = await submitAppeal(db.db, editor, { ...appeal, reason: 'Bổ sung nhật ký hệ thống', evidence: ['nhat-ky.pdf'] }, during);
  await assert.rejects(decideAppeal(db.db, staff, second.id, { uphold: true, reason: 'x', pointsAfter: 2 }), /dưới 2/);
  const upheld = await decideAppeal(db.db, staff, second.id, { uphold: true, reason: 'Nhật ký cho thấy trả lời đúng hạn' });
  assert.deepEqual([upheld.status, upheld.pointsAfter, upheld.correctionRevision], ['upheld', 0, 1]);

  const report = await getPeriodReport(db.db, province.id, '2024-02');
  const row = report.groups[1]!.units.find((u) => u.name === 'Huyện Tiên Du')!;
  assert.deepEqual([row.score, row.deductions, report.deducted], [100, [], []]);
  const revisions = await listRevisions(db.db, staff, '2024-02');
  assert.deepEqual(revisions.map((r) => [r.revision, r.unitId]), [[0, null], [1, tienDu.id]]);
  assert.match(revisions[1]!.reason!, /Chấp nhận khiếu nại của đơn vị.*Nhật ký cho thấy trả lời đúng hạn/);
  const audit = await listAudit(db.db, cliActor(province.id), { entity: 'appeal', limit: 50, offset: 0 });
  assert.deepEqual(audit.entries.map((e) => e.action).sort(), ['reject', 'submit', 'submit', 'uphold']);
});

dbTest('an upheld appeal can lower a deduction instead of removing it', async (db) => {
  const province = await seedProvince(db);
  const staff = cliActor(province.id);
  await publish(db.db, staff, '2024-02', { number: '02/BBT-CTTĐT', date: '2024-02-27' });
  const tienDu = (await listUnits(db.db, province.id)).find((u) => u.name === 'Huyện Tiên Du')!;
  const appeal = await submitAppeal(db.db, staff, { periodId: '2024-02', unitId: tienDu.id, deduction: 1, reason: 'Chỉ một câu quá hạn', evidence: [] }, during);
  await decideAppeal(db.db, staff, appeal.id, { uphold: true, reason: 'Chỉ một câu quá hạn', pointsAfter: 1 });
  const row = (await getPeriodReport(db.db, province.id, '2024-02')).groups[1]!.units.find((u) => u.name === 'Huyện Tiên Du')!;
  assert.deepEqual([row.score, row.deductions], [99, [{ points: 1, reason: 'Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn' }]]);
});
