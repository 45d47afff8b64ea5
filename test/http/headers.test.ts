/**
 * Headers and paths: a CSP with frame-ancestors 'none', nosniff and
 * X-Frame-Options on pages and API alike; every path trick answers 404, never a file or a 500.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dbTest } from '../helpers/db.js';
import { startApp } from '../helpers/http.js';

function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, path, method: 'GET' }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

dbTest('security headers on every answer; path tricks answer 404', async (db) => {
  const webRoot = mkdtempSync(join(tmpdir(), 'ps-web-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Chấm điểm</title>');
  const app = await startApp(db, { webRoot });
  try {
    for (const url of ['/', '/periods/2024-02/ranking', '/api/auth/me', '/api/khong-co']) {
      const response = await app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      assert.match(csp, /frame-ancestors 'none'/, url);
      assert.match(csp, /script-src 'self'(;|$)/, url);
      assert.match(csp, /style-src 'self' 'unsafe-inline'/, url);
      assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(response.headers['x-frame-options'], 'DENY', url);
    }
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    for (const url of [
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fetc%2fpasswd',
      '/%252e%252e/%252e%252e/etc/passwd',
      '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/api/%2e%2e/%2e%2e/etc/passwd',
      '/%c0%ae%c0%ae/etc/passwd',
      '/./index.html',
    ]) {
      // Over a real socket: inject() would resolve the dots the way a browser does before sending.
      const response = await rawGet(address, url);
      assert.equal(response.status, 404, `${url}: ${response.status} ${response.body.slice(0, 80)}`);
      assert.doesNotMatch(response.body, /root:/);
    }
  } finally {
    await app.close();
    rmSync(webRoot, { recursive: true, force: true });
  }
});
