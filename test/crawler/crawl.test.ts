import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { crawlCategory, crawlPortal, morePagesNeeded, pageOrder, statusFor, type CategorySource, type PageFetcher } from '../../src/crawler/crawl.js';
import { periodWindow } from '../../src/crawler/dates.js';
import type { ListingItem } from '../../src/crawler/extract/types.js';
import type { FetchResult } from '../../src/crawler/fetch.js';

/** Serves fixed documents by URL; anything else is a 404. Counts what was asked. */
function pages(docs: Record<string, string>): PageFetcher & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    fetch(url: string): Promise<FetchResult> {
      asked.push(url);
      const body = docs[url];
      if (body === undefined) return Promise.resolve({ ok: false, url, failure: 'http_error', status: 404, message: 'HTTP 404' });
      return Promise.resolve({ ok: true, url, status: 200, contentType: 'text/html', body, notModified: false });
    },
  };
}

const fixture = (path: string): string => readFileSync(new URL(`../fixtures/real-portal/${path}`, import.meta.url), 'utf8');
const HOST = 'https://thdinhbang2.bacninh.edu.vn';
const fixed = { now: () => new Date('2021-10-08T09:20:00Z') };

test('real fixtures crawled for a period: hoạt động 3, tin tức 6, văn bản 3 (oldest-first table)', async () => {
  const fetcher = pages({
    [`${HOST}/tin-tuc-su-kien/hoat-dong-su-kien`]: fixture('tin-tuc-su-kien/hoat-dong-su-kien.html'),
    [`${HOST}/tin-tuc-su-kien`]: fixture('tin-tuc-su-kien.html'),
    [`${HOST}/van-ban-cong-van/van-ban`]: fixture('van-ban-cong-van/van-ban.html'),
  });
  const sept2021 = periodWindow('2021-09');
  const hd = await crawlCategory(fetcher, { name: 'Hoạt động - Sự kiện', min: 4, source: { type: 'html', url: `${HOST}/tin-tuc-su-kien/hoat-dong-su-kien`, preset: 'bacninh-edu-news' } }, sept2021, fixed);
  assert.deepEqual([hd.status, hd.posts, hd.latestPostAt, hd.pages], ['partial', 3, '2021-09-24T12:45:00.000Z', 1]);
  assert.deepEqual(hd.evidence.map((e) => e.dateText), ['2021-08-31T17:36:00+07:00', '2021-08-25T22:21:00+07:00', '2021-08-23T11:10:00+07:00']);
  assert.equal(hd.evidence[0]!.title, 'Danh sách học sinh lớp 1 năm học 2021-2022');
  assert.equal(hd.evidence[0]!.foundOn, `${HOST}/tin-tuc-su-kien/hoat-dong-su-kien`);
  assert.equal(hd.crawledAt, '2021-10-08T09:20:00.000Z');
  const tt = await crawlCategory(fetcher, { name: 'Tin tức - Sự kiện', min: 4, source: { type: 'html', url: `${HOST}/tin-tuc-su-kien`, preset: 'bacninh-edu-news' } }, sept2021, fixed);
  assert.deepEqual([tt.status, tt.posts], ['full', 6]);
  const vb = await crawlCategory(fetcher, { name: 'Văn bản', min: 1, source: { type: 'html', url: `${HOST}/van-ban-cong-van/van-ban`, preset: 'bacninh-edu-legal' } }, periodWindow('2017-09'), fixed);
  assert.deepEqual([vb.status, vb.posts, vb.latestPostAt], ['full', 3, '2017-09-17T17:00:00.000Z']);
  const none = await crawlCategory(fetcher, { name: 'Văn bản', min: 1, source: { type: 'html', url: `${HOST}/van-ban-cong-van/van-ban`, preset: 'bacninh-edu-legal' } }, periodWindow('2021-09'), fixed);
  assert.deepEqual([none.status, none.posts, none.error], ['none', 0, null]);
});

const item = (day: string): ListingItem => ({ url: `https://x.vn/${day}`, title: day, date: new Date(`${day}T10:00:00+07:00`), dateText: day });
const feb = periodWindow('2024-02');

test('page order and whether later pages can still hold posts of the period', () => {
  assert.equal(pageOrder([item('2024-02-10'), item('2024-02-01')].map((i) => i.date!)), 'desc');
  assert.equal(pageOrder([item('2024-01-01'), item('2024-02-01')].map((i) => i.date!)), 'asc');
  assert.equal(pageOrder([item('2024-02-01'), item('2024-02-01')].map((i) => i.date!)), 'flat');
  assert.equal(pageOrder([item('2024-02-01'), item('2024-01-01'), item('2024-02-05')].map((i) => i.date!)), 'mixed');
  // Newest first and already past the start: stop.
  assert.equal(morePagesNeeded([item('2024-02-10'), item('2024-01-10')], feb), false);
  // Only older posts: stop, nothing of the period can follow.
  assert.equal(morePagesNeeded([item('2024-01-20'), item('2024-01-10')], feb), false);
  // Oldest first: the period's posts come later, keep going.
  assert.equal(morePagesNeeded([item('2024-01-10'), item('2024-01-20')], feb), true);
  // A pinned old post on top makes the order mixed: keep going.
  assert.equal(morePagesNeeded([item('2023-05-01'), item('2024-02-10'), item('2024-02-01')], feb), true);
  assert.equal(morePagesNeeded([item('2024-02-10'), item('2024-02-01')], feb), true);
  assert.equal(morePagesNeeded([], feb), false);
});

test('status from the minimum', () => {
  assert.deepEqual([statusFor(0, 4), statusFor(3, 4), statusFor(4, 4), statusFor(9, 1)], ['none', 'partial', 'full', 'full']);
});

function listing(days: string[], next: string | null): string {
  const rows = days.map((d) => `<li><a href="/bai-${d}.html">Bài ${d}</a><span class="d">${d.split('-').reverse().join('/')}</span></li>`).join('');
  return `<ul>${rows}</ul>${next ? `<a class="next" href="${next}">Sau</a>` : ''}`;
}
const html = (url: string, min = 2): CategorySource => ({ name: 'Thông báo', min, source: { type: 'html', url, item: 'ul > li', date: '.d', next: 'a.next' } });

test('pagination: an oldest-first list is read to the end; the same post on two pages counts once', async () => {
  const fetcher = pages({
    'https://x.vn/tb': listing(['2024-01-02', '2024-01-10'], '/tb?p=2'),
    'https://x.vn/tb?p=2': listing(['2024-01-10', '2024-01-25'], '/tb?p=3'),
    'https://x.vn/tb?p=3': listing(['2024-02-02', '2024-02-25'], null),
  });
  const r = await crawlCategory(fetcher, html('https://x.vn/tb'), feb);
  assert.deepEqual([r.posts, r.pages, r.status], [2, 3, 'full']);
});

test('a pager that points back to a read page ends; too many pages is a floor, not a count', async () => {
  const loop = pages({ 'https://x.vn/a': listing(['2024-02-10'], '/b'), 'https://x.vn/b': listing(['2024-02-09'], '/a') });
  const r = await crawlCategory(loop, html('https://x.vn/a'), feb);
  assert.deepEqual([r.posts, r.pages, r.error], [2, 2, null]);
  const docs: Record<string, string> = {};
  for (let i = 1; i <= 5; i++) docs[`https://x.vn/p${i}`] = listing([`2024-02-0${i}`], `/p${i + 1}`);
  const capped = await crawlCategory(pages(docs), html('https://x.vn/p1', 9), feb, { maxPages: 3 });
  assert.deepEqual([capped.status, capped.posts, capped.error?.reason], ['unverified', null, 'too_many_pages']);
  assert.equal(capped.evidence.length, 3);
});

test('a failure after the minimum is reached keeps "full"; before it, "unverified" — never "none"', async () => {
  const docs = { 'https://x.vn/tb': listing(['2024-02-20', '2024-02-10'], '/tb?p=2') };
  const full = await crawlCategory(pages(docs), html('https://x.vn/tb', 2), feb);
  assert.deepEqual([full.status, full.posts, full.error?.reason], ['full', 2, 'http_error']);
  const unverified = await crawlCategory(pages(docs), html('https://x.vn/tb', 4), feb);
  assert.deepEqual([unverified.status, unverified.posts, unverified.error?.message], ['unverified', null, 'HTTP 404']);
});

test('no items, or items without dates, are unverified (a broken selector is not silence)', async () => {
  const empty = await crawlCategory(pages({ 'https://x.vn/tb': '<p>Chưa có bài</p>' }), html('https://x.vn/tb'), feb);
  assert.deepEqual([empty.status, empty.error?.reason], ['unverified', 'no_items']);
  const undated = await crawlCategory(pages({ 'https://x.vn/tb': '<ul><li><a href="/a">A</a><span class="d">Hôm nay</span></li></ul>' }), html('https://x.vn/tb'), feb);
  assert.deepEqual([undated.status, undated.error?.reason, undated.undated], ['unverified', 'no_dates', 1]);
});

test('a category that throws is isolated: the portal still reports the others', async () => {
  const fetcher = pages({ 'https://x.vn/tb': listing(['2024-02-20'], null) });
  const broken: CategorySource = { name: 'Hỏng', min: 1, source: { type: 'html', url: 'https://x.vn/tb', item: ':::' } };
  const r = await crawlPortal(fetcher, { unit: 'Sở Tư pháp', portal: 'https://x.vn/', categories: [html('https://x.vn/tb', 1), broken] }, feb);
  assert.deepEqual(r.categories.map((c) => [c.status, c.error?.reason ?? null]), [['full', null], ['unverified', 'parse_error']]);
  assert.equal(r.posts, 1);
});
