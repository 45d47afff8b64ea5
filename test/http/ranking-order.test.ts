import assert from 'node:assert/strict';
import { cliActor } from '../../src/services/audit.js';
import { changeUnit, listUnits } from '../../src/services/registry.js';
import { dbTest } from '../helpers/db.js';
import { seedUsers, signIn, startApp } from '../helpers/http.js';

type Report = { groups: { units: { name: string }[] }[] };

dbTest('a registry move made outside the API (the CLI) reorders ties in the cached ranking at once', async (db) => {
  const { province } = await seedUsers(db);
  const app = await startApp(db);
  try {
    const viewer = await signIn(app, 'viewer');
    const order = async () => {
      const report = (await viewer.request({ method: 'GET', url: '/api/periods/2024-02/ranking' })).json() as Report;
      const names = report.groups[0]!.units.map((u) => u.name);
      return [names.indexOf('Sở Tài nguyên và Môi trường'), names.indexOf('Sở Giáo dục và Đào tạo')];
    };
    const [first, second] = await order();
    assert.equal(second, first! + 1, 'tied at 68 articles, in registry order');
    const education = (await listUnits(db.db, province.id)).find((u) => u.name === 'Sở Giáo dục và Đào tạo')!;
    await changeUnit(db.db, cliActor(province.id), education.id, { position: 1 });
    assert.deepEqual(await order(), [second, first]);
  } finally {
    await app.close();
  }
});
