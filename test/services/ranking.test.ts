/**
 * The ranking's serialised report: built once for many requests arriving together on a cold
 * cache, served as the same bytes while the data stays, built again once the data changes.
 */
import assert from 'node:assert/strict';
import { cliActor } from '../../src/services/audit.js';
import { importPeriodFile } from '../../src/services/import.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { getRankingBody } from '../../src/services/ranking.js';
import { createRuleSet } from '../../src/services/rules.js';
import { dbTest } from '../helpers/db.js';
import { seedCsv } from '../helpers/seed.js';

dbTest('a hundred requests on a cold cache build the report once; a write builds it again', async (db) => {
  const province = await resolveProvince(db.db);
  const actor = cliActor(province.id);
  // A period of its own: no earlier test's cache entry for it can exist in this process.
  const periodId = `20${String(10 + Math.floor(Math.random() * 80))}-0${1 + Math.floor(Math.random() * 9)}`;
  await importPeriodFile(db.db, actor, { periodId, content: seedCsv(), fileName: 'a.csv' });
  const bodies = await Promise.all(Array.from({ length: 100 }, () => getRankingBody(db.db, actor, periodId)));
  assert.ok(bodies.every((b) => b === bodies[0]), 'every request got the one report built');
  const report = JSON.parse(bodies[0]!.toString('utf8')) as { period: { id: string }; groups: unknown[] };
  assert.equal(report.period.id, periodId);
  assert.ok(report.groups.length > 0);
  assert.equal(await getRankingBody(db.db, actor, periodId), bodies[0], 'served from the cache');
  // A new scale changes every score: the next read builds (once) and shows it.
  await createRuleSet(db.db, actor, { effectiveFrom: `${periodId}-01`, note: 'Thang điểm 50', values: { scale: 50 } });
  const after = await Promise.all(Array.from({ length: 10 }, () => getRankingBody(db.db, actor, periodId)));
  assert.notEqual(after[0], bodies[0]);
  assert.ok(after.every((b) => b === after[0]));
  assert.notDeepEqual(after[0], bodies[0]);
});
