/** How a source's failure reads on the sources page, in the source trial and in the CLI's summary. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CrawlFailure } from '../../src/crawler/crawl.js';
import { FETCH_FAILURES } from '../../src/crawler/fetch.js';
import { FAILURE_LABELS, failureText } from '../../src/domain/measured.js';

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
