import assert from 'node:assert/strict';
import { dbTest } from '../helpers/db.js';
import { seedUsers, signIn, startApp } from '../helpers/http.js';

dbTest('two instances racing to open or publish one period: one succeeds, the other gets 409', async (db) => {
  await seedUsers(db);
  const one = await startApp(db);
  const two = await startApp(db);
  try {
    const [a, b] = [await signIn(one, 'reviewer'), await signIn(two, 'admin')];
    const opened = await Promise.all([a, b].map((c) => c.request({ method: 'POST', url: '/api/periods', payload: { id: '2024-03' } })));
    assert.deepEqual(opened.map((r) => r.statusCode).sort(), [201, 409]);

    const published = await Promise.all(
      [a, b].map((c) => c.request({ method: 'POST', url: '/api/periods/2024-03/publish', payload: { date: '2024-03-27' } })),
    );
    assert.deepEqual(published.map((r) => r.statusCode).sort(), [200, 409]);
    const revisions = (await a.request({ method: 'GET', url: '/api/periods/2024-03/revisions' })).json() as unknown[];
    assert.equal(revisions.length, 1);
  } finally {
    await one.close();
    await two.close();
  }
});
