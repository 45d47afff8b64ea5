/**
 * The simulator's documents: listing pages in the style of Vietnamese government portals (banner,
 * menu, a sidebar of other news with its own dates, descriptions that mention dates), RSS, Atom and
 * sitemaps. Pure functions of the model.
 */
import type { DateForm, Farm, FarmCategory, FarmPortal, FarmPost } from './model.js';

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const EN_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number): string => String(n).padStart(2, '0');

/** Wall-clock parts in Vietnam (UTC+7) or in UTC. */
function parts(at: Date, vn: boolean): { y: number; mo: number; d: number; h: number; mi: number; s: number; wd: number } {
  const t = new Date(at.getTime() + (vn ? 7 * 3_600_000 : 0));
  return {
    y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(),
    h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), wd: t.getUTCDay(),
  };
}

/** A post date printed in one of the forms portals use. */
export function formatDate(at: Date, form: DateForm): string {
  const v = parts(at, true);
  const dmy = `${pad(v.d)}/${pad(v.mo)}/${v.y}`;
  const hm = `${pad(v.h)}:${pad(v.mi)}`;
  switch (form) {
    case 'dmy':
      return dmy;
    case 'dmy-time':
      return `${dmy} ${hm}`;
    case 'time-dmy':
      return `${hm} ${dmy}`;
    case 'weekday-dmy':
      return `${WEEKDAYS[v.wd]!}, ${dmy}`;
    case 'dash':
      return `${pad(v.d)}-${pad(v.mo)}-${v.y}`;
    case 'long':
      return `Ngày ${pad(v.d)} tháng ${pad(v.mo)} năm ${v.y}`;
    case 'rfc822': {
      // In GMT on purpose: a post at 06:00 Vietnam time is dated the previous day in GMT.
      const u = parts(at, false);
      return `${EN_DAYS[u.wd]!}, ${pad(u.d)} ${EN_MONTHS[u.mo - 1]!} ${u.y} ${pad(u.h)}:${pad(u.mi)}:${pad(u.s)} GMT`;
    }
    case 'iso-zone':
      return at.toISOString().replace('.000Z', 'Z');
    case 'iso-local':
      return `${v.y}-${pad(v.mo)}-${pad(v.d)} ${hm}:${pad(v.s)}`;
  }
}

export function isoVn(at: Date): string {
  const v = parts(at, true);
  return `${v.y}-${pad(v.mo)}-${pad(v.d)}T${pad(v.h)}:${pad(v.mi)}:${pad(v.s)}+07:00`;
}

function rfc822Vn(at: Date): string {
  const v = parts(at, true);
  return `${EN_DAYS[v.wd]!}, ${pad(v.d)} ${EN_MONTHS[v.mo - 1]!} ${v.y} ${pad(v.h)}:${pad(v.mi)}:${pad(v.s)} +0700`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function postPath(category: FarmCategory, post: FarmPost): string {
  return `/${category.slug}/${post.slug}-${post.id}.html`;
}

/** Hrefs written three ways, as real portals mix them; the crawler must resolve all to one URL. */
function href(base: string, category: FarmCategory, post: FarmPost, duplicate: boolean): string {
  const path = postPath(category, post);
  const style = post.id % 3;
  const written = style === 0 ? path : style === 1 ? `${base}${path}` : path.slice(1);
  return duplicate ? `${written}#binh-luan` : written;
}

function chrome(portal: FarmPortal, title: string, body: string, charsetMeta: string): string {
  const menu = portal.categories.map((c) => `<li><a href="/${c.slug}">${escapeHtml(c.name)}</a></li>`).join('');
  return `<!DOCTYPE html>
<html lang="vi">
<head>
${charsetMeta}
<title>${escapeHtml(title)} - ${escapeHtml(portal.unit)}</title>
<meta property="article:published_time" content="2019-02-27T17:57:12+0700">
<meta name="DC.Date" content="2019-02-27+0717:57:12">
</head>
<body>
<!-- Mirrored from ${portal.host} by HTTrack Website Copier/3.x [XR&CO'2014], Fri, 08 Oct 2021 09:16:41 GMT -->
<header class="banner"><div class="quoc-huy"></div><h1>CỔNG THÔNG TIN ĐIỆN TỬ ${escapeHtml(portal.unit.toUpperCase())}</h1>
<nav class="menu"><ul>${menu}</ul></nav></header>
<div class="container">${body}
<aside class="sidebar"><h3>Tin mới</h3><ul class="tin-moi">
<li><a href="/tin-noi-bat/ky-niem-ngay-thanh-lap-1.html">Kỷ niệm ngày thành lập</a> <span class="date">(02/09/2023)</span></li>
<li><a href="/tin-noi-bat/hoi-nghi-tong-ket-2.html">Hội nghị tổng kết</a> <span class="date">15/01/2024</span></li>
</ul><div class="counter">Tháng  10 : 1234</div></aside>
</div>
<footer>© Bản quyền thuộc về ${escapeHtml(portal.unit)}. Địa chỉ: số 10 đường Lý Thái Tổ. Điện thoại: 0222.3822.xxx</footer>
<script>var serverTime = 1633683728;</script>
</body>
</html>
`;
}

export interface RenderOptions {
  base: string;
  page: number;
  /** The malformed-HTML fault: unclosed elements, unquoted attributes, stray end tags. */
  malformed: boolean;
  /** <meta> for the declared charset, e.g. windows-1258 pages that say so only in markup. */
  charset: string;
}

/** An HTML listing page of one of the three layouts. */
export function renderListing(
  farm: Farm, portal: FarmPortal, category: FarmCategory, posts: readonly FarmPost[], o: RenderOptions,
): string {
  const { posts: shown, hasNext } = farm.page(category, posts, o.page);
  const overlapFirst = category.overlap && o.page > 1;
  const nextHref = hasNext ? `?page=${o.page + 1}` : null;
  let list: string;
  if (category.kind === 'html-table') {
    const rows = shown
      .map((p, i) => `<tr><td class="text-center">${(o.page - 1) * category.pageSize + i + 1}</td><td><a href="${href(o.base, category, p, overlapFirst && i === 0)}" title="${escapeHtml(p.title)}">${escapeHtml(p.title)}</a></td><td class="text-center">${p.id}/QĐ-UBND</td><td class="text-center">${formatDate(p.at, category.dateForm)}</td></tr>`)
      .join('\n');
    list = `<table class="table-vanban"><thead><tr><th>STT</th><th>Trích yếu</th><th>Số ký hiệu</th><th>Ngày ban hành</th></tr></thead><tbody>\n${rows}\n</tbody></table>
<div class="paging">${nextHref ? `<a class="next" href="${nextHref}">Trang sau</a>` : ''}</div>`;
  } else if (category.kind === 'html-time') {
    const items = shown
      .map((p, i) => `<li><a class="title" href="${href(o.base, category, p, overlapFirst && i === 0)}">${escapeHtml(p.title)}</a> <time datetime="${isoVn(p.at)}">${formatDate(p.at, 'dmy')}</time></li>`)
      .join('\n');
    list = `<ul class="list-post">\n${items}\n</ul><div class="pages">${nextHref ? `<a rel="next" href="${nextHref}">»</a>` : ''}</div>`;
  } else if (o.malformed) {
    const items = shown
      .map((p, i) => `<div class=news-item><h3 class=news-title><a href="${href(o.base, category, p, overlapFirst && i === 0)}">${escapeHtml(p.title)}</a></h3></span>
<span class=news-date>${formatDate(p.at, category.dateForm)}</span><p class="news-sapo">Sáng ngày 15/01/2024, ${escapeHtml(p.title.toLowerCase())}<br>`)
      .join('\n');
    list = `<div class="news-list">\n${items}\n<div class="paging">${nextHref ? `<a class="next" href=${nextHref}>Trang sau</a>` : ''}`;
  } else {
    const items = shown
      .map((p, i) => `<div class="news-item"><h3 class="news-title"><a href="${href(o.base, category, p, overlapFirst && i === 0)}">${escapeHtml(p.title)}</a></h3>
<span class="news-date">${formatDate(p.at, category.dateForm)}</span>
<p class="news-sapo">(${formatDate(new Date(p.at.getTime() - 86_400_000 * 40), 'dash')}) Sáng ngày 15/01/2024, ${escapeHtml(p.title.toLowerCase())}...</p></div>`)
      .join('\n');
    const news = `<div class="news-list">\n${items}\n</div>\n`;
    if (category.kind === 'html-script') {
      // The pager is drawn in the browser from these settings; the HTML links no page.
      list = `${news}<div id="pagination" class="paging"></div>\n<script>drawPager({"itemsPerPage":${category.pageSize},"totalItems":${posts.length},"pageNo":${o.page}});</script>`;
    } else if (category.kind === 'html-postback') {
      const next = hasNext ? `<a class="next" href="javascript:__doPostBack('ctl00$Main$pager','Page$${o.page + 1}')">Trang sau</a>` : '';
      list = `<form method="post" action="/${category.slug}" id="aspnetForm">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="${viewState(category, o.page)}" />
<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="ev${category.slug.length}" />
<input type="hidden" name="__EVENTTARGET" value="" /><input type="hidden" name="__EVENTARGUMENT" value="" />
${news}<div class="paging"><span class="current">${o.page}</span> ${next}</div></form>`;
    } else if (category.kind === 'html-endpoint') {
      list = `${news}<div class="paging" data-total="${posts.length}"></div>\n<script>loadMore('/api/${category.slug}?page=');</script>`;
    } else {
      list = `${news}<div class="paging"><span class="current">${o.page}</span>${nextHref ? ` <a class="next" href="${nextHref}">Trang sau</a>` : ''}</div>`;
    }
  }
  // Malformed tables and lists lose their end tags too.
  if (o.malformed) list = list.replace(/<\/(td|tr|li|tbody)>/g, '');
  const body = `<main class="content"><h2 class="cat-title">${escapeHtml(category.name)}</h2>\n${list}\n</main>`;
  const html = chrome(portal, category.name, body, o.charset);
  // A malformed page also loses its closing tags.
  return o.malformed ? html.replace('</body>\n</html>\n', '') : html;
}

/** The state a WebForms page carries for page n: a posted-back form must return it. */
export function viewState(category: FarmCategory, page: number): string {
  return Buffer.from(`${category.slug}|${page}`).toString('base64');
}

/** The JSON a listing endpoint answers for page n (the page's script renders it). */
export function renderListingJson(farm: Farm, category: FarmCategory, posts: readonly FarmPost[], base: string, page: number): string {
  const { posts: shown } = farm.page(category, posts, page);
  return JSON.stringify({
    data: { total: posts.length, items: shown.map((p) => ({ url: `${base}${postPath(category, p)}`, title: p.title, date: isoVn(p.at) })) },
  });
}

export function renderHome(portal: FarmPortal): string {
  return chrome(portal, 'Trang chủ', '<main class="content"><p>Chào mừng đến với cổng thông tin điện tử.</p></main>', '<meta charset="utf-8">');
}

export function renderPost(portal: FarmPortal, category: FarmCategory, post: FarmPost): string {
  const body = `<main class="content"><article><h2>${escapeHtml(post.title)}</h2><time datetime="${isoVn(post.at)}">${formatDate(post.at, 'dmy-time')}</time><p>${escapeHtml(category.name)}</p></article></main>`;
  return chrome(portal, post.title, body, '<meta charset="utf-8">');
}

export function renderRss(portal: FarmPortal, category: FarmCategory, posts: readonly FarmPost[], base: string): string {
  const items = posts
    .map((p) => `<item><title>${escapeHtml(p.title)}</title><link>${base}${postPath(category, p)}</link><guid isPermaLink="true">${base}${postPath(category, p)}</guid><description>Ngày 1/3 ${escapeHtml(p.title)}</description><pubDate>${rfc822Vn(p.at)}</pubDate></item>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>${escapeHtml(category.name)} - ${escapeHtml(portal.unit)}</title><link>${base}/${category.slug}</link><lastBuildDate>Fri, 08 Oct 2021 09:16:41 GMT</lastBuildDate>
${items}
</channel></rss>
`;
}

export function renderAtom(
  farm: Farm, portal: FarmPortal, category: FarmCategory, posts: readonly FarmPost[], base: string, page: number,
): string {
  const { posts: shown, hasNext } = farm.page(category, posts, page);
  const entries = shown
    .map((p) => `<entry><title>${escapeHtml(p.title)}</title><link rel="alternate" href="${postPath(category, p)}"/><id>tag:${portal.host},2024:${p.id}</id><published>${formatDate(p.at, 'iso-zone')}</published><updated>2021-10-08T09:16:41Z</updated></entry>`)
    .join('\n');
  const next = hasNext ? `<link rel="next" href="${base}/atom/${category.slug}.xml?page=${page + 1}"/>` : '';
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="${base}/"><title>${escapeHtml(category.name)}</title><id>tag:${portal.host},2024:${category.slug}</id><updated>2021-10-08T09:16:41Z</updated>${next}
${entries}
</feed>
`;
}

export function renderSitemapIndex(farm: Farm, category: FarmCategory, posts: readonly FarmPost[], base: string): string {
  const maps = farm
    .sitemapMonths(posts)
    .map((m) => `<sitemap><loc>${base}/sitemap/${category.slug}-${m.month}.xml</loc><lastmod>${isoVn(m.lastmod)}</lastmod></sitemap>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${maps}
</sitemapindex>
`;
}

export function renderSitemap(category: FarmCategory, posts: readonly FarmPost[], base: string): string {
  const urls = posts
    .map((p) => `<url><loc>${base}${postPath(category, p)}</loc><lastmod>2021-10-08</lastmod><news:news><news:publication><news:name>Cổng TTĐT</news:name><news:language>vi</news:language></news:publication><news:publication_date>${isoVn(p.at)}</news:publication_date><news:title>${escapeHtml(p.title)}</news:title></news:news></url>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${urls}
</urlset>
`;
}
