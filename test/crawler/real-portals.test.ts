/**
 * The presets and the completeness rules on real pages saved byte for byte from public mirrors
 * (test/fixtures/real-portal/, provenance in the READMEs beside them): exact counts where the pages
 * read cover the period, lower bounds where they do not, "none" for a real empty listing,
 * "unverified" with its reason for pages that are not listings, and one count per post in a unit.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { crawlCategory, crawlPortal, type CategorySource, type PageFetcher } from '../../src/crawler/crawl.js';
import { periodWindow } from '../../src/crawler/dates.js';
import type { FetchResult } from '../../src/crawler/fetch.js';
import { onLoopback } from '../helpers/loopback.js';

const fixture = (path: string): string => readFileSync(new URL(`../fixtures/real-portal/${path}`, import.meta.url), 'utf8');

/** Serves saved pages by path (HTTrack's file names, queries ignored as HTTrack did); else 404. */
function site(origin: string, files: Record<string, string | { status: number; body: string }>): PageFetcher & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    fetch(url: string): Promise<FetchResult> {
      asked.push(url);
      const u = new URL(url);
      const doc = u.origin === origin ? files[u.pathname] : undefined;
      if (doc === undefined) return Promise.resolve({ ok: false, url, failure: 'http_error', status: 404, message: 'HTTP 404' });
      const { status, body } = typeof doc === 'string' ? { status: 200, body: doc } : doc;
      return Promise.resolve({ ok: true, url, status, contentType: 'text/html; charset=utf-8', body, notModified: false });
    },
  };
}

const fixed = { now: () => new Date('2022-08-27T05:00:00Z') };
const summary = (c: Awaited<ReturnType<typeof crawlCategory>>) => ({
  status: c.status,
  posts: c.posts,
  complete: c.complete,
  basis: c.basis,
  pages: c.pages,
  listed: c.listed,
  total: c.total,
  pagers: c.pagers,
  error: c.error?.reason ?? null,
});

// Liferay 6 (Sở TT&TT Hà Nội): "dssdt" lists 29 posts, 20 a page; page 2 is reached through the
// pager's "next" link (`_101_cur=2`); the results line states "of 29".
const LIFERAY = 'https://sotttt.hanoi.gov.vn';
const liferay = () =>
  site(LIFERAY, {
    '/dssdt': fixture('liferay-sotttt-hanoi/dssdt.html'),
    '/dssdt511b.html': fixture('liferay-sotttt-hanoi/dssdt511b.html'),
    '/ke-hoach': fixture('liferay-sotttt-hanoi/ke-hoach.html'),
    '/linh-vuc-noi-vu': fixture('liferay-sotttt-hanoi/linh-vuc-noi-vu.html'),
  });
const dssdt: CategorySource = { name: 'Danh sách số điện thoại', min: 2, source: { type: 'html', url: `${LIFERAY}/dssdt`, preset: 'liferay-asset-publisher' } };

test('Liferay asset publisher, real pages: exact where the period is covered, the pager followed to page 2', async () => {
  // Periods run from the 23rd to the 22nd (cut-off day). 04/2018: four posts of 27/03/2018 at the
  // top of page 1, then older ones: exact, one page.
  const march2018 = await crawlCategory(liferay(), dssdt, periodWindow('2018-04'), fixed);
  assert.deepEqual(summary(march2018), {
    status: 'full', posts: 4, complete: true, basis: 'older_post_seen', pages: 1, listed: 20, total: 29, pagers: [], error: null,
  });
  assert.equal(march2018.evidence[0]!.title, 'Đề nghị tạm ngừng cung cấp dịch vụ đối với các số điện thoại QCRV sai quy định (lần 04/2018)');
  assert.equal(march2018.evidence[0]!.date, '2018-03-27T08:47:00.000Z');
  // 11/2013: three posts end page 1 and one starts page 2: the "next" link is followed.
  const fetcher = liferay();
  const nov2013 = await crawlCategory(fetcher, dssdt, periodWindow('2013-11'), fixed);
  assert.deepEqual(summary(nov2013), {
    status: 'full', posts: 4, complete: true, basis: 'older_post_seen', pages: 2, listed: 29, total: 29, pagers: ['next'], error: null,
  });
  assert.match(fetcher.asked[1]!, /^https:\/\/sotttt\.hanoi\.gov\.vn\/dssdt511b\.html\?p_p_id=101&.*_101_cur=2$/);
  // 02/2013: the last post of the listing (28/01/2013); every item of the stated total read.
  const jan2013 = await crawlCategory(liferay(), dssdt, periodWindow('2013-02'), fixed);
  assert.deepEqual(summary(jan2013), {
    status: 'partial', posts: 1, complete: true, basis: 'total_read', pages: 2, listed: 29, total: 29, pagers: ['next'], error: null,
  });
  // 06/2012, before the listing's first post: the listing provably ends, so "none" is established.
  const june2012 = await crawlCategory(liferay(), dssdt, periodWindow('2012-06'), fixed);
  assert.deepEqual([june2012.status, june2012.posts, june2012.complete, june2012.basis], ['none', 0, true, 'total_read']);
});

test('Liferay: when page 2 cannot be read the count is a lower bound; a period beyond page 1 is unverified, never "none"', async () => {
  const window = periodWindow('2013-11');
  const capped = await crawlCategory(liferay(), { ...dssdt, min: 3 }, window, { ...fixed, maxPages: 1 });
  assert.deepEqual([capped.status, capped.posts, capped.complete, capped.error?.reason], ['full', 3, false, 'too_many_pages']);
  const below = await crawlCategory(liferay(), { ...dssdt, min: 9 }, window, { ...fixed, maxPages: 1 });
  assert.deepEqual([below.status, below.posts, below.complete, below.error?.reason], ['unverified', null, false, 'too_many_pages']);
  const beyond = await crawlCategory(liferay(), dssdt, periodWindow('2013-05'), { ...fixed, maxPages: 1 });
  assert.deepEqual([beyond.status, beyond.posts, beyond.complete], ['unverified', null, false]);
});

test('Liferay: a single page without a pager is the whole listing (ke-hoach, 11 posts)', async () => {
  // 03/2014 (23/02–22/03): the two posts of 19/03/2014; 12/02/2014 is older.
  const plans = await crawlCategory(liferay(), { name: 'Kế hoạch', min: 1, source: { type: 'html', url: `${LIFERAY}/ke-hoach`, preset: 'liferay-asset-publisher' } }, periodWindow('2014-03'), fixed);
  assert.deepEqual(summary(plans), {
    status: 'full', posts: 2, complete: true, basis: 'older_post_seen', pages: 1, listed: 11, total: null, pagers: [], error: null,
  });
});

test('a real empty listing with its sign is "none", verified; without the sign it stays unverified', async () => {
  const table = { type: 'html' as const, url: `${LIFERAY}/linh-vuc-noi-vu`, item: '.listThuTuc tbody.table-data tr', link: 'a[href]', date: 'td:nth-child(2)' };
  const bySelector = await crawlCategory(liferay(), { name: 'Văn bản', min: 1, source: { ...table, empty: '.listThuTuc .alert.alert-info' } }, periodWindow('2022-07'), fixed);
  assert.deepEqual([bySelector.status, bySelector.posts, bySelector.complete, bySelector.basis, bySelector.error], ['none', 0, true, 'empty_sign', null]);
  const byText = await crawlCategory(liferay(), { name: 'Văn bản', min: 1, source: { ...table, emptyText: 'Không có văn bản nào được tìm thấy' } }, periodWindow('2022-07'), fixed);
  assert.deepEqual([byText.status, byText.posts, byText.complete], ['none', 0, true]);
  const noSign = await crawlCategory(liferay(), { name: 'Văn bản', min: 1, source: table }, periodWindow('2022-07'), fixed);
  assert.deepEqual([noSign.status, noSign.posts, noSign.complete, noSign.error?.reason], ['unverified', null, false, 'no_items']);
  assert.match(noSign.error!.message, /không có mục nào khớp bộ chọn/);
  // The sidebar's "Không tìm thấy video nào" on a page with posts does not make it empty.
  const withPosts = await crawlCategory(liferay(), { name: 'Kế hoạch', min: 1, source: { type: 'html', url: `${LIFERAY}/ke-hoach`, preset: 'liferay-asset-publisher', emptyText: 'Không tìm thấy' } }, periodWindow('2014-03'), fixed);
  assert.deepEqual([withPosts.status, withPosts.posts], ['full', 2]);
});

test('non-listings are unverified with a reason: the home page, the portal\'s real "not found" page (404, and served with 200), never "none"', async () => {
  // The portal's own "Không tìm thấy / Tài nguyên không được tìm thấy" page, saved by the mirror for
  // a link to /https; Liferay answers it with 404, and some portals answer such pages with 200.
  const notFound = fixture('liferay-sotttt-hanoi/https.html');
  const files = {
    '/': { status: 200, body: fixture('liferay-sotttt-hanoi/index.html') },
    '/https': { status: 404, body: notFound },
    '/tin-tuc-da-xoa': { status: 200, body: notFound },
  };
  const window = periodWindow('2022-07');
  const results = await onLoopback(files, (fetcher, origin) => {
    const at = (path: string, extra: object = {}): CategorySource => ({
      name: 'Tin tức', min: 1, source: { type: 'html', url: `${origin}${path}`, preset: 'liferay-asset-publisher', ...extra },
    });
    return Promise.all([
      crawlCategory(fetcher, at('/'), window, fixed),
      crawlCategory(fetcher, at('/https'), window, fixed),
      crawlCategory(fetcher, at('/tin-tuc-da-xoa'), window, fixed),
      // The portal's empty sign ("Không có văn bản nào được tìm thấy") is not on its "not found"
      // page: a page that vanished is never taken for an empty category.
      crawlCategory(fetcher, at('/tin-tuc-da-xoa', { emptyText: 'Không có văn bản nào được tìm thấy' }), window, fixed),
    ]);
  });
  assert.deepEqual(
    results.map((c) => [c.status, c.posts, c.complete, c.error?.reason]),
    [
      ['unverified', null, false, 'no_items'],
      ['unverified', null, false, 'http_error'],
      ['unverified', null, false, 'no_items'],
      ['unverified', null, false, 'no_items'],
    ],
  );
  assert.match(results[1]!.error!.message, /404/);
  assert.match(results[2]!.error!.message, /không có mục nào khớp bộ chọn/);
});

// *.bacninh.edu.vn: the pager is drawn by script from `totalItems` (57 news, 36 activities, 4 documents).
const EDU = 'https://thdinhbang2.bacninh.edu.vn';
const edu = () =>
  site(EDU, {
    '/tin-tuc-su-kien': fixture('tin-tuc-su-kien.html'),
    '/tin-tuc-su-kien/hoat-dong-su-kien': fixture('tin-tuc-su-kien/hoat-dong-su-kien.html'),
    '/van-ban-cong-van/van-ban': fixture('van-ban-cong-van/van-ban.html'),
  });
const newsSource = { type: 'html' as const, url: `${EDU}/tin-tuc-su-kien`, preset: 'bacninh-edu-news' as const };
const news: CategorySource = { name: 'Tin tức - Sự kiện', min: 2, source: newsSource };
const activities: CategorySource = { name: 'Hoạt động - Sự kiện', min: 2, source: { type: 'html', url: `${EDU}/tin-tuc-su-kien/hoat-dong-su-kien`, preset: 'bacninh-edu-news' } };
const documents: CategorySource = { name: 'Văn bản', min: 1, source: { type: 'html', url: `${EDU}/van-ban-cong-van/van-ban`, preset: 'bacninh-edu-legal' } };

test('bacninh.edu.vn: totalItems read from the script; page 1 of 7 covers 09/2021 but only bounds 04/2021', async () => {
  const sept = await crawlCategory(edu(), news, periodWindow('2021-09'), fixed);
  assert.deepEqual(summary(sept), {
    status: 'full', posts: 6, complete: true, basis: 'older_post_seen', pages: 1, listed: 9, total: 57, pagers: [], error: null,
  });
  // The oldest post on page 1 is of 27/04/2021: April may hold more on page 2, which no link reaches.
  const april = await crawlCategory(edu(), news, periodWindow('2021-05'), fixed);
  assert.deepEqual(summary(april), {
    status: 'partial', posts: 1, complete: false, basis: 'more_pages', pages: 1, listed: 9, total: 57, pagers: [], error: null,
  });
  // Entirely beyond page 1: unverified with its reason, never "none".
  const march = await crawlCategory(edu(), news, periodWindow('2021-03'), fixed);
  assert.deepEqual([march.status, march.posts, march.complete, march.error?.reason], ['unverified', null, false, 'beyond_pages']);
  // With a page template given by the source, page 2 is asked for. This saved site ignores the
  // query and answers page 1 again: a repeat is a failure, never the listing's end.
  const fetcher = edu();
  const templated = await crawlCategory(fetcher, { ...news, source: { ...newsSource, pages: '?pageNo={n}' } }, periodWindow('2021-03'), fixed);
  assert.equal(fetcher.asked[1], `${EDU}/tin-tuc-su-kien?pageNo=2`);
  assert.deepEqual([templated.status, templated.complete, templated.error?.reason], ['unverified', false, 'pager_repeats']);
});

test('bacninh.edu.vn documents: the whole table (4 of totalItems 4) is read, so any period is exact', async () => {
  // 09/2017 (23/08–22/09): 30/08 and 18/09 twice; the table runs oldest first, so only the total ends it.
  const aug = await crawlCategory(edu(), documents, periodWindow('2017-09'), fixed);
  assert.deepEqual(summary(aug), {
    status: 'full', posts: 3, complete: true, basis: 'total_read', pages: 1, listed: 4, total: 4, pagers: [], error: null,
  });
  const later = await crawlCategory(edu(), documents, periodWindow('2021-09'), fixed);
  assert.deepEqual([later.status, later.posts, later.complete], ['none', 0, true]);
});

test('one count per post in a unit: the parent category shares posts with its child, each counted once', async () => {
  const unit = await crawlPortal(edu(), { unit: 'Trường Tiểu học Đình Bảng 2', portal: `${EDU}/`, categories: [news, activities] }, periodWindow('2021-09'), fixed);
  assert.deepEqual(unit.categories.map((c) => [c.name, c.posts, c.complete]), [['Tin tức - Sự kiện', 6, true], ['Hoạt động - Sự kiện', 3, true]]);
  // 6 + 3 posts, of which 3 (31/08, 25/08, 23/08) are listed in both.
  assert.deepEqual(unit.overlaps, [{ categories: ['Tin tức - Sự kiện', 'Hoạt động - Sự kiện'], posts: 3 }]);
  assert.equal(unit.posts, 6);
  assert.equal(unit.complete, true);
  // Neither page is made only of the other's posts.
  assert.deepEqual(unit.categories.map((c) => c.onlyOtherCategories), [false, false]);
});
