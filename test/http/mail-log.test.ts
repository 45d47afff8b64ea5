import assert from 'node:assert/strict';
import { cliActor } from '../../src/services/audit.js';
import { queueReminders } from '../../src/services/mail.js';
import { openPeriod } from '../../src/services/review.js';
import { dbTest } from '../helpers/db.js';
import { seedUsers, signIn, startApp } from '../helpers/http.js';

dbTest('the e-mail log: admins read it, others are refused; users carry their address', async (db) => {
  const { province } = await seedUsers(db);
  const app = await startApp(db);
  try {
    const admin = await signIn(app, 'admin');
    const reviewer = await signIn(app, 'reviewer');
    const users = (await admin.request({ method: 'GET', url: '/api/users' })).json() as { id: string; username: string; email: string | null }[];
    const editor = users.find((u) => u.username === 'editor')!;
    const set = await admin.request({ method: 'PUT', url: `/api/users/${editor.id}`, payload: { email: 'bientap@soyte.test' } });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().email, 'bientap@soyte.test');
    const bad = await admin.request({ method: 'PUT', url: `/api/users/${editor.id}`, payload: { email: 'a b@c' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /không hợp lệ/);

    await openPeriod(db.db, cliActor(province.id), { id: '2024-03', deadline: '2999-01-01T00:00:00Z' });
    await queueReminders(db.db, cliActor(province.id), '2024-03');
    const log = await admin.request({ method: 'GET', url: '/api/mail-log' });
    assert.equal(log.statusCode, 200, log.body);
    const page = log.json() as { total: number; entries: { recipient: string; subject: string; status: string }[] };
    assert.equal(page.total, 1);
    assert.equal(page.entries[0]!.recipient, 'bientap@soyte.test');
    assert.equal(page.entries[0]!.status, 'pending');
    assert.match(page.entries[0]!.subject, /^Nhắc gửi tự đánh giá tháng 03\/2024/);
    assert.equal((await reviewer.request({ method: 'GET', url: '/api/mail-log' })).statusCode, 403);
    assert.equal((await admin.request({ method: 'GET', url: '/api/mail-log?status=lost' })).statusCode, 400);
  } finally {
    await app.close();
  }
});
