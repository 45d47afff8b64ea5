/**
 * Input hygiene at the edge: control characters refused with 400 on every
 * route of both databases, bidi controls removed from names, one length cap on every way in,
 * portal addresses http(s) only.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NAME_MAX } from '../../src/domain/limits.js';
import { normalizeText } from '../../src/domain/text.js';
import { dbTest } from '../helpers/db.js';
import { multipart, seedUsers, signIn, startApp } from '../helpers/http.js';

const HEADER = 'Nhóm,Tên đơn vị,Tổng số chuyên mục phải cập nhật,Cập nhật đầy đủ,Cập nhật không đầy đủ,Không cập nhật,"Số lượng tin, bài, video","Tự đánh giá, chấm điểm",Điểm trừ,Lý do trừ điểm';

test('bidi controls are removed from names on the way in', () => {
  assert.equal(normalizeText('Sở \u202eết Y\u202c'), 'Sở ết Y');
  assert.equal(normalizeText('\u2067Huyện\u2069 Tiên Du\u200f'), 'Huyện Tiên Du');
});

dbTest('NUL and other control characters answer 400 in body, query and path, signed in or not', async (db) => {
  await seedUsers(db);
  const app = await startApp(db);
  try {
    const anonymous = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a\u0000b', password: 'x' } });
    assert.equal(anonymous.statusCode, 400, anonymous.body);
    assert.match(anonymous.json().error.message, /ký tự điều khiển/);
    const admin = await signIn(app, 'admin');
    const cases = [
      { method: 'GET', url: '/api/audit?entity=period%00' },
      { method: 'GET', url: '/api/periods/2024-0%002' },
      { method: 'POST', url: '/api/groups', payload: { name: 'Nhóm\u0007mới', requiredCount: 3 } },
      { method: 'POST', url: '/api/units', payload: { name: 'Sở\u0000 Mới', groupId: 'x' } },
    ] as const;
    for (const request of cases) {
      const response = await admin.request(request);
      assert.equal(response.statusCode, 400, `${request.url}: ${response.body}`);
      assert.equal(response.json().error.code, 'validation');
    }
    assert.equal((await admin.request({ method: 'GET', url: '/api/auth/me' })).statusCode, 200);
  } finally {
    await app.close();
  }
});

dbTest('portal addresses must be http(s); a right-to-left override is removed from a new unit’s name', async (db) => {
  const { units } = await seedUsers(db);
  const app = await startApp(db);
  try {
    const admin = await signIn(app, 'admin');
    const groupId = (await admin.request({ method: 'GET', url: '/api/units' })).json()[0].groupId as string;
    assert.ok(groupId && units.length > 0);
    for (const portalUrl of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd']) {
      const refused = await admin.request({ method: 'POST', url: '/api/units', payload: { name: 'Sở Mới', groupId, portalUrl } });
      assert.equal(refused.statusCode, 400, portalUrl);
    }
    const created = await admin.request({ method: 'POST', url: '/api/units', payload: { name: 'Sở \u202eMới', groupId, portalUrl: 'https://so-moi.bacninh.gov.vn/' } });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().name, 'Sở Mới');
  } finally {
    await app.close();
  }
});

dbTest('a CSV import refuses a name longer than the API allows and a NUL in a cell, writing nothing', async (db) => {
  await seedUsers(db);
  const app = await startApp(db);
  try {
    const reviewer = await signIn(app, 'reviewer');
    const long = `${HEADER}\r\nNhóm 1,${'Đ'.repeat(400)},19,19,0,0,1,100,0,`;
    const nul = `${HEADER}\r\nNhóm 1,Sở\u0000 Y tế,19,19,0,0,1,100,0,`;
    const bell = `${HEADER}\r\nNhóm 1,Sở\u0007 Y tế,19,19,0,0,1,100,0,`;
    for (const [csv, pattern] of [
      [long, new RegExp(`400 ký tự, quá giới hạn ${NAME_MAX} ký tự`)],
      [nul, /không phải CSV/],
      [bell, /ký tự điều khiển/],
    ] as const) {
      const refused = await reviewer.request({ method: 'POST', url: '/api/periods/2024-06/import', ...multipart('a.csv', Buffer.from(csv)) });
      assert.equal(refused.statusCode, 422, refused.body);
      assert.match(refused.json().error.details.problems.map((p: { message: string }) => p.message).join(' | '), pattern);
    }
    assert.equal((await reviewer.request({ method: 'GET', url: '/api/periods/2024-06' })).statusCode, 404);
  } finally {
    await app.close();
  }
});
