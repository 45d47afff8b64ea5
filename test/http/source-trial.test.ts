/**
 * "Thử nguồn" through the API: the service reads one listing and says what it found; a source that
 * cannot work is refused naming the missing key; only the editorial board may make the server fetch.
 */
import assert from 'node:assert/strict';
import { dbTest } from '../helpers/db.js';
import { seedUsers, signIn, startApp } from '../helpers/http.js';

dbTest('POST /api/sources/test: the missing key named, loopback refused as unverified, staff only', async (db) => {
  await seedUsers(db);
  const app = await startApp(db);
  try {
    const [reviewer, editor] = await Promise.all([signIn(app, 'reviewer'), signIn(app, 'editor')]);
    const noItem = await reviewer.request({ method: 'POST', url: '/api/sources/test', payload: { source: { type: 'html', url: 'https://so.example.gov.vn/tin-tuc' } } });
    assert.equal(noItem.statusCode, 400, noItem.body);
    assert.match(noItem.json().error.message, /Thiếu khóa "item" \(bộ chọn CSS của một mục.*"preset".*liferay-asset-publisher/);
    const badUrl = await reviewer.request({ method: 'POST', url: '/api/sources/test', payload: { source: { type: 'rss', url: 'ftp://x' } } });
    assert.equal(badUrl.statusCode, 400, badUrl.body);
    assert.match(badUrl.json().error.message, /khóa "url"/);
    // The server never reaches its own loopback: the listing is unverified with the reason, nothing is counted.
    const loopback = await reviewer.request({
      method: 'POST',
      url: '/api/sources/test',
      payload: { source: { type: 'html', url: 'http://127.0.0.1:9/tin-tuc', item: 'article' }, period: '2024-02' },
    });
    assert.equal(loopback.statusCode, 200, loopback.body);
    const trial = loopback.json();
    assert.deepEqual([trial.status, trial.posts, trial.complete, trial.error.reason, trial.period], ['unverified', null, false, 'address_refused', '2024-02']);
    assert.match(trial.warnings[0], /Không có khóa "date".*"chưa xác minh"/);
    // Why, in the secretary's words: the reason's label and the detail, no reason code.
    assert.equal(trial.why, 'Địa chỉ trỏ vào mạng nội bộ, không được phép đọc: 127.0.0.1 là địa chỉ nội bộ của máy (loopback)');
    const forbidden = await editor.request({ method: 'POST', url: '/api/sources/test', payload: { source: { type: 'rss', url: 'https://so.example.gov.vn/rss' } } });
    assert.equal(forbidden.statusCode, 403, forbidden.body);
  } finally {
    await app.close();
  }
});
