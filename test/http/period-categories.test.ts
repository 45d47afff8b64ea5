import assert from 'node:assert/strict';
import { dbTest } from '../helpers/db.js';
import { seedUsers, signIn, startApp } from '../helpers/http.js';

dbTest('a group renamed its categories during an open period: the API lists the period on the old list and applies the new one', async (db) => {
  const { unit } = await seedUsers(db);
  const app = await startApp(db);
  try {
    const [admin, reviewer, editor] = [await signIn(app, 'admin'), await signIn(app, 'reviewer'), await signIn(app, 'editor')];
    const groups = (await admin.request({ method: 'GET', url: '/api/groups' })).json() as { id: string; name: string; requiredCount: number }[];
    const group = groups.find((g) => g.name === unit.groupName)!;
    assert.equal((await reviewer.request({ method: 'POST', url: '/api/periods', payload: { id: '2024-03', deadline: '2999-01-01T00:00:00Z' } })).statusCode, 201);

    const names = Array.from({ length: group.requiredCount }, (_, i) => `Chuyên mục ${i + 1}`);
    assert.equal((await admin.request({ method: 'PUT', url: `/api/groups/${group.id}`, payload: { categories: names } })).statusCode, 200);
    const lists = await reviewer.request({ method: 'GET', url: `/api/groups/${group.id}/period-lists` });
    assert.equal(lists.statusCode, 200, lists.body);
    assert.deepEqual(
      (lists.json() as { period: string; canApply: boolean; periodCategories: string[]; groupCategories: string[] }[]).map((o) => [
        o.period,
        o.canApply,
        o.periodCategories.length,
        o.groupCategories.length,
      ]),
      [['2024-03', true, 0, group.requiredCount]],
    );
    assert.equal((await editor.request({ method: 'GET', url: `/api/groups/${group.id}/period-lists` })).statusCode, 403);
    assert.equal((await reviewer.request({ method: 'POST', url: `/api/groups/${group.id}/period-lists/2024-03`, payload: {} })).statusCode, 403);

    const applied = await admin.request({ method: 'POST', url: `/api/groups/${group.id}/period-lists/2024-03`, payload: {} });
    assert.equal(applied.statusCode, 200, applied.body);
    assert.deepEqual(applied.json().periodCategories, names);
    const form = await editor.request({ method: 'GET', url: `/api/periods/2024-03/units/${unit.id}/self-assessment` });
    assert.deepEqual((form.json() as { categories: { name: string }[] }).categories.map((c) => c.name), names);
    assert.deepEqual(form.json().evidenceUrls, []);
    // Applied already: nothing left to offer, and the closed list of a published month is never changed.
    assert.deepEqual((await admin.request({ method: 'GET', url: `/api/groups/${group.id}/period-lists` })).json(), []);
    assert.equal((await admin.request({ method: 'POST', url: `/api/groups/${group.id}/period-lists/2024-02`, payload: {} })).statusCode, 409);
  } finally {
    await app.close();
  }
});
