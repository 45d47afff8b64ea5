/**
 * The demonstration never touches real data: with any province it did not
 * create itself in the database, it adds no account, province or month.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { cliActor } from '../../src/services/audit.js';
import { loadDemo } from '../../src/services/demo.js';
import { ensureDemoUsers, startDemo } from '../../src/services/demo-users.js';
import { createProvince, listProvinces } from '../../src/services/provinces.js';
import { createUser } from '../../src/services/users.js';
import { dbTest, type TestDatabase } from '../helpers/db.js';

async function counts(db: TestDatabase) {
  const count = async (table: 'users' | 'periods' | 'provinces' | 'evaluations' | 'units') =>
    Number((await db.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { users: await count('users'), periods: await count('periods'), provinces: await count('provinces'), evaluations: await count('evaluations'), units: await count('units') };
}

dbTest('the demo refuses a database holding a real province, even one with the demo province’s id', async (db) => {
  for (const [id, name] of [['ha-nam', 'Hà Nam'], ['bac-ninh', 'Bắc Ninh']] as const) {
    await createProvince(db.db, { id, name });
    await createUser(db.db, cliActor(id), { username: `qt-${id}`, password: 'mat-khau-that', role: 'admin' });
    const before = await counts(db);
    await assert.rejects(startDemo(db.db), (error: unknown) => {
      assert.match((error as Error).message, /đã có dữ liệu thật \(tỉnh Hà Nam.*không tạo tài khoản thử/);
      assert.equal((error as { status: number }).status, 409);
      return true;
    });
    await assert.rejects(loadDemo(db.db), /đã có dữ liệu thật/);
    await assert.rejects(ensureDemoUsers(db.db, id), /đã có dữ liệu thật/);
    assert.deepEqual(await counts(db), before);
  }
});

dbTest('in an empty database the demo loads once, and again finds its own province', async (db) => {
  const first = await startDemo(db.db);
  assert.deepEqual(first.loaded, ['2024-02']);
  assert.deepEqual(first.accounts.map((a) => a.username), ['admin', 'reviewer', 'editor', 'viewer']);
  const after = await counts(db);
  const second = await startDemo(db.db);
  assert.deepEqual(second.loaded, []);
  assert.deepEqual(await counts(db), after);
  assert.deepEqual((await listProvinces(db.db)).map((p) => p.id), ['bac-ninh']);
  // A real province added later closes the door for the demo again.
  await createProvince(db.db, { id: 'ha-nam', name: 'Hà Nam' });
  await assert.rejects(startDemo(db.db), /đã có dữ liệu thật \(tỉnh Hà Nam\)/);
});

test('defaults: listen on loopback, the demo in its own file, DATABASE_URL named only when set', () => {
  const config = loadConfig({});
  assert.equal(config.HOST, '127.0.0.1');
  assert.equal(config.DEMO_DATABASE_URL, './data/demo.sqlite');
  assert.equal(config.DATABASE_URL, './data/portal-scorecard.sqlite');
  assert.equal(config.databaseNamed, false);
  assert.equal(loadConfig({ DATABASE_URL: '' }).databaseNamed, false);
  assert.equal(loadConfig({ DATABASE_URL: 'x.sqlite', HOST: '0.0.0.0' }).databaseNamed, true);
});
