/**
 * The news item through the API, as the ranking page's button uses it: the article the command
 * line writes, for the board's staff; the edited text comes back as the Word document.
 */
import assert from 'node:assert/strict';
import { dbTest } from '../helpers/db.js';
import { seedUsers, signIn, startApp } from '../helpers/http.js';
import { docxText, flat } from '../helpers/notice.js';
import { getNewsArticle, newsText } from '../../src/services/news.js';

dbTest('GET /api/periods/2024-02/news is the CLI article; POST news.docx returns the edited text as Word', async (db) => {
  const { province } = await seedUsers(db);
  const app = await startApp(db);
  try {
    const [reviewer, viewer, editor] = [await signIn(app, 'reviewer'), await signIn(app, 'viewer'), await signIn(app, 'editor')];
    const read = await reviewer.request({ method: 'GET', url: '/api/periods/2024-02/news' });
    assert.equal(read.statusCode, 200, read.body);
    const item = read.json() as { headline: string; paragraphs: string[]; text: string };
    assert.equal(item.text, newsText(await getNewsArticle(db.db, province.id, '2024-02')), 'the same article as report --format news');
    assert.match(item.headline, /^Hơn 2\.000 tin, bài, video/u);
    assert.match(item.text, /21\/21 đơn vị đạt 100 điểm/u);
    assert.match(item.text, /07\/08 đơn vị đạt 100 điểm/u);
    assert.match(item.text, /huyện Tiên Du đạt 98 điểm/u);

    for (const other of [viewer, editor]) {
      assert.equal((await other.request({ method: 'GET', url: '/api/periods/2024-02/news' })).statusCode, 403);
      assert.equal((await other.request({ method: 'POST', url: '/api/periods/2024-02/news.docx', payload: { text: item.text } })).statusCode, 403);
    }

    const edited = item.text.replace('Hơn 2.000', 'Hơn hai nghìn');
    const docx = await reviewer.request({ method: 'POST', url: '/api/periods/2024-02/news.docx', payload: { text: edited } });
    assert.equal(docx.statusCode, 200, docx.body);
    assert.match(String(docx.headers['content-disposition']), /tin-bai-2024-02\.docx/u);
    const words = flat(await docxText(docx.rawPayload));
    assert.ok(words.startsWith(flat(edited.split('\n')[0]!)), 'the edited headline heads the document');
    assert.ok(words.includes('huyện Tiên Du đạt 98 điểm'));

    const empty = await reviewer.request({ method: 'POST', url: '/api/periods/2024-02/news.docx', payload: { text: '\n\n' } });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /tiêu đề/u);
    assert.equal((await reviewer.request({ method: 'GET', url: '/api/periods/2031-01/news' })).statusCode, 404);
  } finally {
    await app.close();
  }
});
