import assert from 'node:assert/strict';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { openDatabase } from '../../src/db/connection.js';
import { dbTest } from '../helpers/db.js';
import { type Client, seedUsers, signIn, startApp } from '../helpers/http.js';

/** The same browser (cookie and CSRF token) talking to another app instance. */
function through(app: FastifyInstance, client: Client) {
  return (options: InjectOptions) =>
    app.inject({ ...options, headers: { ...(options.headers ?? {}), cookie: client.cookie, 'x-csrf-token': client.csrf } } as InjectOptions);
}

type Assessment = { version: number; articles: number; required: number };

dbTest('a session ended on one instance is refused at once by another that remembers it (ranking and saves)', async (db) => {
  const { unit } = await seedUsers(db);
  // The second instance has its own connection to the same database file or schema.
  const other = await openDatabase(db.url);
  const one = await startApp(db);
  const two = await startApp(db, { db: other });
  try {
    const admin = await signIn(one, 'admin');
    const reviewer = await signIn(one, 'reviewer');
    assert.equal((await reviewer.request({ method: 'POST', url: '/api/periods', payload: { id: '2024-03', deadline: '2999-01-01T00:00:00Z' } })).statusCode, 201);

    // The viewer signed in on one; two reads its session in full once, then from memory.
    const viewer = await signIn(one, 'viewer');
    const viewerOnTwo = through(two, viewer);
    const ranking = { method: 'GET', url: '/api/periods/2024-02/ranking' } as const;
    const first = await viewerOnTwo(ranking);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal((await viewerOnTwo(ranking)).body, first.body);
    // An unknown period: 404 to a live session.
    assert.equal((await viewerOnTwo({ method: 'GET', url: '/api/periods/2031-01/ranking' })).statusCode, 404);

    // Logout on one: two refuses the very next request, well within its memory's lifetime.
    assert.equal((await viewer.request({ method: 'POST', url: '/api/auth/logout' })).statusCode, 200);
    assert.equal((await viewerOnTwo(ranking)).statusCode, 401);
    assert.equal((await viewerOnTwo({ method: 'GET', url: '/api/periods/2031-01/ranking' })).statusCode, 401, 'an ended session learns nothing, not even 404');
    assert.equal((await viewerOnTwo({ method: 'GET', url: '/api/auth/me' })).statusCode, 401);

    // The unit editor saves through two (which then remembers the session) ...
    const editor = await signIn(one, 'editor');
    const editorOnTwo = through(two, editor);
    const path = `/api/periods/2024-03/units/${unit.id}/self-assessment`;
    const draft = (await editorOnTwo({ method: 'GET', url: path })).json() as Assessment;
    const save = (version: number, articles: number) =>
      editorOnTwo({ method: 'PUT', url: path, payload: { counts: { full: draft.required, partial: 0, none: 0 }, articles, selfScore: 90, version } });
    const saved = await save(draft.version, 5);
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal((saved.json() as Assessment).version, draft.version + 1);
    const again = await save(draft.version + 1, 6);
    assert.equal(again.statusCode, 200, again.body);

    // ... an administrator on one changes the editor's name: the session stays good, and two reads
    // the edited user again instead of refusing it.
    const users = (await admin.request({ method: 'GET', url: '/api/users' })).json() as { id: string; username: string }[];
    const editorId = users.find((u) => u.username === 'editor')!.id;
    assert.equal((await admin.request({ method: 'PUT', url: `/api/users/${editorId}`, payload: { displayName: 'Nguyễn Văn Sửa' } })).statusCode, 200);
    const renamed = await save(draft.version + 2, 7);
    assert.equal(renamed.statusCode, 200, renamed.body);

    // ... then changes the editor's password: two refuses the next save at once and writes nothing.
    assert.equal((await admin.request({ method: 'PUT', url: `/api/users/${editorId}`, payload: { password: 'mat-khau-moi-2' } })).statusCode, 200);
    const refused = await save(draft.version + 3, 8);
    assert.equal(refused.statusCode, 401, refused.body);
    const stored = (await reviewer.request({ method: 'GET', url: '/api/periods/2024-03/evaluations' })).json() as ({ unitId: string } & Assessment)[];
    const mine = stored.find((e) => e.unitId === unit.id)!;
    assert.deepEqual([mine.version, mine.articles], [draft.version + 3, 7]);

    // A deactivated reviewer, remembered by two, is refused there at once too.
    const reviewerOnTwo = through(two, reviewer);
    assert.equal((await reviewerOnTwo(ranking)).statusCode, 200);
    const reviewerId = users.find((u) => u.username === 'reviewer')!.id;
    assert.equal((await admin.request({ method: 'PUT', url: `/api/users/${reviewerId}`, payload: { active: false } })).statusCode, 200);
    assert.equal((await reviewerOnTwo(ranking)).statusCode, 401);
  } finally {
    await one.close();
    await two.close();
    await other.close();
  }
});
