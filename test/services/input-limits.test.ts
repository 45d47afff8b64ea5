/**
 * The same caps and the same http(s)-only rule for links on every way in: the services refuse
 * them, so the command line and imported files are held to what the API's schemas already ask.
 */
import assert from 'node:assert/strict';
import { NAME_MAX, TEXT_MAX } from '../../src/domain/limits.js';
import { AppError } from '../../src/errors.js';
import { cliActor, type Actor } from '../../src/services/audit.js';
import { importPeriodFile } from '../../src/services/import.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { changeGroup, changeUnit, createGroup, createUnit, listGroups, listUnits } from '../../src/services/registry.js';
import { cleanDeductions, openPeriod } from '../../src/services/review.js';
import { saveSelfAssessment } from '../../src/services/self-assessment.js';
import { dbTest } from '../helpers/db.js';

const HEADER = 'Nhóm,Tên đơn vị,Tổng số chuyên mục phải cập nhật,Cập nhật đầy đủ,Cập nhật không đầy đủ,Không cập nhật,"Số lượng tin, bài, video","Tự đánh giá, chấm điểm",Điểm trừ,Lý do trừ điểm';

async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<string> {
  const error = await (typeof promise === 'function' ? Promise.resolve().then(promise) : promise).then(() => null, (e: unknown) => e);
  assert.ok(error instanceof AppError, `expected a refusal, got ${String(error)}`);
  const problems = (error.details as { problems?: { message: string }[] } | undefined)?.problems;
  return `${error.code}: ${problems ? problems.map((p) => p.message).join(' ') : error.message}`;
}

dbTest('portal and evidence links are http(s) only and names, reasons capped, whatever the way in', async (db) => {
  const province = await resolveProvince(db.db);
  const board = cliActor(province.id);
  await importPeriodFile(db.db, board, { periodId: '2024-01', content: Buffer.from(`${HEADER}\nNhóm A,Sở Một,2,2,0,0,3,100,0,`) });
  const [group] = await listGroups(db.db, province.id);
  const [unit] = await listUnits(db.db, province.id);

  for (const portalUrl of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'http://a b.vn/', `https://x.vn/${'a'.repeat(500)}`]) {
    assert.match(await refusal(createUnit(db.db, board, { name: 'Sở Mới', groupId: group!.id, portalUrl })), /^validation: Địa chỉ cổng/);
    assert.match(await refusal(changeUnit(db.db, board, unit!.id, { portalUrl })), /^validation: Địa chỉ cổng/);
  }
  const long = 'Đ'.repeat(NAME_MAX + 1);
  assert.match(await refusal(createUnit(db.db, board, { name: long, groupId: group!.id })), new RegExp(`^validation: Tên đơn vị dài 301 ký tự, quá giới hạn ${NAME_MAX}`));
  assert.match(await refusal(changeUnit(db.db, board, unit!.id, { rename: { name: long, effectiveOn: '2024-02-01' } })), /^validation: Tên đơn vị dài/);
  assert.match(await refusal(createGroup(db.db, board, { name: long })), /^validation: Tên nhóm dài/);
  assert.match(await refusal(changeGroup(db.db, board, group!.id, { categories: ['Tin tức', long] })), /^validation: Tên chuyên mục dài/);
  assert.equal((await createUnit(db.db, board, { name: 'Sở Hai', groupId: group!.id, portalUrl: 'https://so-hai.bacninh.gov.vn/' })).portalUrl, 'https://so-hai.bacninh.gov.vn/');

  const reason = 'x'.repeat(TEXT_MAX + 1);
  assert.match(await refusal(() => cleanDeductions([{ points: 1, reason }])), /^validation: Lý do trừ điểm dài 2\.001 ký tự, quá giới hạn 2\.000/);
  const csv = `${HEADER}\nNhóm A,Sở Một,2,2,0,0,3,99,1,${reason}`;
  assert.match(await refusal(importPeriodFile(db.db, board, { periodId: '2024-02', content: Buffer.from(csv) })), /^import_invalid: Lý do trừ điểm dài 2\.001 ký tự/);

  await openPeriod(db.db, board, { id: '2024-03' });
  const editor: Actor = { userId: null, username: 'bien-tap', provinceId: province.id, role: 'unit-editor', unitId: unit!.id };
  for (const evidenceUrl of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd']) {
    const save = saveSelfAssessment(
      db.db,
      editor,
      '2024-03',
      unit!.id,
      { categories: [{ name: 'Tin tức', status: 'full', evidenceUrl }, { name: 'Văn bản', status: 'full', evidenceUrl: null }], articles: 1, selfScore: 100, version: 1 },
      new Date('2024-03-01T00:00:00Z'),
    );
    assert.match(await refusal(save), /^validation: Minh chứng của chuyên mục "Tin tức" phải là địa chỉ bắt đầu bằng http:\/\/ hoặc https:\/\//);
    const whole = saveSelfAssessment(
      db.db,
      editor,
      '2024-03',
      unit!.id,
      { counts: { full: 2, partial: 0, none: 0 }, evidenceUrls: ['https://so-mot.bacninh.gov.vn/tin-tuc', evidenceUrl], articles: 1, selfScore: 100, version: 1 },
      new Date('2024-03-01T00:00:00Z'),
    );
    assert.match(await refusal(whole), /^validation: Minh chứng của đơn vị phải là địa chỉ/);
  }
});
