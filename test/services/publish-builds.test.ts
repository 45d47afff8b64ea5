/**
 * One publication builds the period report once and the notice model once, and renders every
 * file (DOCX, PDF, XLSX) and queues every e-mail from them; so does importing an issued notice,
 * which publishes it. The builders are counted by a loading
 * hook (test/helpers/count-builds.mjs) registered before the application's modules load, which
 * is why they are imported dynamically here.
 */
import assert from 'node:assert/strict';
import { register } from 'node:module';

register('../helpers/count-builds.mjs', import.meta.url);
const { dbTest } = await import('../helpers/db.js');
const { seedCsv, seedText } = await import('../helpers/seed.js');
const { cliActor } = await import('../../src/services/audit.js');
const { importPeriodFile } = await import('../../src/services/import.js');
const { importNotice } = await import('../../src/services/notice.js');
const { resolveProvince } = await import('../../src/services/provinces.js');
const { getNoticeFile, listRevisions, publish } = await import('../../src/services/publishing.js');

const calls = (): Record<string, number> => ((globalThis as { builderCalls?: Record<string, number> }).builderCalls ??= {});

dbTest('a publication builds the period report once and the notice model once', async (db) => {
  const province = await resolveProvince(db.db);
  const actor = cliActor(province.id);
  await importPeriodFile(db.db, actor, { periodId: '2024-02', content: seedCsv(), fileName: 'seed.csv' });
  for (const name of Object.keys(calls())) delete calls()[name];

  await publish(db.db, actor, '2024-02', { number: '02/BBT-CTTĐT', date: '2024-02-27' });

  assert.deepEqual({ ...calls() }, { buildPeriodReport: 1, buildNoticeModel: 1 });
  // The files of the publication were stored from that one build, and reading them back builds nothing.
  assert.equal((await listRevisions(db.db, actor, '2024-02')).length, 1);
  for (const format of ['docx', 'pdf', 'xlsx'] as const) assert.ok((await getNoticeFile(db.db, actor, '2024-02', format)).content.length > 0);
  assert.deepEqual({ ...calls() }, { buildPeriodReport: 1, buildNoticeModel: 1 });
});

dbTest('importing an issued notice publishes it from one report and one notice model', async (db) => {
  const province = await resolveProvince(db.db);
  for (const name of Object.keys(calls())) delete calls()[name];

  const summary = await importNotice(db.db, cliActor(province.id), Buffer.from(seedText(), 'utf8'));

  assert.equal(summary.number, '02/BBT-CTTĐT');
  // The check of the notice's order against the ranking reads the publication's report.
  assert.deepEqual({ ...calls() }, { buildPeriodReport: 1, buildNoticeModel: 1 });
});
