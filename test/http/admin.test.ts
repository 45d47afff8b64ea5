import assert from 'node:assert/strict';
import { dbTest } from '../helpers/db.js';
import { seedUsers, signIn, startApp } from '../helpers/http.js';

interface Province {
  name: string;
  settings: { place: string; cutOffDay: number; signer: { name: string }; recipients: string[] };
}

dbTest('settings, registry and users through the API, each change in the audit log', async (db) => {
  const { units } = await seedUsers(db);
  const app = await startApp(db);
  try {
    const admin = await signIn(app, 'admin');
    const viewer = await signIn(app, 'viewer');
    const read = await viewer.request({ method: 'GET', url: '/api/settings' });
    assert.equal(read.statusCode, 200, read.body);
    const province = read.json() as Province;
    assert.equal(province.settings.signer.name, 'Vũ Huy Phương');

    // Text pasted decomposed (NFD) with double spaces is stored normalised.
    const changed = { ...province.settings, place: 'Bắc  Ninh'.normalize('NFD'), recipients: [...province.settings.recipients, '  UBND các xã. '] };
    assert.equal((await viewer.request({ method: 'PUT', url: '/api/settings', payload: { settings: changed } })).statusCode, 403);
    const saved = await admin.request({ method: 'PUT', url: '/api/settings', payload: { settings: changed } });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal((saved.json() as Province).settings.place, 'Bắc Ninh');
    assert.equal((saved.json() as Province).settings.recipients.at(-1), 'UBND các xã.');

    // A unit is added at the end, renamed from a day on and moved up; the old name stays known.
    const groupId = units[0]!.groupId;
    const created = await admin.request({ method: 'POST', url: '/api/units', payload: { name: 'Sở Du lịch', groupId } });
    assert.equal(created.statusCode, 201, created.body);
    const unit = created.json() as { id: string; position: number };
    assert.equal(unit.position, 30);
    const renamed = await admin.request({
      method: 'PUT',
      url: `/api/units/${unit.id}`,
      payload: { rename: { name: 'Sở Du lịch tỉnh', effectiveOn: '2024-06-01' }, position: 1 },
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.deepEqual([renamed.json().name, renamed.json().position], ['Sở Du lịch tỉnh', 1]);
    const fetched = await viewer.request({ method: 'GET', url: `/api/units/${unit.id}` });
    assert.deepEqual([fetched.statusCode, fetched.json().name], [200, 'Sở Du lịch tỉnh']);
    const duplicate = await admin.request({ method: 'POST', url: '/api/units', payload: { name: 'sở du lịch', groupId } });
    assert.equal(duplicate.statusCode, 409);

    // A new unit editor for it; the new account can sign in and is bound to its unit.
    const user = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'svhttdl', password: 'mat-khau-moi', role: 'unit-editor', unitId: unit.id, displayName: 'Trần Văn B' },
    });
    assert.equal(user.statusCode, 201, user.body);
    assert.equal((await signIn(app, 'svhttdl', 'mat-khau-moi')).csrf.length > 0, true);
    const disabled = await admin.request({ method: 'PUT', url: `/api/users/${user.json().id}`, payload: { active: false } });
    assert.equal(disabled.json().active, false);
    const refused = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'svhttdl', password: 'mat-khau-moi' } });
    assert.equal(refused.statusCode, 401);

    const audit = (await admin.request({ method: 'GET', url: '/api/audit?limit=20' })).json() as { entries: { entity: string; action: string }[] };
    const seen = audit.entries.map((e) => `${e.entity}:${e.action}`);
    for (const expected of ['settings:update', 'unit:create', 'unit:rename+position', 'user:create', 'user:update']) {
      assert.ok(seen.includes(expected), `${expected} in ${seen.join(', ')}`);
    }
    const total = (query: string) => admin.request({ method: 'GET', url: `/api/audit?${query}` }).then((r) => (r.json() as { total: number }).total);
    const adminId = ((await admin.request({ method: 'GET', url: '/api/auth/me' })).json() as { user: { id: string } }).user.id;
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(await total('from=2999-01-01'), 0);
    assert.equal(await total('to=2000-01-01'), 0);
    assert.equal(await total(`userId=${adminId}&from=${today}&to=${today}`), 5);
    assert.equal(await total('entity=user&limit=1&offset=1'), 6);
    // Passwords never reach the audit log.
    const text = JSON.stringify(audit);
    assert.ok(!text.includes('mat-khau-moi') && !text.includes('scrypt'));
  } finally {
    await app.close();
  }
});
