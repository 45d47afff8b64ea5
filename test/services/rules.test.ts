import assert from 'node:assert/strict';
import { importPeriodFile } from '../../src/services/import.js';
import { importPaknFile } from '../../src/services/pakn.js';
import { proposalsForPeriod } from '../../src/services/proposals.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { createRuleSet, listRuleSets, ruleSetForPeriod } from '../../src/services/rules.js';
import { dbTest, type TestDatabase } from '../helpers/db.js';
import { seedCsv } from '../helpers/seed.js';
import { cliActor } from '../../src/services/audit.js';
import { publish } from '../../src/services/publishing.js';

async function setup(db: TestDatabase) {
  const province = await resolveProvince(db.db);
  await importPeriodFile(db.db, cliActor(province.id), { periodId: '2024-02', content: seedCsv(), fileName: 'seed.csv' });
  return province.id;
}

dbTest('a period is scored with the rule set in force on its last day', async (db) => {
  const provinceId = await setup(db);
  assert.equal((await ruleSetForPeriod(db.db, provinceId, '2024-02')).isDefault, true);
  const first = await createRuleSet(db.db, cliActor(provinceId), {
    effectiveFrom: '2024-01-01',
    note: 'Quyết định 01/QĐ-BBT ngày 01/01/2024',
    values: { paknOverdueMode: 'per_answer', overdueAnswerPoints: 0.5, missingCategoryPoints: 4 },
  });
  // Not given: carried over from the rules in force before (the defaults).
  assert.deepEqual([first.partialCategoryPoints, first.overdueAnswerPoints, first.missingCategoryPoints, first.capPerUnitMonth], [2, 0.5, 4, null]);
  const second = await createRuleSet(db.db, cliActor(provinceId), {
    effectiveFrom: '2024-02-23',
    note: 'Quyết định 05/QĐ-BBT',
    values: { partialCategoryPoints: 3, capPerUnitMonth: 10, paknCategory: '  Hỏi đáp  PAKN ' },
  });
  // Carried over from the first set this time.
  assert.deepEqual([second.paknOverdueMode, second.overdueAnswerPoints, second.partialCategoryPoints, second.capPerUnitMonth, second.paknCategory], ['per_answer', 0.5, 3, 10, 'Hỏi đáp PAKN']);
  assert.equal((await ruleSetForPeriod(db.db, provinceId, '2024-02')).id, first.id);
  assert.equal((await ruleSetForPeriod(db.db, provinceId, '2024-03')).id, second.id);
  assert.deepEqual((await listRuleSets(db.db, provinceId)).map((s) => s.effectiveFrom), ['2024-01-01', '2024-02-23']);

  await importPaknFile(db.db, cliActor(provinceId), {
    content: Buffer.from('Đơn vị,Ngày tiếp nhận,Nội dung,Hạn trả lời,Ngày trả lời\nHuyện Tiên Du,02/01/2024,A,05/01/2024,\nHuyện Tiên Du,02/01/2024,B,05/01/2024,\n'),
    fileName: 'p.csv',
  });
  const proposals = await proposalsForPeriod(db.db, cliActor(provinceId), '2024-02');
  assert.equal(proposals.ruleSet.id, first.id);
  const tienDu = proposals.units.find((u) => u.unitName === 'Huyện Tiên Du')!;
  assert.deepEqual(tienDu.proposals.map((p) => [p.points, p.reason]), [
    [2, '01 chuyên mục cập nhật không đầy đủ'],
    [1, '02 câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn'],
  ]);
});

dbTest('rules never reach back into a published period, and bad values are refused', async (db) => {
  const provinceId = await setup(db);
  await publish(db.db, cliActor(provinceId), '2024-02', { number: '02/BBT-CTTĐT', date: '2024-02-27' });
  await assert.rejects(
    createRuleSet(db.db, cliActor(provinceId), { effectiveFrom: '2024-02-22', note: 'QĐ', values: { partialCategoryPoints: 5 } }),
    /2024-02 đã công bố/,
  );
  const next = await createRuleSet(db.db, cliActor(provinceId), { effectiveFrom: '2024-02-23', note: 'QĐ', values: { partialCategoryPoints: 5 } });
  assert.equal((await ruleSetForPeriod(db.db, provinceId, '2024-02')).isDefault, true);
  assert.equal((await ruleSetForPeriod(db.db, provinceId, '2024-03')).id, next.id);
  await assert.rejects(createRuleSet(db.db, cliActor(provinceId), { effectiveFrom: '2024-02-23', note: 'QĐ', values: {} }), /Đã có bộ quy tắc/);
  await assert.rejects(
    createRuleSet(db.db, cliActor(provinceId), { effectiveFrom: '2024-06-01', note: 'QĐ', values: { partialCategoryPoints: -1, paknWorkingDays: 0 } }),
    /partialCategoryPoints.*paknWorkingDays/,
  );
  await assert.rejects(createRuleSet(db.db, cliActor(provinceId), { effectiveFrom: '2024-13-01', note: 'QĐ', values: {} }), /YYYY-MM-DD/);
  await assert.rejects(createRuleSet(db.db, cliActor(provinceId), { effectiveFrom: '2024-06-01', note: '  ', values: {} }), /căn cứ/);
  assert.equal((await listRuleSets(db.db, provinceId)).length, 1);
});
