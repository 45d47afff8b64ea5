/**
 * Every write from the command line leaves an audit entry naming who acted (the operating-system
 * account, or the user given with --as), and the web's writes theirs; GET /api/audit shows both:
 * import, import-notice (and the publication it makes), settings, sources, a unit's rename, users,
 * publish, and a sources save from the web.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { AuditPage } from '../../src/contract/audit.js';
import { dbTest, type TestDatabase } from '../helpers/db.js';
import { signIn, startApp } from '../helpers/http.js';
import { SEED_CSV_PATH, SEED_TEXT_PATH } from '../helpers/seed.js';

const BIN = new URL('../../bin/portal-scorecard', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ps-cli-audit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (db: TestDatabase, args: string[]) =>
  spawnSync(BIN, ['--db', db.url, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });

dbTest('CLI and web writes are audited with their actor and listed by GET /api/audit', async (db) => {
  const cli = (args: string[]) => {
    const result = run(db, args);
    assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
  };
  const osUser = userInfo().username;
  cli(['import-notice', SEED_TEXT_PATH]);
  cli(['user', 'add', '--username', 'quantri', '--password', 'mat-khau-thu', '--role', 'admin']);
  cli(['user', 'add', '--username', 'thuky', '--password', 'mat-khau-thu', '--role', 'reviewer', '--display-name', 'Thư ký']);
  cli(['--as', 'thuky', 'import', SEED_CSV_PATH, '--period', '2024-03']);
  cli(['settings', 'set', 'signer.name', 'Nguyễn Văn A']);
  const sources = join(dir, `sources-${db.kind}.json`);
  const source = { name: 'Tin tức', min: 1, source: { type: 'rss', url: 'https://sotc.example.vn/rss' } };
  writeFileSync(sources, JSON.stringify({ units: [{ name: 'Sở Tài chính', portal: 'https://sotc.example.vn', categories: [source] }] }));
  cli(['--as', 'thuky', 'sources', 'import', sources]);
  cli(['unit', 'rename', 'Sở Công thương', 'Sở Công Thương', '--from', '2024-03-01']);
  cli(['--as', 'thuky', 'publish', '--period', '2024-03', '--number', '03/BBT-CTTĐT', '--date', '2024-03-27']);

  // A user the province does not have is refused, and nothing is written for it.
  const stranger = run(db, ['--as', 'nguoi-la', 'settings', 'set', 'place', 'Hà Nội']);
  assert.equal(stranger.status, 1);
  assert.match(stranger.stderr, /người dùng "nguoi-la"/);
  // A reviewer acting through --as has a reviewer's rights, not the machine's.
  const refused = run(db, ['--as', 'thuky', 'settings', 'set', 'place', 'Hà Nội']);
  assert.equal(refused.status, 1);

  const app = await startApp(db);
  try {
    const admin = await signIn(app, 'quantri');
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/sources',
      payload: { units: [{ name: 'Sở Tài chính', portal: 'https://sotc.example.vn', categories: [{ ...source, min: 2 }] }] },
    });
    assert.equal(saved.statusCode, 200, saved.body);

    const page = (await admin.request({ method: 'GET', url: '/api/audit?limit=100' })).json() as AuditPage;
    const who = (entity: string, action: string) =>
      page.entries.filter((e) => e.entity === entity && e.action === action).map((e) => [e.username, e.userId !== null]);
    assert.deepEqual(who('period', 'import-notice'), [[osUser, false]]);
    assert.deepEqual(who('period', 'import'), [['thuky', true]]);
    assert.deepEqual(who('settings', 'update'), [[osUser, false]]);
    assert.deepEqual(who('unit', 'rename'), [[osUser, false]]);
    assert.deepEqual(who('sources', 'import'), [['quantri', true], ['thuky', true]]);
    assert.equal(who('user', 'create').length, 2);

    const rename = page.entries.find((e) => e.entity === 'unit' && e.action === 'rename')!;
    // In the board's words: who (the command line named), when in Vietnam time, the unit by name, the field before → after.
    assert.equal(rename.actor, `${osUser} (dòng lệnh)`);
    assert.equal(rename.actionLabel, 'Đổi tên');
    assert.equal(rename.entityLabel, 'Đơn vị');
    assert.equal(rename.subject, 'Sở Công Thương');
    assert.match(rename.atText, /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    assert.ok(rename.changes.some((c) => c.field === 'Tên' && c.before === 'Sở Công thương' && c.after === 'Sở Công Thương'), JSON.stringify(rename.changes));
    const ofUnit = (await admin.request({ method: 'GET', url: `/api/audit?unitId=${rename.entityId}` })).json() as AuditPage;
    assert.deepEqual(ofUnit.entries.map((e) => e.action), ['rename']);
    const ofMarch = (await admin.request({ method: 'GET', url: '/api/audit?periodId=2024-03' })).json() as AuditPage;
    assert.deepEqual(ofMarch.entries.map((e) => [e.action, e.actor, e.subject]), [
      ['publish', 'Thư ký', 'Kỳ 03/2024'],
      ['import', 'Thư ký', 'Kỳ 03/2024'],
    ]);
    assert.equal((rename.before as { name: string }).name, 'Sở Công thương');
    assert.equal((rename.after as { name: string }).name, 'Sở Công Thương');
    const settings = page.entries.find((e) => e.entity === 'settings')!;
    assert.equal((settings.after as { settings: { signer: { name: string } } }).settings.signer.name, 'Nguyễn Văn A');
    // The web's save names the one unit whose sources changed, before and after.
    const web = page.entries.find((e) => e.entity === 'sources' && e.username === 'quantri')!;
    assert.deepEqual(Object.keys(web.before as object), ['Sở Tài chính']);
    assert.match(JSON.stringify(web.before), /tối thiểu 1/);
    assert.match(JSON.stringify(web.after), /tối thiểu 2/);
    // The import's entry carries each unit's figures, before (none: a new period) and after.
    const imported = page.entries.find((e) => e.entity === 'period' && e.action === 'import')!;
    assert.deepEqual(imported.before, { units: {} });
    assert.match((imported.after as { units: Record<string, string> }).units['Thanh tra tỉnh']!, /^19\/0\/0 trên 19 chuyên mục, 160 tin bài, tự chấm 100/);

    // Publications from the command line: `publish` as the reviewer, and the one an imported notice made.
    const periods = (await admin.request({ method: 'GET', url: '/api/audit?entity=period&limit=100' })).json() as AuditPage;
    const publications = periods.entries.filter((e) => e.action === 'publish');
    assert.deepEqual(
      publications.map((e) => [e.subject, e.username, e.userId !== null, e.actionLabel]),
      [
        ['Kỳ 03/2024', 'thuky', true, 'Công bố'],
        ['Kỳ 02/2024', osUser, false, 'Công bố'],
      ],
    );
  } finally {
    await app.close();
  }
});
