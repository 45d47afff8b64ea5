import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openDatabase } from '../../src/db/connection.js';
import { login } from '../../src/services/auth.js';
import { SEED_CSV_PATH } from '../helpers/seed.js';

const BIN = new URL('../../bin/portal-scorecard', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ps-serve-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('user add creates a user who can sign in; a unit editor needs a known unit', async () => {
  const db = join(dir, 'users.sqlite');
  const env = { ...process.env, DATABASE_URL: '' };
  const run = (args: string[]) => spawnSync(BIN, ['--db', db, '--province', 'bac-ninh', ...args], { encoding: 'utf8', env });
  assert.equal(run(['demo']).status, 0);
  const added = run(['user', 'add', '--username', 'syt', '--password', 'mat-khau-syt', '--role', 'unit-editor', '--unit', 'sở  y tế']);
  assert.equal(added.status, 0, added.stderr);
  assert.match(added.stderr, /syt \(unit-editor, Sở Y tế\)/);
  const unknown = run(['user', 'add', '--username', 'x1', '--password', 'mat-khau-x1', '--role', 'unit-editor', '--unit', 'Sở Không Có']);
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /Không tìm thấy đơn vị/);

  const handle = await openDatabase(db);
  try {
    const session = await login(handle.db, 'syt', 'mat-khau-syt');
    assert.deepEqual([session.user.role, session.user.unitName], ['unit-editor', 'Sở Y tế']);
  } finally {
    await handle.close();
  }
});

test('serve --demo keeps to its own database, loads the seed month, prints the demo accounts and answers on PORT', async () => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  // Neither --db nor DATABASE_URL nor HOST: the demo's own file under the working directory, on loopback.
  const child = spawn(BIN, ['serve', '--demo', '--no-build'], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: '', HOST: '', PORT: String(port), LOG_LEVEL: 'warn' },
  });
  let stderr = '';
  try {
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes(`http://localhost:${port}`)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    for (const role of ['admin', 'reviewer', 'unit-editor', 'viewer']) assert.match(stderr, new RegExp(`${role}\\s+\\S+\\s+mật khẩu: demo-`));
    const signIn = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'viewer', password: 'demo-viewer' }),
    });
    assert.equal(signIn.status, 200);
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const periods = (await (await fetch(`http://127.0.0.1:${port}/api/periods`, { headers: { cookie } })).json()) as { id: string; status: string }[];
    assert.deepEqual(periods.map((p) => [p.id, p.status]), [['2024-02', 'published']]);
    assert.ok(existsSync(join(dir, 'data', 'demo.sqlite')));
    assert.ok(!existsSync(join(dir, 'data', 'portal-scorecard.sqlite')));
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

test('serve --demo and demo on a database that holds a province refuse and change nothing', async () => {
  const db = join(dir, 'real.sqlite');
  const env = { ...process.env, DATABASE_URL: '', HOST: '', LOG_LEVEL: 'warn' };
  const imported = spawnSync(BIN, ['--db', db, 'import', SEED_CSV_PATH, '--period', '2024-02'], { encoding: 'utf8', env });
  assert.equal(imported.status, 0, imported.stderr);
  const snapshot = async () => {
    const handle = await openDatabase(db);
    try {
      const count = async (table: 'users' | 'periods' | 'provinces' | 'evaluations') =>
        Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      return { users: await count('users'), periods: await count('periods'), provinces: await count('provinces'), evaluations: await count('evaluations') };
    } finally {
      await handle.close();
    }
  };
  const before = await snapshot();
  for (const args of [['serve', '--demo', '--no-build', '--port', '0'], ['demo']]) {
    const refused = spawnSync(BIN, ['--db', db, ...args], { encoding: 'utf8', env, timeout: 120_000 });
    assert.equal(refused.status, 1, `${args.join(' ')}: ${refused.stderr}`);
    assert.match(refused.stderr, /đã có dữ liệu thật.*không tạo tài khoản thử/s);
    assert.doesNotMatch(refused.stderr, /mật khẩu: demo-/);
  }
  assert.deepEqual(await snapshot(), before);
});
