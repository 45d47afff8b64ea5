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
      [a, b].map((c) => c.request({ method: 'POST', url: '/api/periods/2024-03/publish', payload: { date: '2024-03-27', notReported: 'apply-rule' } })),
    );
    assert.deepEqual(published.map((r) => r.statusCode).sort(), [200, 409]);
    const revisions = (await a.request({ method: 'GET', url: '/api/periods/2024-03/revisions' })).json() as unknown[];
    assert.equal(revisions.length, 1);
  } finally {
    await one.close();
    await two.close();
  }
});

dbTest('an editor’s save sent with the reviewer’s "start review" on another instance: saved first or 409, never both after', async (db) => {
  const { unit } = await seedUsers(db);
  const one = await startApp(db);
  const two = await startApp(db);
  try {
    const [reviewer, editor, admin] = [await signIn(one, 'reviewer'), await signIn(two, 'editor'), await signIn(one, 'admin')];
    const outcomes: string[] = [];
    for (const period of ['2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08']) {
      const opened = await reviewer.request({ method: 'POST', url: '/api/periods', payload: { id: period, deadline: '2999-01-01T00:00:00Z' } });
      assert.equal(opened.statusCode, 201, opened.body);
      const path = `/api/periods/${period}/units/${unit.id}/self-assessment`;
      const draft = (await editor.request({ method: 'GET', url: path })).json() as { required: number; version: number };
      const payload = { counts: { full: draft.required, partial: 0, none: 0 }, articles: 7, selfScore: 100, version: draft.version };
      const [saved, review] = await Promise.all([
        editor.request({ method: 'PUT', url: path, payload }),
        reviewer.request({ method: 'POST', url: `/api/periods/${period}/review` }),
      ]);
      assert.equal(review.statusCode, 200, review.body);
      const stored = (await reviewer.request({ method: 'GET', url: path })).json() as { articles: number; version: number };
      if (saved.statusCode === 200) {
        assert.deepEqual([stored.articles, stored.version], [7, draft.version + 1], period);
        // The save committed before the review began: its audit entry is not the later one.
        const entries = (await admin.request({ method: 'GET', url: `/api/audit?periodId=${period}&limit=50` })).json().entries as { action: string; at: string }[];
        const at = (action: string) => entries.find((e) => e.action === action)!.at;
        assert.ok(at('save') <= at('review'), `${period}: saved at ${at('save')}, after the review started at ${at('review')}`);
        outcomes.push('saved first');
      } else {
        assert.equal(saved.statusCode, 409, saved.body);
        assert.deepEqual([stored.articles, stored.version], [0, draft.version], period);
        outcomes.push('409');
      }
    }
    assert.equal(outcomes.length, 6);
  } finally {
    await one.close();
    await two.close();
  }
});
