/**
 * 500 unit editors save their self-assessments at once at the deadline: every save lands, and
 * where two people edit the same assessment from the same version, exactly one wins and the other
 * is told (stale_version), never silently overwritten.
 */
import assert from 'node:assert/strict';
import * as auditRepo from '../../src/db/repositories/audit.js';
import { AppError } from '../../src/errors.js';
import { cliActor, type Actor } from '../../src/services/audit.js';
import { importPeriodFile } from '../../src/services/import.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { openPeriod } from '../../src/services/review.js';
import { getSelfAssessment, saveSelfAssessment } from '../../src/services/self-assessment.js';
import { listUnits } from '../../src/services/registry.js';
import { dbTest } from '../helpers/db.js';

const UNITS = 500;
const CONTESTED = 25;
const AT_DEADLINE = new Date('2024-03-22T23:30:00+07:00');

function registryFile(): Buffer {
  const header = 'Nhóm,Tên đơn vị,Tổng số chuyên mục phải cập nhật,Cập nhật đầy đủ,Cập nhật không đầy đủ,Không cập nhật,"Số lượng tin, bài, video","Tự đánh giá, chấm điểm"';
  const rows = Array.from({ length: UNITS }, (_, i) => `"UBND xã, phường",Xã số ${i + 1},22,22,0,0,${i % 50},100`);
  return Buffer.from([header, ...rows].join('\n'));
}

dbTest('500 editors save at the deadline; concurrent edits of one assessment are detected', async (db) => {
  const province = await resolveProvince(db.db);
  await importPeriodFile(db.db, cliActor(province.id), { periodId: '2024-02', content: registryFile() });
  await openPeriod(db.db, cliActor(province.id), { id: '2024-03' });
  const units = await listUnits(db.db, province.id);
  assert.equal(units.length, UNITS);

  const editor = (unitId: string, name: string): Actor => ({ userId: null, username: name, provinceId: province.id, role: 'unit-editor', unitId });
  const save = (unitId: string, who: string, articles: number) =>
    saveSelfAssessment(db.db, editor(unitId, who), '2024-03', unitId, { counts: { full: 21, partial: 1, none: 0 }, articles, selfScore: 98, version: 1 }, AT_DEADLINE).then(
      () => 'saved' as const,
      (error: unknown) => {
        if (error instanceof AppError && error.code === 'stale_version') return 'stale' as const;
        throw error;
      },
    );

  const contested = units.slice(0, CONTESTED);
  const outcomes = await Promise.all([
    ...units.map((u, i) => save(u.id, `bien-tap-${i}`, i)),
    ...contested.map((u) => save(u.id, 'nguoi-thu-hai', 999)),
  ]);
  assert.equal(outcomes.filter((o) => o === 'saved').length, UNITS);
  assert.equal(outcomes.filter((o) => o === 'stale').length, CONTESTED);

  // Every save that landed wrote its audit entry with it (one statement on PostgreSQL); a save told
  // stale_version wrote none.
  const { rows: entries, total } = await auditRepo.list(db.db, province.id, { entity: 'self-assessment', periodId: '2024-03' }, { limit: 2 * UNITS, offset: 0 });
  assert.equal(total, UNITS);
  const entryOf = new Map(entries.map((e) => [e.entity_id, e]));
  for (const [i, unit] of units.entries()) {
    const saved = await getSelfAssessment(db.db, editor(unit.id, 'x'), '2024-03', unit.id);
    assert.equal(saved.version, 2, unit.name);
    assert.equal(saved.partial, 1);
    // The contested ones hold one writer's whole save, not a mix of both.
    if (i >= CONTESTED) assert.equal(saved.articles, i);
    else assert.ok(saved.articles === i || saved.articles === 999);
    // The entry records what was stored, by whoever stored it.
    const entry = entryOf.get(`2024-03/${unit.id}`);
    assert.ok(entry, unit.name);
    assert.equal(entry.action, 'save');
    assert.equal(entry.username, saved.articles === 999 ? 'nguoi-thu-hai' : `bien-tap-${i}`);
    assert.deepEqual(JSON.parse(entry.after!), saved);
    assert.equal((JSON.parse(entry.before!) as { version: number }).version, 1);
  }
});
