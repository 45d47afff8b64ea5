/**
 * A save's write goes ahead only while the evaluation and the period are as its read found them:
 * the save reads without a lock (and, for a group known by counts, writes without a transaction),
 * so this check is what keeps a save out of a period that went to review or whose deadline moved.
 */
import assert from 'node:assert/strict';
import * as auditRepo from '../../../src/db/repositories/audit.js';
import * as evaluationsRepo from '../../../src/db/repositories/evaluations.js';
import * as periodsRepo from '../../../src/db/repositories/periods.js';
import { AppError } from '../../../src/errors.js';
import { auditEntry, cliActor, type Actor } from '../../../src/services/audit.js';
import { importPeriodFile } from '../../../src/services/import.js';
import { resolveProvince } from '../../../src/services/provinces.js';
import { listUnits } from '../../../src/services/registry.js';
import { openPeriod } from '../../../src/services/review.js';
import { getSelfAssessment, saveSelfAssessment } from '../../../src/services/self-assessment.js';
import { dbTest } from '../../helpers/db.js';

const file = Buffer.from(
  [
    'Nhóm,Tên đơn vị,Tổng số chuyên mục phải cập nhật,Cập nhật đầy đủ,Cập nhật không đầy đủ,Không cập nhật,"Số lượng tin, bài, video","Tự đánh giá, chấm điểm"',
    '"UBND xã, phường",Xã Một,22,22,0,0,3,100',
  ].join('\n'),
);

dbTest('the write of a save is refused, and writes nothing, once the period is no longer as the save read it', async (db) => {
  const province = await resolveProvince(db.db);
  const board = cliActor(province.id);
  await importPeriodFile(db.db, board, { periodId: '2023-12', content: file });
  const [unit] = await listUnits(db.db, province.id);
  const editor: Actor = { userId: null, username: 'bien-tap', provinceId: province.id, role: 'unit-editor', unitId: unit!.id };
  await openPeriod(db.db, board, { id: '2024-01' });

  const changes = { full_count: 20, partial_count: 2, none_count: 0, articles: 9, self_score: 95 };
  const entry = auditEntry(editor, { entity: 'self-assessment', entityId: `2024-01/${unit!.id}`, action: 'save', before: {}, after: changes });
  const read = async () => {
    const found = (await evaluationsRepo.getForWrite(db.db, province.id, '2024-01', unit!.id))!;
    return { evaluation: found.evaluation!, asRead: found.period };
  };
  const saves = async () =>
    (await auditRepo.list(db.db, province.id, { periodId: '2024-01' }, { limit: 100, offset: 0 })).rows.filter((e) => e.action === 'save').length;

  // Each change to the period between the read and the write: a deadline set, moved, cleared, a new status.
  const periodChanges: [string, Parameters<typeof periodsRepo.update>[3]][] = [
    ['a deadline set', { deadline: '2024-01-25T17:00:00.000Z' }],
    ['the deadline moved', { deadline: '2024-01-20T17:00:00.000Z' }],
    ['the deadline cleared', { deadline: null }],
    ['the review started', { status: 'review' }],
  ];
  for (const [what, change] of periodChanges) {
    const { evaluation, asRead } = await read();
    await periodsRepo.update(db.db, province.id, '2024-01', change);
    const written = await evaluationsRepo.updateIfVersionAudited(db.db, evaluation.id, Number(evaluation.version), changes, entry, asRead);
    assert.equal(written, null, `${what}: the write must not go ahead`);
    assert.equal(await saves(), 0, `${what}: no audit entry either`);
    assert.equal((await getSelfAssessment(db.db, board, '2024-01', unit!.id)).version, 1, what);
  }
  await periodsRepo.update(db.db, province.id, '2024-01', { status: 'open' });

  // A newer version written between the read and the write: refused the same way.
  const { evaluation, asRead } = await read();
  await evaluationsRepo.updateIfVersion(db.db, evaluation.id, 1, { articles: 4 });
  assert.equal(await evaluationsRepo.updateIfVersionAudited(db.db, evaluation.id, 1, changes, entry, asRead), null);
  assert.equal(await saves(), 0);

  // As read: written, with its one entry.
  const now = await read();
  const row = await evaluationsRepo.updateIfVersionAudited(db.db, now.evaluation.id, 2, changes, entry, now.asRead);
  assert.equal(row?.articles, 9);
  assert.equal(Number(row?.version), 3);
  assert.equal(await saves(), 1);

  // Through the service, a save sent after the review started is told why, not "a newer version".
  await periodsRepo.update(db.db, province.id, '2024-01', { status: 'review' });
  await assert.rejects(
    saveSelfAssessment(db.db, editor, '2024-01', unit!.id, { counts: { full: 22, partial: 0, none: 0 }, articles: 1, selfScore: 100, version: 3 }, new Date('2024-01-02T00:00:00Z')),
    (error: unknown) => error instanceof AppError && error.code === 'conflict',
  );
  assert.equal(await saves(), 1);
});
