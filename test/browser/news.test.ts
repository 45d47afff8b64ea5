/**
 * The news item from the ranking page in a real browser: the board's reviewer opens the month's
 * article, edits it in the page, and downloads it as text and as Word; the files say the edit.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { getNewsArticle, newsText } from '../../src/services/news.js';
import { docxText, flat } from '../helpers/notice.js';
import { browserSuite, screenshots, signIn } from './harness.js';

browserSuite('browser: the news item for the provincial portal', 300_000, (step, stack) => {
  step('a reviewer opens the month’s article from the ranking, edits it, downloads text and Word', async () => {
    const { page } = stack();
    await signIn(stack(), 'reviewer');
    await page.goto('/periods/2024-02/ranking');
    await page.getByTestId('ranking-table').waitFor();
    await page.getByRole('button', { name: 'Tin bài cho Cổng tỉnh' }).click();
    const box = page.getByRole('textbox', { name: 'Nội dung tin bài' });
    await box.waitFor();
    // The article the command line writes (report --format news), word for word.
    const written = newsText(await getNewsArticle(stack().db.db, stack().provinceId, '2024-02'));
    assert.equal(await box.inputValue(), written);
    assert.match(written, /^Hơn 2\.000 tin, bài, video/u);
    await screenshots(page, 'news-item');

    const edited = written.replace('Hơn 2.000', 'Hơn hai nghìn').replace('huyện Tiên Du đạt 98 điểm', 'huyện Tiên Du đạt 98/100 điểm');
    await box.fill(edited);

    const textDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải văn bản (.txt)' }).click();
    const text = await textDownload;
    assert.equal(text.suggestedFilename(), 'tin-bai-2024-02.txt');
    assert.equal(readFileSync((await text.path())!, 'utf8'), edited);

    const wordDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải Word (.docx)' }).click();
    const word = await wordDownload;
    assert.equal(word.suggestedFilename(), 'tin-bai-2024-02.docx');
    const words = flat(await docxText(readFileSync((await word.path())!)));
    assert.ok(words.startsWith('Hơn hai nghìn tin, bài, video'), 'the edited headline');
    assert.ok(words.includes('huyện Tiên Du đạt 98/100 điểm'), 'the edited paragraph');
  });

  step('a viewer sees no news button', async () => {
    const { page } = stack();
    await signIn(stack(), 'viewer');
    await page.goto('/periods/2024-02/ranking');
    await page.getByTestId('ranking-table').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Tin bài cho Cổng tỉnh' }).count(), 0);
  });
});
