/** How a source's failure reads on the sources page, in the source trial and in the CLI's summary, and why a count is not compared. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CrawlFailure } from '../../src/crawler/crawl.js';
import { FETCH_FAILURES } from '../../src/crawler/fetch.js';
import { articleCheckWithheld, FAILURE_LABELS, failureText, type MeasuredCategory } from '../../src/domain/measured.js';

// Every reason the crawler can store has its label: a reason added to CrawlFailure without one fails to compile here.
const labels: Record<CrawlFailure, string> = FAILURE_LABELS;

test('every reason a source can fail for has a Vietnamese label, and the reason code is never shown', () => {
  for (const reason of [...FETCH_FAILURES, 'no_items', 'no_dates', 'parse_error', 'too_many_pages', 'pager_repeats', 'beyond_pages', 'internal'] as const) {
    const label = labels[reason];
    assert.ok(label && /[^\x00-\x7F]/.test(label), `${reason}: ${label}`);
    assert.ok(!failureText({ reason, message: 'chi tiết' }).includes(reason), reason);
  }
  assert.equal(failureText({ reason: 'http_error', message: 'HTTP 503' }), 'Cổng trả lời lỗi: HTTP 503');
  assert.equal(failureText({ reason: 'timeout', message: '  ' }), 'Cổng không trả lời trong thời gian chờ');
  // A reason stored by a later version, read by this one: still a sentence, never the code.
  assert.equal(failureText({ reason: 'quota_exceeded', message: 'HTTP 509' }), 'Không đọc được nguồn tin: HTTP 509');
});

test('when the posts counted are not exact, the article check says why it was not made', () => {
  const category = (name: string, status: MeasuredCategory['status'], posts: number | null, complete: boolean, error: MeasuredCategory['error'] = null) =>
    ({ name, status, posts, complete, error }) as MeasuredCategory;
  assert.equal(articleCheckWithheld({ complete: true, categories: [category('Tin tức', 'full', 1389, true)] }), null);
  assert.equal(
    articleCheckWithheld({
      complete: false,
      categories: [
        category('Tin tức', 'full', 1389, false),
        category('Văn bản', 'unverified', null, false, { reason: 'http_error', message: 'HTTP 503', url: null }),
        category('Hỏi đáp', 'partial', 2, true),
      ],
    }),
    'Chưa đối chiếu được số tin, bài đơn vị báo cáo với số đếm trên cổng: chưa đọc được Văn bản (Cổng trả lời lỗi: HTTP 503); chỉ đếm được số tối thiểu ở Tin tức (≥ 1.389).',
  );
  // Every category read whole, the run not ended yet.
  assert.equal(
    articleCheckWithheld({ complete: false, categories: [category('Tin tức', 'full', 7, true)] }),
    'Chưa đối chiếu được số tin, bài đơn vị báo cáo với số đếm trên cổng: lần đọc cổng chưa kết thúc (đang chạy, hoặc đã dừng giữa chừng và cần cho đọc lại).',
  );
});
