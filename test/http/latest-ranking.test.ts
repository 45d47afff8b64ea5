import assert from 'node:assert/strict';
import { cliActor } from '../../src/services/audit.js';
import { createProvince } from '../../src/services/provinces.js';
import { createUser } from '../../src/services/users.js';
import { dbTest } from '../helpers/db.js';
import { PASSWORD, seedUsers, signIn, startApp } from '../helpers/http.js';

dbTest('the latest ranking in one request: the published month before an open one, for every role; none yet is a 404', async (db) => {
  await seedUsers(db);
  await createProvince(db.db, { id: 'ha-noi', name: 'Hà Nội' });
  await createUser(db.db, cliActor('ha-noi'), { username: 'hn-viewer', password: PASSWORD, role: 'viewer' });
  const app = await startApp(db);
  try {
    const reviewer = await signIn(app, 'reviewer');
    const opened = await reviewer.request({ method: 'POST', url: '/api/periods', payload: { id: '2024-03' } });
    assert.equal(opened.statusCode, 201, opened.body);
    const published = (await reviewer.request({ method: 'GET', url: '/api/periods/2024-02/ranking' })).json() as unknown;

    for (const username of ['admin', 'reviewer', 'editor', 'viewer']) {
      const client = await signIn(app, username);
      const latest = await client.request({ method: 'GET', url: '/api/ranking/latest' });
      assert.equal(latest.statusCode, 200, `${username}: ${latest.body}`);
      assert.deepEqual(latest.json(), published, username);
    }

    const empty = await (await signIn(app, 'hn-viewer')).request({ method: 'GET', url: '/api/ranking/latest' });
    assert.equal(empty.statusCode, 404, empty.body);
    assert.equal((await app.inject({ method: 'GET', url: '/api/ranking/latest' })).statusCode, 401);
  } finally {
    await app.close();
  }
});
