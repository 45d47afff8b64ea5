/**
 * How the built front end is sent: the precompressed .br/.gz written by the build, chosen by the
 * browser's Accept-Encoding, hashed files cached for a year, index.html revalidated every time.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { dbTest } from '../helpers/db.js';
import { startApp } from '../helpers/http.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

dbTest('hashed assets go out precompressed and cached for a year; index.html is revalidated', async (db) => {
  const webRoot = mkdtempSync(join(tmpdir(), 'ps-web-'));
  const script = `export const bang = ${JSON.stringify('Bảng xếp hạng '.repeat(400))};\n`;
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Chấm điểm</title>');
  writeFileSync(join(webRoot, 'assets', 'index-Dk3x9a.js'), script);
  writeFileSync(join(webRoot, 'assets', 'index-Dk3x9a.js.br'), brotliCompressSync(script));
  writeFileSync(join(webRoot, 'assets', 'index-Dk3x9a.js.gz'), gzipSync(script));
  const app = await startApp(db, { webRoot });
  try {
    const url = '/assets/index-Dk3x9a.js';
    const br = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers['content-type']), /javascript/);
    assert.equal(br.headers['cache-control'], IMMUTABLE);
    assert.match(String(br.headers.vary), /accept-encoding/i);
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), script);
    assert.ok(br.rawPayload.length < script.length / 5, `brotli sent ${br.rawPayload.length} bytes`);

    const gz = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.headers['cache-control'], IMMUTABLE);
    assert.equal(gunzipSync(gz.rawPayload).toString(), script);

    const plain = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers['cache-control'], IMMUTABLE);
    assert.equal(plain.body, script);

    // The page itself, at its root and as any route of the single-page app.
    for (const page of ['/', '/periods/2024-02/ranking']) {
      const res = await app.inject({ method: 'GET', url: page, headers: { 'accept-encoding': 'br' } });
      assert.equal(res.statusCode, 200, page);
      assert.equal(res.headers['cache-control'], 'no-cache', page);
      assert.match(res.body, /Chấm điểm/);
    }
    // A revalidation of an unchanged index.html costs a 304 and no body.
    const first = await app.inject({ method: 'GET', url: '/' });
    const again = await app.inject({ method: 'GET', url: '/', headers: { 'if-none-match': String(first.headers.etag) } });
    assert.equal(again.statusCode, 304);
  } finally {
    await app.close();
    rmSync(webRoot, { recursive: true, force: true });
  }
});
