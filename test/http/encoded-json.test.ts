/**
 * The ranking sent compressed as a browser asks for it, and plain to a client that does not:
 * the same report either way, whatever the Accept-Encoding says.
 */
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { importPeriodFile } from '../../src/services/import.js';
import { cliActor } from '../../src/services/audit.js';
import { dbTest } from '../helpers/db.js';
import { seedUsers, signIn, startApp } from '../helpers/http.js';
import { seedCsv } from '../helpers/seed.js';

const decoders: Record<string, (body: Buffer) => Buffer> = { br: brotliDecompressSync, gzip: gunzipSync, identity: (body) => body };

dbTest('the ranking goes brotli, gzip or plain by Accept-Encoding, always the same report, and a hostile header gets it plain', async (db) => {
  const { province } = await seedUsers(db);
  await importPeriodFile(db.db, cliActor(province.id), { periodId: '2024-05', content: seedCsv(), fileName: 'a.csv' });
  const app = await startApp(db);
  try {
    const reviewer = await signIn(app, 'reviewer');
    const get = (url: string, acceptEncoding?: string) =>
      reviewer.request({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });
    const plain = await get('/api/periods/2024-05/ranking');
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers.vary, 'Accept-Encoding');
    const report: unknown = plain.json();

    const cases: [string, string][] = [
      ['gzip, deflate, br, zstd', 'br'], // Chromium
      ['gzip, deflate', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['gzip;q=0.5, br;q=0.9', 'br'],
      ['identity', 'identity'],
      ['deflate', 'identity'],
      ['*;q=0', 'identity'],
      ['br;q=0, gzip;q=0', 'identity'],
      // Hostile or broken headers: the report, plain, never an error.
      [';;;,,,q=', 'identity'],
      ['x'.repeat(8000), 'identity'],
      [Array.from({ length: 2000 }, (_, i) => `e${i};q=0.${i % 10}`).join(', '), 'identity'],
    ];
    for (const url of ['/api/periods/2024-05/ranking', '/api/ranking/latest']) {
      const expectedReport: unknown = (await get(url)).json();
      for (const [header, expected] of cases) {
        const response = await get(url, header);
        assert.equal(response.statusCode, 200, `${header.slice(0, 40)}: ${response.body.slice(0, 200)}`);
        assert.equal(response.headers['content-encoding'] ?? 'identity', expected, header.slice(0, 40));
        assert.equal(response.headers.vary, 'Accept-Encoding');
        assert.equal(Number(response.headers['content-length']), response.rawPayload.length);
        assert.deepEqual(JSON.parse(decoders[expected]!(response.rawPayload).toString('utf8')), expectedReport, header.slice(0, 40));
      }
    }
    // A ranking is a fraction of its size as brotli (a fourth for these 29 units, a tenth for 130): the point of sending it so.
    const br = await get('/api/periods/2024-05/ranking', 'br');
    assert.ok(br.rawPayload.length * 3 < plain.rawPayload.length, `${br.rawPayload.length} of ${plain.rawPayload.length} bytes`);

    // Many requests at once just after the data changed, before an encoding of the new report is made: each gets the whole report.
    await importPeriodFile(db.db, cliActor(province.id), { periodId: '2024-05', content: seedCsv(), fileName: 'a.csv' });
    const together = await Promise.all(Array.from({ length: 20 }, (_, i) => get('/api/periods/2024-05/ranking', i % 2 ? 'br' : 'gzip')));
    for (const response of together) {
      assert.deepEqual(JSON.parse(decoders[String(response.headers['content-encoding'])]!(response.rawPayload).toString('utf8')), report);
    }

    // A refusal stays the API's plain JSON error.
    const anonymous = await app.inject({ method: 'GET', url: '/api/periods/2024-05/ranking', headers: { 'accept-encoding': 'br' } });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(anonymous.headers['content-encoding'], undefined);
    assert.ok((anonymous.json() as { error: { message: string } }).error.message);
  } finally {
    await app.close();
  }
});
