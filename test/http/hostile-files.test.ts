/**
 * Zip bombs uploaded through the web: refused with a 4xx and a Vietnamese
 * reason, nothing written, the server still answering and no bigger than before.
 */
import assert from 'node:assert/strict';
import { dbTest } from '../helpers/db.js';
import { multipart, seedUsers, signIn, startApp } from '../helpers/http.js';
import { xlsxBomb } from '../helpers/zip-bomb.js';

const MB = 1024 * 1024;

dbTest('an XLSX bomb uploaded to the period and PAKN imports is refused, nothing written, the server unharmed', async (db) => {
  await seedUsers(db);
  const app = await startApp(db);
  try {
    const reviewer = await signIn(app, 'reviewer');
    const bomb = await xlsxBomb(400);
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    try {
      for (const url of ['/api/periods/2024-05/import', '/api/pakn/import']) {
        const refused = await reviewer.request({ method: 'POST', url, ...multipart('bom.xlsx', bomb) });
        assert.equal(refused.statusCode, 422, url);
        assert.match(refused.json().error.details.problems[0].message, /bom nén/);
      }
    } finally {
      clearInterval(timer);
    }
    assert.ok(peak - before < 300 * MB, `grew ${Math.round((peak - before) / MB)} MB`);
    assert.equal((await reviewer.request({ method: 'GET', url: '/api/periods/2024-05' })).statusCode, 404);
    assert.equal((await reviewer.request({ method: 'GET', url: '/api/auth/me' })).statusCode, 200);
  } finally {
    await app.close();
  }
});
