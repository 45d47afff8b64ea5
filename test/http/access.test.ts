import assert from 'node:assert/strict';
import { cliActor } from '../../src/services/audit.js';
import { createProvince } from '../../src/services/provinces.js';
import { createUser } from '../../src/services/users.js';
import { dbTest } from '../helpers/db.js';
import { type Client, PASSWORD, seedUsers, signIn, startApp } from '../helpers/http.js';

type Role = 'admin' | 'reviewer' | 'editor' | 'viewer';

dbTest('401 without a session, 403 outside one’s role or unit, from the API itself', async (db) => {
  const { unit, units } = await seedUsers(db);
  const other = units.find((u) => u.id !== unit.id)!;
  const app = await startApp(db);
  try {
    const clients = Object.fromEntries(
      await Promise.all((['admin', 'reviewer', 'editor', 'viewer'] as const).map(async (r) => [r, await signIn(app, r)] as const)),
    ) as Record<Role, Client>;
    const opened = await clients.reviewer.request({ method: 'POST', url: '/api/periods', payload: { id: '2024-03', deadline: '2999-12-31T00:00:00Z' } });
    assert.equal(opened.statusCode, 201);

    const own = `/api/periods/2024-03/units/${unit.id}/self-assessment`;
    const others = `/api/periods/2024-03/units/${other.id}/self-assessment`;
    const save = { categories: [], counts: { full: 19, partial: 0, none: 0 }, articles: 1, selfScore: 100, version: 1 };
    // [method, url, body, expected status for admin, reviewer, editor, viewer]; admin goes first, so
    // creations succeed once and are refused to the others before any conflict arises.
    const matrix: [string, string, unknown, number, number, number, number][] = [
      ['GET', '/api/periods/2024-02/ranking', undefined, 200, 200, 200, 200],
      ['GET', '/api/periods/2024-03/ranking', undefined, 200, 200, 403, 403],
      ['GET', '/api/periods/2024-03', undefined, 200, 200, 200, 403],
      ['GET', '/api/periods/2024-03/notice.xlsx', undefined, 200, 200, 403, 403],
      ['GET', own, undefined, 200, 200, 200, 403],
      ['GET', others, undefined, 200, 200, 403, 403],
      ['PUT', others, save, 200, 403, 403, 403],
      ['GET', `/api/periods/2024-02/units/${other.id}/self-assessment`, undefined, 200, 200, 200, 200],
      ['GET', '/api/periods/2024-03/evaluations', undefined, 200, 200, 403, 403],
      ['GET', '/api/periods/2024-02/evaluations', undefined, 200, 200, 200, 200],
      ['PUT', `/api/periods/2024-03/units/${unit.id}/deductions`, { deductions: [], version: 1 }, 409, 409, 403, 403],
      ['GET', '/api/users', undefined, 200, 403, 403, 403],
      ['GET', '/api/audit', undefined, 200, 403, 403, 403],
      ['POST', '/api/units', { name: 'Sở Mới', groupId: unit.groupId }, 201, 403, 403, 403],
      ['POST', '/api/groups', { name: 'Nhóm mới', requiredCount: 5 }, 201, 403, 403, 403],
      ['GET', `/api/units/${other.id}/history`, undefined, 200, 200, 200, 200],
    ];
    for (const [method, url, payload, ...expected] of matrix) {
      for (const [i, role] of (['admin', 'reviewer', 'editor', 'viewer'] as const).entries()) {
        const response = await clients[role].request({ method: method as 'GET', url, ...(payload !== undefined ? { payload: payload as object } : {}) });
        const wanted = expected[i]!;
        assert.equal(response.statusCode, wanted, `${role} ${method} ${url}: ${response.body}`);
        if (wanted === 403) assert.equal(response.json().error.code, 'forbidden');
      }
      const anonymous = await app.inject({ method: method as 'GET', url, ...(payload !== undefined ? { payload: payload as object } : {}) });
      assert.equal(anonymous.statusCode, 401, `anonymous ${method} ${url}`);
      assert.equal(anonymous.json().error.code, 'unauthenticated');
    }
    // The unit editor's history of another unit shows only published months.
    const history = (await clients.editor.request({ method: 'GET', url: `/api/units/${other.id}/history` })).json() as { period: string }[];
    assert.deepEqual(history.map((h) => h.period), ['2024-02']);
    const ownHistory = (await clients.editor.request({ method: 'GET', url: `/api/units/${unit.id}/history` })).json() as { period: string }[];
    assert.deepEqual(ownHistory.map((h) => h.period), ['2024-02', '2024-03']);
  } finally {
    await app.close();
  }
});

dbTest('state-changing requests need the CSRF token of the session', async (db) => {
  await seedUsers(db);
  const app = await startApp(db);
  try {
    const reviewer = await signIn(app, 'reviewer');
    const admin = await signIn(app, 'admin');
    const open = (client: Client, headers: Record<string, string>, csrf: boolean) =>
      client.request({ method: 'POST', url: '/api/periods', payload: { id: '2024-04' }, headers, csrf });
    assert.equal((await open(reviewer, {}, false)).statusCode, 403);
    // Another session's token does not do either.
    assert.equal((await open(reviewer, { 'x-csrf-token': admin.csrf }, false)).statusCode, 403);
    assert.equal((await open(reviewer, {}, true)).statusCode, 201);
  } finally {
    await app.close();
  }
});

dbTest('a user of one province never reads another province’s data', async (db) => {
  const { unit } = await seedUsers(db);
  await createProvince(db.db, { id: 'ha-noi', name: 'Hà Nội' });
  await createUser(db.db, cliActor('ha-noi'), { username: 'hn-admin', password: PASSWORD, role: 'admin' });
  const app = await startApp(db);
  try {
    const hanoi = await signIn(app, 'hn-admin');
    assert.deepEqual((await hanoi.request({ method: 'GET', url: '/api/periods' })).json(), []);
    assert.deepEqual((await hanoi.request({ method: 'GET', url: '/api/units' })).json(), []);
    for (const url of [
      '/api/periods/2024-02/ranking',
      '/api/periods/2024-02/notice.docx',
      `/api/periods/2024-02/units/${unit.id}/self-assessment`,
      `/api/units/${unit.id}/history`,
    ]) {
      assert.equal((await hanoi.request({ method: 'GET', url })).statusCode, 404, url);
    }
    assert.equal((await hanoi.request({ method: 'PUT', url: `/api/units/${unit.id}`, payload: { position: 1 } })).statusCode, 404);
    // Its audit log holds only its own first admin's creation.
    const audit = (await hanoi.request({ method: 'GET', url: '/api/audit' })).json() as { entries: { entity: string; after: { username: string } }[] };
    assert.deepEqual(audit.entries.map((e) => [e.entity, e.after.username]), [['user', 'hn-admin']]);
    const users = (await hanoi.request({ method: 'GET', url: '/api/users' })).json() as { username: string }[];
    assert.deepEqual(users.map((u) => u.username), ['hn-admin']);
  } finally {
    await app.close();
  }
});
