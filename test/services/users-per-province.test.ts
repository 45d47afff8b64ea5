/**
 * Usernames are unique within a province, not across provinces: an administrator learns nothing
 * about another province's usernames, and each province's account of a name signs in with its own
 * password. The migration keeps existing users and their sessions.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { openDatabase } from '../../src/db/connection.js';
import { migrations } from '../../src/db/migrations/index.js';
import { AppError } from '../../src/errors.js';
import { login } from '../../src/services/auth.js';
import { cliActor } from '../../src/services/audit.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { createUser } from '../../src/services/users.js';
import { dbTest } from '../helpers/db.js';

const outcome = (promise: Promise<{ user: { provinceId: string } }>) =>
  promise.then(
    (r) => `signed in to ${r.user.provinceId}`,
    (error: unknown) => (error instanceof AppError ? `${error.status} ${error.message}` : `unexpected ${String(error)}`),
  );

dbTest('one username in two provinces: both created, each signs in with its own password; twice in one province is refused', async (db) => {
  const [bacNinh, haNam] = [await resolveProvince(db.db, 'bac-ninh'), await resolveProvince(db.db, 'ha-nam')];
  await createUser(db.db, cliActor(bacNinh.id), { username: 'thu-ky', password: 'mat-khau-bac-ninh', role: 'reviewer' });
  await createUser(db.db, cliActor(haNam.id), { username: 'Thu-Ky', password: 'mat-khau-ha-nam', role: 'reviewer' });
  const again = await createUser(db.db, cliActor(haNam.id), { username: 'thu-ky', password: 'mat-khau-khac', role: 'viewer' }).then(
    () => 'created',
    (error: unknown) => (error instanceof AppError ? `${error.status} ${error.code}` : String(error)),
  );
  assert.equal(again, '409 conflict');

  assert.equal(await outcome(login(db.db, 'thu-ky', 'mat-khau-bac-ninh')), 'signed in to bac-ninh');
  assert.equal(await outcome(login(db.db, 'THU-KY', 'mat-khau-ha-nam')), 'signed in to ha-nam');
  assert.equal(await outcome(login(db.db, 'thu-ky', 'sai-mat-khau')), '401 Tên đăng nhập hoặc mật khẩu không đúng.');

  // The same name and the same password in two provinces: which account is meant cannot be told.
  await createUser(db.db, cliActor(bacNinh.id), { username: 'xem', password: 'cung-mat-khau', role: 'viewer' });
  await createUser(db.db, cliActor(haNam.id), { username: 'xem', password: 'cung-mat-khau', role: 'viewer' });
  assert.match(await outcome(login(db.db, 'xem', 'cung-mat-khau')), /^401 .*nhiều tỉnh/);
});

test('the migration keeps the users and sessions of an existing SQLite database', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ps-usernames-'));
  const file = join(dir, 'old.sqlite');
  try {
    const names = Object.keys(migrations).sort();
    const before = names[names.indexOf('20261205T0030_usernames_per_province') - 1]!;
    const raw = new SQLite(file);
    raw.pragma('foreign_keys = ON');
    const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
    const { error } = await new Migrator({ db: old, provider: { getMigrations: async () => migrations } }).migrateTo(before);
    assert.equal(error, undefined);
    await sql`insert into provinces (id, name, settings, created_at) values ('bac-ninh', 'Bắc Ninh', '{}', '2024-01-01')`.execute(old);
    await sql`insert into users (id, province_id, username, username_key, display_name, password_hash, role, active, created_at, updated_at)
      values ('u1', 'bac-ninh', 'thu-ky', 'thu-ky', 'Thư ký', 'x', 'reviewer', 1, '2024-01-01', '2024-01-01')`.execute(old);
    await sql`insert into sessions (id, user_id, csrf_token, created_at, expires_at) values ('s1', 'u1', 'c', '2024-01-01', '2099-01-01')`.execute(old);
    await old.destroy();

    const handle = await openDatabase(file);
    try {
      const sessions = await sql<{ n: number }>`select count(*) as n from sessions`.execute(handle.db);
      assert.equal(Number(sessions.rows[0]!.n), 1);
      const users = await sql<{ username: string }>`select username from users`.execute(handle.db);
      assert.deepEqual(users.rows.map((r) => r.username), ['thu-ky']);
      const problems = await sql`pragma foreign_key_check`.execute(handle.db);
      assert.deepEqual(problems.rows, []);
    } finally {
      await handle.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
