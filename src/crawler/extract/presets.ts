/**
 * How the portal platforms that many units share list their posts, so their sources need only a URL.
 * Data only: each preset is the keys a sources file could give (README, "Nguồn tin"), checked on real
 * pages saved from the platform (test/fixtures/real-portal/, with their provenance).
 */
import type { ListingRules } from './index.js';

/** Module 22's settings, `decode64('…')` JSON passed to the script that draws its pager. */
const BACNINH_EDU_TOTAL = {
  pattern: String.raw`decode64\('([A-Za-z0-9+/=]+)'\)\),\s*\{"module":"Content\.Listing"[^}]*"id":"22"`,
  decode: 'base64-json',
  key: 'totalItems',
} as const;

export const PRESETS = {
  /**
   * The province's shared education platform (*.bacninh.edu.vn), news list: module 22 is the main
   * listing; the sidebar's "Video Clips" articles (Article-Video) are not posts of the category.
   * Its pager is drawn by script from the settings passed to module 22 as `decode64('…')` JSON,
   * whose `totalItems` says how many posts the category holds: with no page link in the HTML, that
   * total is what tells a complete first page from a truncated one.
   */
  'bacninh-edu-news': {
    item: '#module22 article.Article-News',
    link: 'h4.entry-title > a[href]',
    title: 'h4.entry-title > a',
    date: 'time.post-date',
    total: BACNINH_EDU_TOTAL,
  },
  /** The same platform's legal-document table; the date is the issue date ("Ngày ban hành"). */
  'bacninh-edu-legal': {
    item: 'div.list-legal-document-table tbody tr',
    link: 'td.tg-yw4l > a[href]',
    title: 'td.tg-yw4l > a',
    date: 'td:nth-child(5)',
    total: BACNINH_EDU_TOTAL,
  },
  /**
   * Liferay 6 portals (department sites of provinces, e.g. Sở TT&TT Hà Nội), Asset Publisher list:
   * each post an `.asset-abstract` with its title link and "27/03/2018 | 03:47 PM"; the pager's
   * third button is "next" (`_101_cur=N` links, disabled on the last page) and the results line
   * states the total ("Hiển thị 1 - 20 of 29 kết quả." / "Showing 21 - 29 of 29 results.").
   */
  'liferay-asset-publisher': {
    item: '.asset-abstract',
    link: 'h3.asset-title > a[href]',
    title: 'h3.asset-title > a',
    date: '.assetPublishDate',
    next: 'ul.lfr-pagination-buttons > li:nth-child(3):not(.disabled) > a[href]',
    total: String.raw`class="search-results">\s*(?:Hiển thị|Showing)\s+\d+\s*-\s*\d+\s+(?:of|trên|của)\s+(\d+)`,
  },
  /**
   * VNPT's ASP.NET portal (education departments and their schools, `Default.aspx?sname=…&sid=…&pageid=…`
   * or `/<site>/<sid>/<pageid>/<catid>/<Name>/`), a category's article list: one `li` per post with
   * its "Ngaydang" (dd/mm/yyyy) and title link. Its pager posts the form back
   * (`__doPostBack('ctrl_…$pageArticle$ctl01$ctl01','')`): the page after the current one is the link
   * that follows `span.curpage`. An empty category renders the list's description and pager with
   * no list between them; a parent category renders boxes of its sub-categories (`.ArticleCat`)
   * instead, which are not its own list.
   */
  'vnpt-portal-news': {
    item: '.ArticleInMenu ul.ArticleList > li',
    link: 'h2.Title > a[href]',
    title: 'h2.Title > a',
    date: '.Ngaydang',
    next: '.ArticleInMenu .Paging span.curpage + a[href]',
    empty: '.ArticleInMenu > .ArticleCatDesc + .Paging',
  },
  /**
   * The same platform's issued documents ("Văn bản ban hành", GridView `gvDanhSach`): number, summary
   * link, issue date; "Tổng số: N" states the total, 10 rows a page, and the GridView pager posts
   * back `Page$N` (the page after the current one follows the current page's `span`).
   */
  'vnpt-portal-documents': {
    item: 'table[id$="_gvDanhSach"] tr:has(span[id*="_lbNgayBanHanh_"])',
    link: 'td:nth-child(2) > a[href]',
    title: 'span.summary',
    date: 'span[id*="_lbNgayBanHanh_"]',
    next: 'table[id$="_gvDanhSach"] table td:has(> span) + td > a[href]',
    total: String.raw`_lbTong">\s*Tổng số:\s*(\d+)`,
  },
} as const satisfies Record<string, ListingRules>;

export type PresetName = keyof typeof PRESETS;

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}
