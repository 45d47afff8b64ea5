/**
 * The VNPT ASP.NET portal presets on real pages of the Hà Giang education department's portal (saved
 * byte for byte from a public HTTrack mirror, provenance in test/fixtures/real-portal/vnpt-sgdhagiang/),
 * served on loopback and read by the real Fetcher: exact where page 1 covers the period, lower bounds
 * where the postback pager's next page cannot be had, "none" for real empty lists, "unverified" with
 * its reason for a parent category and for the portal's maintenance page.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { crawlCategory, type CategoryCrawl, type CategorySource } from '../../src/crawler/crawl.js';
import { periodWindow } from '../../src/crawler/dates.js';
import { extractListing } from '../../src/crawler/extract/index.js';
import { onLoopback, type LoopbackAnswer } from '../helpers/loopback.js';

const page = (path: string): LoopbackAnswer => ({
  status: 200,
  body: readFileSync(new URL(`../fixtures/real-portal/vnpt-sgdhagiang/${path}`, import.meta.url), 'utf8'),
});

/** The mirror's files at the paths the portal used (HTTrack's query file names served as such). */
const SITE: Record<string, LoopbackAnswer> = {
  '/sgdhagiang/1283/30605/53496/Thong-bao/': page('sgdhagiang/1283/30605/53496/Thong-bao/index.html'),
  '/sgdhagiang/1283/30605/53499/Tin-noi-bo/': page('sgdhagiang/1283/30605/53499/Tin-noi-bo/index.html'),
  '/sgdhagiang/1283/30605/53493/Tin-tuc-su-kien/': page('sgdhagiang/1283/30605/53493/Tin-tuc-su-kien/index.html'),
  '/Defaultbca8.html': page('Defaultbca8.html'),
  '/Default5e2b.html': page('Default5e2b.html'),
  '/Default7821.html': page('Default7821.html'),
  // ASP.NET's customErrors: the failing page redirects to the portal's "Website đang được bảo trì!"
  // page, which answers 200 (the mirror saved it under ErrorRequest.htm?aspxerrorpath=/Default.aspx).
  '/Default.aspx': { redirect: '/ErrorRequest.htm?aspxerrorpath=/Default.aspx' },
  '/ErrorRequest.htm': page('ErrorRequestb914.html'),
};

const fixed = { now: () => new Date('2021-10-12T10:00:00Z') };
const summary = (c: CategoryCrawl) => ({
  status: c.status,
  posts: c.posts,
  complete: c.complete,
  basis: c.basis,
  pages: c.pages,
  listed: c.listed,
  total: c.total,
  error: c.error?.reason ?? null,
});

function crawl(path: string, preset: 'vnpt-portal-news' | 'vnpt-portal-documents', period: string, min = 1) {
  return onLoopback(SITE, async (fetcher, origin) => {
    const category: CategorySource = { name: 'Thông báo', min, source: { type: 'html', url: `${origin}${path}`, preset } };
    return crawlCategory(fetcher, category, periodWindow(period), fixed);
  });
}

const NEWS = '/sgdhagiang/1283/30605/53496/Thong-bao/';

test('VNPT news list (Thông báo): exact where page 1 reaches past the period', async () => {
  // Page 1: 26/05/2021, 21/05/2021 ×2, 05/03/2021, 04/03/2021, 12/11/2020, 28/10/2020, 13/10/2020,
  // 01/10/2020, 29/09/2020. Periods run from the 23rd to the 22nd.
  const may = await crawl(NEWS, 'vnpt-portal-news', '2021-05', 2);
  assert.deepEqual(summary(may), { status: 'full', posts: 2, complete: true, basis: 'older_post_seen', pages: 1, listed: 10, total: null, error: null });
  assert.deepEqual(may.evidence.map((e) => [e.title, e.date]), [
    ['Quyết định công bố TTHC đối với lĩnh vực GD&ĐT của Bộ GD&ĐT', '2021-05-20T17:00:00.000Z'],
    ['Quyết định công bố TTHC đối với lĩnh vực GD&ĐT của Bộ GD&ĐT', '2021-05-20T17:00:00.000Z'],
  ]);
  // Two posts with one title are two posts: told apart by their addresses.
  assert.notEqual(may.evidence[0]!.url, may.evidence[1]!.url);
  // 11/2020 (23/10–22/11): 12/11 and 28/10; 13/10 is older.
  const november = await crawl(NEWS, 'vnpt-portal-news', '2020-11', 3);
  assert.deepEqual([november.status, november.posts, november.complete], ['partial', 2, true]);
});

test('VNPT news list: the pager posts the form back; when page 2 cannot be had the count is a lower bound, never "none"', async () => {
  // 10/2020 (23/09–22/10): 13/10, 01/10 and 29/09 end page 1; older posts may follow on page 2.
  const october = await crawl(NEWS, 'vnpt-portal-news', '2020-10', 2);
  assert.deepEqual([october.status, october.posts, october.complete, october.listed], ['full', 3, false, 10]);
  // The page's form posts back to the portal's own address (absolute, as saved), which is not a
  // registered host here: the crawler tried page 2 by postback and says why it has only page 1.
  assert.deepEqual([october.error?.reason, october.error?.url], ['host_not_allowed', 'http://thnguyentrai-tp.hagiang.edu.vn/sgdhagiang/1283/30605/53496/Thong-bao/']);
  assert.deepEqual(october.pagers, []);
  // 09/2020 lies entirely past page 1: unverified, not "none".
  const september = await crawl(NEWS, 'vnpt-portal-news', '2020-09');
  assert.deepEqual([september.status, september.posts, september.complete], ['unverified', null, false]);
});

test('VNPT documents (GridView, "Tổng số"): exact on a whole table; a lower bound when page 2 is missing', async () => {
  // "Tổng số: 8", all on one page (13/08/2020 ×2 … 27/07/2017): every period is exact.
  const whole = await crawl('/Default5e2b.html', 'vnpt-portal-documents', '2020-08', 2);
  assert.deepEqual(summary(whole), { status: 'full', posts: 2, complete: true, basis: 'older_post_seen', pages: 1, listed: 8, total: 8, error: null });
  const last = await crawl('/Default5e2b.html', 'vnpt-portal-documents', '2017-08');
  assert.deepEqual([last.status, last.posts, last.complete, last.basis], ['full', 1, true, 'total_read']);
  const before = await crawl('/Default5e2b.html', 'vnpt-portal-documents', '2016-06');
  assert.deepEqual([before.status, before.posts, before.complete, before.basis], ['none', 0, true, 'total_read']);
  // "Tổng số: 13", 10 rows on page 1 and a `Page$2` postback: 04/2019 (11/04, 10/04 ×2, 04/04) is
  // covered by page 1; 10/2017 (02/10, 28/09 ×2 end page 1) is at least 3.
  const april = await crawl('/Defaultbca8.html', 'vnpt-portal-documents', '2019-04');
  assert.deepEqual(summary(april), { status: 'full', posts: 4, complete: true, basis: 'older_post_seen', pages: 1, listed: 10, total: 13, error: null });
  const october = await crawl('/Defaultbca8.html', 'vnpt-portal-documents', '2017-10', 3);
  assert.deepEqual([october.status, october.posts, october.complete, october.listed, october.total], ['full', 3, false, 10, 13]);
  // Page 2 is the form posted back with `Page$2` to the portal's own address.
  assert.deepEqual([october.error?.reason, october.error?.url], [
    'host_not_allowed',
    'http://thnguyentrai-tp.hagiang.edu.vn/Default.aspx?sname=sgdhagiang&sid=1283&pageid=30615&p_agency=3144',
  ]);
});

test('VNPT real empty lists are "none", verified: a category with no post, a document table with "Tổng số: 0"', async () => {
  const emptyNews = await crawl('/sgdhagiang/1283/30605/53499/Tin-noi-bo/', 'vnpt-portal-news', '2021-09');
  assert.deepEqual(summary(emptyNews), { status: 'none', posts: 0, complete: true, basis: 'empty_sign', pages: 1, listed: 0, total: null, error: null });
  const emptyTable = await crawl('/Default7821.html', 'vnpt-portal-documents', '2021-09');
  assert.deepEqual([emptyTable.status, emptyTable.posts, emptyTable.complete, emptyTable.total], ['none', 0, true, 0]);
});

test('VNPT non-listings are unverified with a reason: a parent category of sub-category boxes, the maintenance page', async () => {
  // "Tin tức sự kiện" shows only boxes of its sub-categories' newest posts, not a list of its own.
  const parent = await crawl('/sgdhagiang/1283/30605/53493/Tin-tuc-su-kien/', 'vnpt-portal-news', '2021-09');
  assert.deepEqual([parent.status, parent.posts, parent.complete, parent.error?.reason], ['unverified', null, false, 'no_items']);
  // A listing that fails is redirected to "Website đang được bảo trì!" answered with 200.
  const down = await crawl('/Default.aspx?sname=sgdhagiang&sid=1283&pageid=30615&p_agency=3144', 'vnpt-portal-documents', '2021-09');
  assert.deepEqual([down.status, down.posts, down.complete, down.error?.reason], ['unverified', null, false, 'no_items']);
});

test('VNPT pagers on the real markup: the next page is the form posted back with the pager link\'s target', () => {
  const read = (path: string, preset: 'vnpt-portal-news' | 'vnpt-portal-documents') => {
    const { body } = page(path) as { body: string };
    return extractListing({ type: 'html', url: 'http://127.0.0.1/x', preset }, body, 'http://127.0.0.1/x').postback!;
  };
  const fields = (form: [string, string][]) => new Map(form);
  const news = read('sgdhagiang/1283/30605/53496/Thong-bao/index.html', 'vnpt-portal-news');
  // The link after the current page's number ("1"): page 2.
  assert.equal(fields(news.form).get('__EVENTTARGET'), 'ctrl_139416_30$pageArticle$ctl01$ctl01');
  assert.equal(fields(news.form).get('__EVENTARGUMENT'), '');
  assert.ok((fields(news.form).get('__VIEWSTATE') ?? '').length > 1000);
  const documents = read('Defaultbca8.html', 'vnpt-portal-documents');
  assert.deepEqual([fields(documents.form).get('__EVENTTARGET'), fields(documents.form).get('__EVENTARGUMENT')], ['ctrl_139326_89$gvDanhSach', 'Page$2']);
  assert.equal(documents.url, 'http://thnguyentrai-tp.hagiang.edu.vn/Default.aspx?sname=sgdhagiang&sid=1283&pageid=30615&p_agency=3144');
});
