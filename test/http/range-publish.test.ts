/**
 * Publishing a notice for several months through the API: two imported months published together
 * under one number and date, the range's notice downloaded with that number; all or nothing.
 */
import assert from 'node:assert/strict';
import { dbTest } from '../helpers/db.js';
import { multipart, seedUsers, signIn, startApp } from '../helpers/http.js';
import { docxText, flat } from '../helpers/notice.js';
import { seedCsv } from '../helpers/seed.js';

dbTest('POST /api/ranges/2023-01..2023-02/publish publishes both months under one number; its notice is theirs', async (db) => {
  await seedUsers(db);
  const app = await startApp(db);
  try {
    const [reviewer, editor, viewer] = [await signIn(app, 'reviewer'), await signIn(app, 'editor'), await signIn(app, 'viewer')];
    for (const month of ['2023-01', '2023-02']) {
      const imported = await reviewer.request({ method: 'POST', url: `/api/periods/${month}/import`, ...multipart(`${month}.csv`, seedCsv()) });
      assert.equal(imported.statusCode, 200, imported.body);
    }
    const url = '/api/ranges/2023-01..2023-02';
    // Nobody but the board publishes; a viewer reads nothing unpublished.
    assert.equal((await editor.request({ method: 'POST', url: `${url}/publish`, payload: {} })).statusCode, 403);
    assert.equal((await viewer.request({ method: 'GET', url: `${url}/notice.docx` })).statusCode, 403);
    assert.equal((await reviewer.request({ method: 'POST', url: '/api/ranges/2023-02..2023-01/publish', payload: {} })).statusCode, 400);

    const published = await reviewer.request({ method: 'POST', url: `${url}/publish`, payload: { number: '01/BBT-CTTĐT', date: '2023-02-27' } });
    assert.equal(published.statusCode, 200, published.body);
    const periods = published.json() as { id: string; status: string; noticeNumber: string; noticeDate: string }[];
    assert.deepEqual(
      periods.map((p) => [p.id, p.status, p.noticeNumber, p.noticeDate]),
      [
        ['2023-01', 'published', '01/BBT-CTTĐT', '2023-02-27'],
        ['2023-02', 'published', '01/BBT-CTTĐT', '2023-02-27'],
      ],
    );

    const notice = await viewer.request({ method: 'GET', url: `${url}/notice.docx` });
    assert.equal(notice.statusCode, 200);
    assert.match(String(notice.headers['content-disposition']), /thong-bao-2023-01-2023-02-so-01-BBT-CTTDT\.docx/u);
    const words = flat(await docxText(notice.rawPayload));
    assert.ok(words.includes('Số: 01/BBT-CTTĐT'));
    assert.ok(words.includes('Bắc Ninh, ngày 27 tháng 02 năm 2023'));
    assert.ok(words.includes('Cổng Thông tin điện tử tháng 01 và tháng 02/2023'));
    assert.ok(words.includes('I. Các Sở, ban, ngành tỉnh 2.778'), 'articles summed over the two months');

    // All or nothing: March could be published, April is still open, so March stays in review.
    const march = await reviewer.request({ method: 'POST', url: '/api/periods/2023-03/import', ...multipart('2023-03.csv', seedCsv()) });
    assert.equal(march.statusCode, 200, march.body);
    assert.equal((await reviewer.request({ method: 'POST', url: '/api/periods', payload: { id: '2023-04' } })).statusCode, 201);
    const refused = await reviewer.request({ method: 'POST', url: '/api/ranges/2023-03..2023-04/publish', payload: { date: '2023-04-27' } });
    assert.equal(refused.statusCode, 409, refused.body);
    const statuses = await Promise.all(
      ['2023-03', '2023-04'].map(async (id) => ((await reviewer.request({ method: 'GET', url: `/api/periods/${id}` })).json() as { status: string }).status),
    );
    assert.deepEqual(statuses, ['review', 'open']);
  } finally {
    await app.close();
  }
});
