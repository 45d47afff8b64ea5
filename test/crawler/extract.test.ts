import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { extractAtom, extractRss, extractSitemap } from '../../src/crawler/extract/feeds.js';
import { extractHtmlListing } from '../../src/crawler/extract/html.js';
import { extractListing, htmlRules, htmlSelectors } from '../../src/crawler/extract/index.js';
import { PRESETS, type PresetName } from '../../src/crawler/extract/presets.js';
import { canonicalUrl, resolveHref } from '../../src/crawler/extract/url.js';

const FIXTURES = new URL('../fixtures/real-portal/', import.meta.url);

interface Expected {
  fixture: string;
  pageUrl: string;
  preset: PresetName;
  items: { url: string; title: string; date: string; dateText: string }[];
  next: string | null;
}

function expected(name: string): Expected {
  return JSON.parse(readFileSync(new URL(`expected/${name}.json`, import.meta.url), 'utf8')) as Expected;
}

function extractFixture(e: Expected) {
  const html = readFileSync(new URL(e.fixture, FIXTURES), 'utf8');
  return extractHtmlListing(html, e.pageUrl, PRESETS[e.preset]);
}

for (const name of ['hoat-dong-su-kien', 'tin-tuc-su-kien', 'van-ban']) {
  test(`real portal fixture ${name}: items as in the expected JSON`, () => {
    const e = expected(name);
    const page = extractFixture(e);
    assert.deepEqual(
      page.items.map((i) => ({ url: i.url, title: i.title, date: i.date?.toISOString(), dateText: i.dateText })),
      e.items,
    );
    assert.equal(page.next, e.next);
    assert.deepEqual(page.children, []);
  });
}

test('news fixtures: 9 posts each; sidebar Video Clips and metadata dates are not taken', () => {
  for (const name of ['hoat-dong-su-kien', 'tin-tuc-su-kien']) {
    const e = expected(name);
    const page = extractFixture(e);
    assert.equal(page.items.length, 9);
    assert.ok(page.items.every((i) => !i.url.includes('/video-clip/') && !i.url.includes('/day-va-hoc-truc-tuyen')));
    // Every date is the post's time[datetime]: none from HTTrack comments (2021-10-08), meta (2019), or descriptions (2020).
    for (const i of page.items) {
      assert.match(i.dateText ?? '', /^2021-\d\d-\d\dT\d\d:\d\d:00\+07:00$/);
      assert.equal(i.date?.getUTCFullYear(), 2021);
    }
  }
  // Plain article.item-block would have taken the 12 sidebar videos too.
  const e = expected('tin-tuc-su-kien');
  const html = readFileSync(new URL(e.fixture, FIXTURES), 'utf8');
  assert.equal(extractHtmlListing(html, e.pageUrl, { item: 'article.item-block' }).items.length, 21);
});

test('news fixtures: the post at 06:28 +07:00 stays on 06/09/2021; post 2 of hoạt động resolves one folder up', () => {
  const tin = extractFixture(expected('tin-tuc-su-kien'));
  const khaiGiang = tin.items[3]!;
  assert.equal(khaiGiang.date?.toISOString(), '2021-09-05T23:28:00.000Z');
  const hd = extractFixture(expected('hoat-dong-su-kien'));
  assert.equal(hd.items[1]!.url, 'https://thdinhbang2.bacninh.edu.vn/tin-tuc-su-kien/danh-sach-hoc-sinh-lop-1-nam-hoc-2021-2022.html');
});

test('the two news pages share five posts by resolved URL, though their hrefs differ', () => {
  const a = extractFixture(expected('hoat-dong-su-kien'));
  const b = extractFixture(expected('tin-tuc-su-kien'));
  const keysA = new Set(a.items.map((i) => canonicalUrl(i.url)));
  const shared = b.items.filter((i) => keysA.has(canonicalUrl(i.url)));
  assert.equal(shared.length, 5);
  assert.equal(new Set([...keysA, ...b.items.map((i) => canonicalUrl(i.url))]).size, 13);
});

test('legal-document table: issue dates from column 5, not the Số hiệu column; oldest first', () => {
  const page = extractFixture(expected('van-ban'));
  assert.deepEqual(page.items.map((i) => i.dateText), ['22/08/2017', '30/08/2017', '18/09/2017', '18/09/2017']);
  assert.ok(page.items.every((i) => i.url.startsWith('https://thdinhbang2.bacninh.edu.vn/van-ban-cong-van/van-ban/')));
});

test('a preset can be overridden selector by selector', () => {
  const rules = htmlRules({ type: 'html', url: 'https://x.vn/', preset: 'bacninh-edu-news', date: 'time.other', emptyText: 'Không có bài viết' });
  assert.deepEqual(rules, { ...PRESETS['bacninh-edu-news'], date: 'time.other', emptyText: 'Không có bài viết' });
  const { total: _total, ...selectors } = PRESETS['bacninh-edu-news'];
  assert.deepEqual(htmlSelectors({ type: 'html', url: 'https://x.vn/', preset: 'bacninh-edu-news', date: 'time.other' }), { ...selectors, next: undefined, date: 'time.other' });
  assert.equal(htmlSelectors({ type: 'html', url: 'https://x.vn/' }), null);
  assert.throws(() => extractListing({ type: 'html', url: 'https://x.vn/' }, '<p></p>', 'https://x.vn/'), /bộ chọn item/);
});

test('HTML: <base href>, next link, javascript: links skipped, time[datetime] preferred over its text', () => {
  const html = `<html><head><base href="https://cong.vn/tin/"></head><body>
    <ul><li><a href="bai-1.html">Bài một</a> <time datetime="2024-02-01T08:00:00+07:00">Hôm qua</time></li>
    <li><a href="javascript:void(0)">Không phải bài</a></li>
    <li><a href="/bai-2.html#top">Bài hai</a> <span class="d">02/02/2024</span></li></ul>
    <a rel="next" href="?page=2">Sau</a></body></html>`;
  const page = extractHtmlListing(html, 'https://cong.vn/x', { item: 'ul > li' });
  assert.deepEqual(page.items.map((i) => [i.url, i.title, i.date?.toISOString() ?? null]), [
    ['https://cong.vn/tin/bai-1.html', 'Bài một', '2024-02-01T01:00:00.000Z'],
    ['https://cong.vn/bai-2.html', 'Bài hai', null],
  ]);
  assert.equal(page.next, 'https://cong.vn/tin/?page=2');
});

test('RSS 2.0: link, pubDate; descriptions are not dates', () => {
  const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><lastBuildDate>Fri, 08 Oct 2021 09:16:41 GMT</lastBuildDate>
    <item><title>Thông báo A</title><link>https://cong.vn/a.html</link><description>Ngày 1/3/2020</description><pubDate>Tue, 27 Feb 2024 08:30:00 +0700</pubDate></item>
    <item><title>B</title><guid>https://cong.vn/b.html</guid><dc:date xmlns:dc="http://purl.org/dc/elements/1.1/">2024-02-26T10:00:00+07:00</dc:date></item>
    <item><title>C</title><guid isPermaLink="false">abc-123</guid></item></channel></rss>`;
  const page = extractRss(rss, 'https://cong.vn/rss/1.rss');
  assert.deepEqual(page.items.map((i) => [i.url, i.title, i.date?.toISOString()]), [
    ['https://cong.vn/a.html', 'Thông báo A', '2024-02-27T01:30:00.000Z'],
    ['https://cong.vn/b.html', 'B', '2024-02-26T03:00:00.000Z'],
  ]);
});

test('Atom: alternate link against xml:base, published over updated, rel=next', () => {
  const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://cong.vn/"><link rel="self" href="/atom.xml"/><link rel="next" href="atom.xml?page=2"/>
    <entry><title>E</title><link rel="alternate" href="tin/e.html"/><link rel="edit" href="/edit/e"/><published>2024-02-01T00:00:00Z</published><updated>2024-02-05T00:00:00Z</updated></entry></feed>`;
  const page = extractAtom(atom, 'https://cong.vn/atom.xml');
  assert.deepEqual(page.items.map((i) => [i.url, i.date?.toISOString()]), [['https://cong.vn/tin/e.html', '2024-02-01T00:00:00.000Z']]);
  assert.equal(page.next, 'https://cong.vn/atom.xml?page=2');
});

test('sitemaps: news:publication_date over lastmod; an index yields its children', () => {
  const urlset = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
    <url><loc>https://cong.vn/a.html</loc><lastmod>2024-03-01</lastmod><news:news><news:publication_date>2024-02-10T09:00:00+07:00</news:publication_date><news:title>Tin A</news:title></news:news></url>
    <url><loc>https://cong.vn/b.html</loc><lastmod>2024-02-11</lastmod></url></urlset>`;
  const page = extractSitemap(urlset, 'https://cong.vn/sitemap.xml');
  assert.deepEqual(page.items.map((i) => [i.url, i.title, i.date?.toISOString()]), [
    ['https://cong.vn/a.html', 'Tin A', '2024-02-10T02:00:00.000Z'],
    ['https://cong.vn/b.html', '', '2024-02-10T17:00:00.000Z'],
  ]);
  const index = extractSitemap(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/s-2024-02.xml</loc><lastmod>2024-02-20</lastmod></sitemap><sitemap><loc>/s-2023-12.xml</loc></sitemap></sitemapindex>`, 'https://cong.vn/sitemap.xml');
  assert.deepEqual(index.children.map((c) => [c.url, c.lastmod?.toISOString() ?? null]), [
    ['https://cong.vn/s-2024-02.xml', '2024-02-19T17:00:00.000Z'],
    ['https://cong.vn/s-2023-12.xml', null],
  ]);
});

test('URLs: hrefs that name no page, and the canonical key', () => {
  assert.equal(resolveHref('#', 'https://cong.vn/'), null);
  assert.equal(resolveHref('mailto:a@b.vn', 'https://cong.vn/'), null);
  assert.equal(resolveHref('  ../a.html#x ', 'https://cong.vn/tin/b/'), 'https://cong.vn/tin/a.html');
  assert.equal(canonicalUrl('HTTPS://Cong.VN:443/a?utm_source=zalo&id=5&b=1#top'), 'https://cong.vn/a?b=1&id=5');
});
