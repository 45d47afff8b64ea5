/**
 * The services refuse what the actor may not do, so that the command line acting as a user
 * (`--as USER`) meets the same refusals as the web: managing users, days off and rule sets,
 * importing PAKN, reading proposals, and each role's share of the working data.
 */
import assert from 'node:assert/strict';
import { appealDeadlineFor } from '../../src/services/appeals.js';
import { type Actor, cliActor } from '../../src/services/audit.js';
import { removeDayChange, setDayChange } from '../../src/services/calendar.js';
import { crawlResults, crossCheck } from '../../src/services/crawl.js';
import { importPeriodFile } from '../../src/services/import.js';
import { importPaknFile, listPakn, paknOverdue } from '../../src/services/pakn.js';
import { proposalsForPeriod } from '../../src/services/proposals.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { listUnits } from '../../src/services/registry.js';
import { createRuleSet } from '../../src/services/rules.js';
import { listSources } from '../../src/services/sources.js';
import { createUser, listUsers, updateUser } from '../../src/services/users.js';
import { dbTest } from '../helpers/db.js';
import { seedCsv } from '../helpers/seed.js';

const refused = (e: unknown) => (e as { code?: string }).code === 'forbidden';

dbTest('each service refuses a role that may not use it, whoever calls it', async (db) => {
  const province = await resolveProvince(db.db);
  const admin = cliActor(province.id);
  await importPeriodFile(db.db, admin, { periodId: '2024-02', content: seedCsv(), fileName: 'seed.csv' });
  const [own, other] = await listUnits(db.db, province.id);
  const as = (role: Actor['role'], unitId: string | null = null): Actor => ({ userId: `u-${role}`, username: role, provinceId: province.id, role, unitId });
  const reviewer = as('reviewer');
  const editor = as('unit-editor', own!.id);
  const viewer = as('viewer');

  // Administrator only: users, days off, rule sets.
  await assert.rejects(listUsers(db.db, reviewer), refused);
  await assert.rejects(createUser(db.db, reviewer, { username: 'moi', password: 'mat-khau-thu', role: 'admin' }), refused);
  const user = await createUser(db.db, admin, { username: 'moi', password: 'mat-khau-thu', role: 'viewer' });
  await assert.rejects(updateUser(db.db, reviewer, user.id, { role: 'admin' }), refused);
  assert.deepEqual((await listUsers(db.db, admin)).map((u) => u.username), ['moi']);
  await assert.rejects(setDayChange(db.db, reviewer, { date: '2024-04-29', kind: 'off', note: 'Thông báo' }), refused);
  await assert.rejects(removeDayChange(db.db, reviewer, '2024-04-29'), refused);
  await assert.rejects(createRuleSet(db.db, reviewer, { effectiveFrom: '2024-06-01', note: 'QĐ', values: {} }), refused);

  // The board's staff only: importing PAKN, the proposals.
  const pakn = Buffer.from(`Đơn vị,Ngày tiếp nhận,Nội dung,Hạn trả lời,Ngày trả lời\n${own!.name},02/02/2024,Hỏi,05/02/2024,\n`);
  await assert.rejects(importPaknFile(db.db, editor, { content: pakn, fileName: 'p.csv' }), refused);
  await importPaknFile(db.db, reviewer, { content: pakn, fileName: 'p.csv' });
  await assert.rejects(proposalsForPeriod(db.db, editor, '2024-02'), refused);
  assert.ok((await proposalsForPeriod(db.db, reviewer, '2024-02')).units.length > 0);

  // Working data: staff every unit's, an editor their own (asking for another is refused), a viewer none.
  assert.equal((await listPakn(db.db, reviewer)).length, 1);
  assert.deepEqual((await listPakn(db.db, editor)).map((p) => p.unitId), [own!.id]);
  await assert.rejects(listPakn(db.db, editor, { unitId: other!.id }), refused);
  await assert.rejects(listPakn(db.db, viewer), refused);
  await assert.rejects(paknOverdue(db.db, viewer, '2024-02'), refused);
  await assert.rejects(listSources(db.db, viewer), refused);
  await assert.rejects(listSources(db.db, editor, { unitId: other!.id }), refused);
  assert.deepEqual(await listSources(db.db, editor), { units: [] });
  await assert.rejects(crawlResults(db.db, viewer, '2024-02'), refused);
  await assert.rejects(crossCheck(db.db, editor, '2024-02', { unitId: other!.id }), refused);
  assert.deepEqual(await crawlResults(db.db, editor, '2024-02'), { period: '2024-02', units: [] });

  // An unpublished period has no appeal window, and a viewer does not learn it exists.
  await assert.rejects(appealDeadlineFor(db.db, viewer, '2024-02'), (e: unknown) => (e as { code?: string }).code === 'not_found');
  await assert.rejects(appealDeadlineFor(db.db, reviewer, '2024-02'), (e: unknown) => (e as { code?: string }).code === 'conflict');
});
