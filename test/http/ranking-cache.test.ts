import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { importPeriodFile } from '../../src/services/import.js';
import { createRuleSet } from '../../src/services/rules.js';
import { listUnits } from '../../src/services/registry.js';
import { dbTest } from '../helpers/db.js';
import { seedUsers, signIn, startApp } from '../helpers/http.js';
import { seedCsv } from '../helpers/seed.js';
import { cliActor } from '../../src/services/audit.js';

type Report = { groups: { name: string; units: { id: string; name: string; score: number }[] }[] };
const scoreOf = (report: Report, unitId: string) => report.groups.flatMap((g) => g.units).find((u) => u.id === unitId)!.score;

dbTest('the cached ranking follows writes made through another instance or outside the API', async (db) => {
  const { province, unit } = await seedUsers(db);
  await importPeriodFile(db.db, cliActor(province.id), { periodId: '2024-05', content: seedCsv(), fileName: 'a.csv' });
  const one = await startApp(db);
  const two = await startApp(db);
  try {
    const readerOne = await signIn(one, 'reviewer');
    const writerTwo = await signIn(two, 'reviewer');
    const admin = await signIn(two, 'admin');
    // Each read asks plain, brotli and gzip: an encoding made of an older report must never be sent.
    const read = async () => {
      const [plain, ...encoded] = await Promise.all(
        [undefined, 'br', 'gzip'].map((encoding) =>
          readerOne.request({ method: 'GET', url: '/api/periods/2024-05/ranking', headers: encoding ? { 'accept-encoding': encoding } : {} }),
        ),
      );
      for (const [i, response] of encoded.entries()) {
        const encoding = response.headers['content-encoding'];
        assert.equal(encoding, ['br', 'gzip'][i]);
        assert.deepEqual(JSON.parse((encoding === 'br' ? brotliDecompressSync : gunzipSync)(response.rawPayload).toString('utf8')), plain!.json());
      }
      return plain!.json() as Report;
    };
    assert.equal(scoreOf(await read(), unit.id), 100);
    assert.equal(scoreOf(await read(), unit.id), 100);

    const evaluations = (await writerTwo.request({ method: 'GET', url: '/api/periods/2024-05/evaluations' })).json() as { unitId: string; version: number }[];
    const version = evaluations.find((e) => e.unitId === unit.id)!.version;
    const deducted = await writerTwo.request({
      method: 'PUT',
      url: `/api/periods/2024-05/units/${unit.id}/deductions`,
      payload: { deductions: [{ points: 3, reason: 'Chậm cập nhật' }], version },
    });
    assert.equal(deducted.statusCode, 200, deducted.body);
    assert.equal(scoreOf(await read(), unit.id), 97);

    // A registry edit on the other instance (a group renamed) shows at once too.
    const [group] = (await admin.request({ method: 'GET', url: '/api/groups' })).json() as { id: string; name: string }[];
    await admin.request({ method: 'PUT', url: `/api/groups/${group!.id}`, payload: { name: 'Các sở, ngành' } });
    assert.equal((await read()).groups[0]!.name, 'Các sở, ngành');

    // A re-import by the command line (no API involved) replaces the data the cache was built from.
    await importPeriodFile(db.db, cliActor(province.id), { periodId: '2024-05', content: seedCsv(), fileName: 'a.csv' });
    assert.equal(scoreOf(await read(), unit.id), 100);
    assert.equal((await listUnits(db.db, province.id)).length, 29);

    // A new rule set in force for the period changes the scale every score starts from.
    await createRuleSet(db.db, cliActor(province.id), { effectiveFrom: '2024-04-01', note: 'Thang điểm 50', values: { scale: 50 } });
    assert.equal(scoreOf(await read(), unit.id), 50);
  } finally {
    await one.close();
    await two.close();
  }
});
