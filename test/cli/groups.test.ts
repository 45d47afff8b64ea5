/**
 * Naming a group's categories from the command line tells which open periods keep the old list and
 * whether the new one may be applied; `group apply-list` applies it through the web's service,
 * refused with the web's message once a unit of the group entered something, and to anyone but an admin.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { cliActor, type Actor } from '../../src/services/audit.js';
import { loadDemo } from '../../src/services/demo.js';
import { periodCategoryList, periodListOffers } from '../../src/services/period-categories.js';
import { listGroups, listUnits } from '../../src/services/registry.js';
import { openPeriod } from '../../src/services/review.js';
import { getSelfAssessment, saveSelfAssessment } from '../../src/services/self-assessment.js';
import { createUser } from '../../src/services/users.js';
import { spawnCli } from '../helpers/cli.js';
import { dbTest, type TestDatabase } from '../helpers/db.js';

const dir = mkdtempSync(join(tmpdir(), 'ps-cli-groups-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (db: TestDatabase, args: string[]) => spawnCli(['--db', db.url, ...args]);

dbTest('group categories names the open periods on the old list; apply-list applies it, or refuses once a unit entered something', async (db) => {
  const { province } = await loadDemo(db.db);
  const admin = cliActor(province.id);
  const departments = (await listGroups(db.db, province.id))[0]!;
  const thanhTra = (await listUnits(db.db, province.id)).find((u) => u.name === 'Thanh tra tỉnh')!;
  assert.equal(thanhTra.groupId, departments.id);
  await openPeriod(db.db, admin, { id: '2024-03', deadline: '2999-01-01T00:00:00Z' });
  await openPeriod(db.db, admin, { id: '2024-04', deadline: '2999-01-01T00:00:00Z' });
  // In 04/2024 one unit of the group has already entered its figures.
  const editor: Actor = { userId: null, username: 'bt.thanhtra', provinceId: province.id, role: 'unit-editor', unitId: thanhTra.id };
  const form = await getSelfAssessment(db.db, editor, '2024-04', thanhTra.id);
  await saveSelfAssessment(db.db, editor, '2024-04', thanhTra.id, { counts: { full: 18, partial: 1, none: 0 }, articles: 160, selfScore: 98, version: form.version });

  const names = Array.from({ length: 19 }, (_, i) => `Chuyên mục ${i + 1}`);
  const file = join(dir, `categories-${db.kind}.txt`);
  writeFileSync(file, names.join('\n'));
  const changed = await run(db, ['group', 'categories', departments.name, file]);
  assert.equal(changed.code, 0, changed.stderr);
  const offers = await periodListOffers(db.db, admin, departments.id);
  const [march, april] = [offers.find((o) => o.period === '2024-03')!, offers.find((o) => o.period === '2024-04')!];
  assert.equal(march.canApply, true);
  assert.deepEqual(april.saved, ['Thanh tra tỉnh']);
  // The same messages as the web's groups page, in its order, and the command for the period that may take the list.
  const command = `  Áp dụng (quản trị viên): portal-scorecard group apply-list ${JSON.stringify(departments.name)} --period 2024-03`;
  assert.equal(
    changed.stdout,
    [`${departments.name}: 19 chuyên mục`, ...offers.flatMap((o) => (o === march ? [`- ${march.message}`, command] : [`- ${o.message}`])), ''].join('\n'),
  );
  assert.equal(offers.length, 2);

  const refused = await run(db, ['group', 'apply-list', departments.name, '--period', '2024-04']);
  assert.equal(refused.code, 1);
  assert.equal(refused.stderr, `Lỗi: ${april.message}\n`);
  assert.deepEqual(await periodCategoryList(db.db, province.id, '2024-04', departments.id), []);

  // Applying is the admin's: a reviewer is refused even where the list may be applied.
  await createUser(db.db, admin, { username: 'thuky', password: 'mat-khau-thu', role: 'reviewer' });
  const reviewer = await run(db, ['--as', 'thuky', 'group', 'apply-list', departments.name, '--period', '2024-03']);
  assert.equal(reviewer.code, 1);
  assert.equal(reviewer.stderr, 'Lỗi: Chỉ quản trị viên được sửa danh mục và cấu hình.\n');

  const applied = await run(db, ['group', 'apply-list', departments.name, '--period', '2024-03']);
  assert.equal(applied.code, 0, applied.stderr);
  assert.match(applied.stdout, /^Kỳ 03\/2024: nhóm .+ dùng danh sách mới \(19 chuyên mục\) cho \d+ đơn vị; các phiếu trở về "không cập nhật"\.\n$/);
  assert.deepEqual((await periodCategoryList(db.db, province.id, '2024-03', departments.id)).map((c) => c.name), names);
  assert.deepEqual((await periodListOffers(db.db, admin, departments.id)).map((o) => o.period), ['2024-04']);
});
