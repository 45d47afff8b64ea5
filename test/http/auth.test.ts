import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/connection.js';
import { AppError } from '../../src/errors.js';
import { cliActor } from '../../src/services/audit.js';
import { createUser } from '../../src/services/users.js';
import { dbTest, PG_URL } from '../helpers/db.js';
import { PASSWORD, seedUsers, signIn, startApp } from '../helpers/http.js';

dbTest('login sets the session and CSRF cookies; me and logout', async (db) => {
  await seedUsers(db);
  const app = await startApp(db);
  try {
    assert.equal((await app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode, 401);
    const bad = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'editor', password: 'sai-mat-khau' } });
    assert.equal(bad.statusCode, 401);
    assert.equal(bad.json().error.code, 'unauthenticated');

    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'EDITOR', password: PASSWORD } });
    assert.equal(login.statusCode, 200);
    const session = login.cookies.find((c) => c.name === 'ps_session')!;
    const csrf = login.cookies.find((c) => c.name === 'ps_csrf')!;
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');
    assert.notEqual(csrf.httpOnly, true);
    const body = login.json();
    assert.equal(body.csrfToken, csrf.value);
    assert.deepEqual(
      { role: body.user.role, unitName: body.user.unitName, provinceId: body.user.provinceId, provinceName: body.user.provinceName },
      { role: 'unit-editor', unitName: 'Sở Y tế', provinceId: 'bac-ninh', provinceName: 'Bắc Ninh' },
    );

    const client = await signIn(app, 'editor');
    const me = await client.request({ method: 'GET', url: '/api/auth/me' });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().user.username, 'editor');
    assert.equal(me.json().csrfToken, client.csrf);

    // Logout is state-changing: without the CSRF header it is refused, with it the session ends.
    assert.equal((await client.request({ method: 'POST', url: '/api/auth/logout', csrf: false })).statusCode, 403);
    assert.equal((await client.request({ method: 'POST', url: '/api/auth/logout' })).statusCode, 200);
    assert.equal((await client.request({ method: 'GET', url: '/api/auth/me' })).statusCode, 401);
  } finally {
    await app.close();
  }
});

dbTest('login attempts are rate-limited per address and username (429), in the database', async (db) => {
  await seedUsers(db);
  const app = await startApp(db, { rateLimit: { max: 3, timeWindowMs: 60_000 } });
  const other = await startApp(db, { rateLimit: { max: 3, timeWindowMs: 60_000 } });
  try {
    const attempt = (instance: typeof app, username: string) =>
      instance.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'sai-mat-khau' } });
    assert.equal((await attempt(app, 'viewer')).statusCode, 401);
    assert.equal((await attempt(other, 'viewer')).statusCode, 401);
    assert.equal((await attempt(app, 'viewer')).statusCode, 401);
    // The fourth attempt, on another instance sharing the database, is refused.
    const refused = await attempt(other, 'viewer');
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().error.code, 'rate_limited');
    assert.ok(Number(refused.headers['retry-after']) > 0);
    // A forged X-Forwarded-For does not make a new client (no proxy is trusted by default).
    const forged = await other.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'viewer', password: 'sai-mat-khau' },
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    assert.equal(forged.statusCode, 429);
    // Another account from the same address is not locked out.
    assert.equal((await attempt(app, 'admin')).statusCode, 401);
  } finally {
    await app.close();
    await other.close();
  }
});

dbTest('OpenAPI document and explorer are served; unknown API paths answer 404 in the error shape', async (db) => {
  const app = await startApp(db);
  try {
    const doc = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(doc.statusCode, 200);
    const paths = Object.keys(doc.json().paths);
    assert.ok(paths.includes('/api/auth/login'));
    const explorer = await app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(explorer.statusCode, 200);
    assert.match(explorer.headers['content-type'] as string, /html/);
    const missing = await app.inject({ method: 'GET', url: '/api/khong-co' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'not_found');
  } finally {
    await app.close();
  }
});

dbTest('users: short passwords, unknown roles, editors without a unit and duplicate names are refused', async (db) => {
  const { province } = await seedUsers(db);
  const actor = cliActor(province.id);
  const refused = async (input: Parameters<typeof createUser>[2], code: string) =>
    assert.rejects(createUser(db.db, actor, input), (e: unknown) => e instanceof AppError && e.code === code);
  await refused({ username: 'ngan', password: 'ngan', role: 'viewer' }, 'validation');
  await refused({ username: 'chief', password: 'mat-khau-dai', role: 'chief' }, 'validation');
  await refused({ username: 'no-unit', password: 'mat-khau-dai', role: 'unit-editor' }, 'validation');
  await refused({ username: 'Viewer', password: 'mat-khau-dai', role: 'viewer' }, 'conflict');
  const stored = await db.db.selectFrom('users').select('password_hash').where('username', '=', 'viewer').executeTakeFirstOrThrow();
  assert.match(stored.password_hash, /^scrypt\$16384\$8\$1\$/);
  assert.ok(!stored.password_hash.includes(PASSWORD));
});

dbTest('the front end is served with its single-page fallback; unknown errors answer a generic 500 and are logged', async (db) => {
  const webRoot = mkdtempSync(join(tmpdir(), 'ps-web-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Chấm điểm</title>');
  const logged: string[] = [];
  const stream = { write: (line: string) => void logged.push(line) };
  // A second handle on the same database, closed below to make every query fail unexpectedly.
  const handle = await openDatabase(db.kind === 'sqlite' ? db.url : PG_URL, db.kind === 'postgres' ? { pgSchema: pgSchemaOf(db.url) } : {});
  const app = await startApp({ ...db, ...handle }, { webRoot, logger: { level: 'error', stream } });
  try {
    for (const url of ['/', '/periods/2024-02/ranking']) {
      const page = await app.inject({ method: 'GET', url });
      assert.equal(page.statusCode, 200, url);
      assert.match(page.body, /Chấm điểm/);
    }
    assert.equal((await app.inject({ method: 'GET', url: '/api/periods-khong-co' })).json().error.code, 'not_found');
    assert.equal((await app.inject({ method: 'GET', url: '/assets/da-xoa.js' })).statusCode, 404);
    // A file added after start (a rebuilt bundle) is served at once.
    writeFileSync(join(webRoot, 'moi.js'), 'export {};');
    assert.equal((await app.inject({ method: 'GET', url: '/moi.js' })).statusCode, 200);

    await handle.close();
    const failed = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'ps_session=abc' } });
    assert.equal(failed.statusCode, 500);
    assert.deepEqual(Object.keys(failed.json().error), ['code', 'message']);
    assert.equal(failed.json().error.code, 'internal');
    assert.ok(logged.some((line) => JSON.parse(line).msg === 'unhandled error'));
  } finally {
    await app.close();
    rmSync(webRoot, { recursive: true, force: true });
  }
});

function pgSchemaOf(url: string): string {
  return /search_path%3D([a-z0-9_]+)/.exec(url)?.[1] ?? '';
}
