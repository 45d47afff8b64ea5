/**
 * Login limits that hold: behind a configured number of trusted proxies the
 * client address cannot be chosen by the client; failures are limited per address and account,
 * per address over accounts, and per account from any address with a back-off (not a lock).
 */
import assert from 'node:assert/strict';
import { DEFAULT_LOGIN_LIMITS, loginWithLimits } from '../../src/services/auth.js';
import { dbTest } from '../helpers/db.js';
import { PASSWORD, seedUsers, startApp } from '../helpers/http.js';

const wrong = { password: 'sai-mat-khau' };

dbTest('behind one trusted proxy, a client-forged X-Forwarded-For does not escape the limit', async (db) => {
  await seedUsers(db);
  const app = await startApp(db, { rateLimit: undefined, trustProxyHops: 1 });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 15; i += 1) {
      // The client sends a made-up address; the proxy appends the one it saw.
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'viewer', ...wrong },
        headers: { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7` },
      });
      statuses.push(response.statusCode);
    }
    assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
    assert.ok(statuses.slice(5).every((s) => s === 429), statuses.join(' '));
  } finally {
    await app.close();
  }
});

dbTest('thirty wrong passwords over three accounts from one address meet a 429', async (db) => {
  await seedUsers(db);
  const app = await startApp(db, { rateLimit: undefined });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const username = ['viewer', 'admin', 'reviewer'][i % 3]!;
      statuses.push((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, ...wrong } })).statusCode);
    }
    assert.ok(statuses.filter((s) => s === 429).length >= 10, statuses.join(' '));
    const refused = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'viewer', ...wrong } });
    assert.equal(refused.statusCode, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.match(refused.json().error.message, /đợi \d+ giây/);
  } finally {
    await app.close();
  }
});

dbTest('one account guessed from many addresses backs off; the real user gets in after a short wait', async (db) => {
  await seedUsers(db);
  const limits = { ...DEFAULT_LOGIN_LIMITS, accountFree: 5, accountBaseDelayMs: 1000, accountMaxDelayMs: 60_000 };
  const t0 = Date.parse('2024-03-01T01:00:00Z');
  let now = t0;
  const attempt = (address: string, password: string) =>
    loginWithLimits(db.db, { username: 'viewer', password, address }, limits, new Date(now)).then(
      () => 'ok',
      (error: { status: number }) => error.status,
    );
  // Five free failures from five addresses, then each attempt must wait, the wait doubling.
  for (let i = 0; i < 5; i += 1) assert.equal(await attempt(`10.0.0.${i}`, wrong.password), 401);
  assert.equal(await attempt('10.0.1.1', wrong.password), 429);
  now += 1001;
  assert.equal(await attempt('10.0.1.2', wrong.password), 401);
  assert.equal(await attempt('10.0.1.3', wrong.password), 429);
  // However long the guessing goes on, the wait never exceeds a minute.
  for (let i = 0; i < 40; i += 1) {
    now += 60_001;
    assert.equal(await attempt(`10.0.2.${i}`, wrong.password), 401);
  }
  assert.equal(await attempt('192.0.2.50', PASSWORD), 429);
  now += 60_001;
  assert.equal(await attempt('192.0.2.50', PASSWORD), 'ok');
  // The success clears the account's counters: a typo afterwards is just a 401.
  assert.equal(await attempt('192.0.2.50', wrong.password), 401);
  assert.equal(await attempt('192.0.2.50', PASSWORD), 'ok');
});
