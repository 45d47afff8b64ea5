import assert from 'node:assert/strict';
import { dbTest } from '../helpers/db.js';
import { seedUsers, signIn, startApp } from '../helpers/http.js';

dbTest('open-proposal proposes a working day ahead; opening with a past deadline answers its warning; the period carries the contact', async (db) => {
  await seedUsers(db);
  const app = await startApp(db);
  try {
    const [reviewer, editor] = [await signIn(app, 'reviewer'), await signIn(app, 'editor')];

    const proposal = await reviewer.request({ method: 'GET', url: '/api/periods/2024-03/open-proposal' });
    assert.equal(proposal.statusCode, 200, proposal.body);
    const body = proposal.json() as { period: string; deadline: string; workingDays: number; today: string; periodEnd: string };
    assert.equal(body.period, '2024-03');
    assert.equal(body.workingDays, 5);
    assert.equal(body.periodEnd, '2024-03-22');
    assert.ok(Date.parse(body.deadline) > Date.now(), body.deadline);
    // At least five calendar days after today and at the end of a day, Vietnam time.
    assert.ok(Date.parse(body.deadline) - Date.parse(`${body.today}T00:00:00+07:00`) > 5 * 86_400_000);
    assert.match(body.deadline, /T16:59:59\.999Z$/);
    assert.equal((await editor.request({ method: 'GET', url: '/api/periods/2024-03/open-proposal' })).statusCode, 403);
    assert.equal((await reviewer.request({ method: 'GET', url: '/api/periods/2024-13/open-proposal' })).statusCode, 400);

    const past = await reviewer.request({ method: 'POST', url: '/api/periods', payload: { id: '2024-03', deadline: '2024-03-22T23:59:59+07:00' } });
    assert.equal(past.statusCode, 201, past.body);
    assert.deepEqual(past.json().warnings, [
      'Hạn nộp 22/03/2024 đã qua: các đơn vị sẽ không lưu, không nộp được phiếu tự đánh giá cho đến khi Ban Biên tập đổi hạn nộp.',
    ]);
    const proposed = await reviewer.request({ method: 'POST', url: '/api/periods', payload: { id: '2024-04' } });
    assert.deepEqual(proposed.json().warnings, []);
    assert.ok(Date.parse(proposed.json().deadline) > Date.now());

    const detail = await editor.request({ method: 'GET', url: '/api/periods/2024-03' });
    assert.equal(detail.statusCode, 200, detail.body);
    assert.equal(detail.json().deadlinePassed, true);
    assert.equal(detail.json().contact, null);
    // The review page's picker shows this warning as it comes.
    const moved = await reviewer.request({ method: 'PUT', url: '/api/periods/2024-03', payload: { deadline: '2024-03-25T23:59:59+07:00' } });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.deepEqual(moved.json().warnings, [
      'Hạn nộp 25/03/2024 đã qua: các đơn vị sẽ không lưu, không nộp được phiếu tự đánh giá cho đến khi Ban Biên tập đổi hạn nộp.',
    ]);
    const extended = await reviewer.request({ method: 'PUT', url: '/api/periods/2024-03', payload: { deadline: '2999-01-01T00:00:00Z' } });
    assert.deepEqual(extended.json().warnings, []);
    assert.equal((await editor.request({ method: 'GET', url: '/api/periods/2024-03' })).json().deadlinePassed, false);
  } finally {
    await app.close();
  }
});
