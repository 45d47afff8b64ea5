/**
 * The portal simulator's world, computed from a seed: portals of Vietnamese government units, their
 * categories, sources and posts, and the faults some portals have. Nothing is stored: every page is
 * derived on request, so thousands of portals cost no memory, and the same seed gives the same farm.
 * The expected figures (posts in the period, least requests) come from the same model.
 */
import { periodWindow, placeInPeriod, type PeriodWindow } from '../dates.js';
import type { PortalSources, SourceConfig } from '../crawl.js';

export const FAULTS = [
  'slow',
  'error500',
  'flaky',
  'redirect-loop',
  'offsite-redirect',
  'malformed',
  'windows-1258',
  'huge',
  'robots',
  'robots-500',
  'rate-limit',
  'rate-limit-hard',
  'gzip',
] as const;
export type Fault = (typeof FAULTS)[number];

/** How a listing is served: three HTML layouts, RSS, paged Atom, a sitemap index by month. */
export type SourceKind =
  | 'html-news'
  | 'html-table'
  | 'html-time'
  | 'rss'
  | 'atom'
  | 'sitemap'
  /** News pages whose pager is drawn by script from a stated totalItems (no next link in the HTML). */
  | 'html-script'
  /** ASP.NET WebForms: the pager posts the form back (`__doPostBack`). */
  | 'html-postback'
  /** Page 1 in the HTML, later pages from a JSON endpoint the page's script calls. */
  | 'html-endpoint';

/** The pagers real platforms build without links, given to news categories when `scriptPagers` is set. */
export const SCRIPT_PAGER_KINDS: readonly SourceKind[] = ['html-script', 'html-postback', 'html-endpoint'];

/** Every date form the simulated portals print, as real Vietnamese portals print them. */
export const DATE_FORMS = [
  'dmy',
  'dmy-time',
  'time-dmy',
  'weekday-dmy',
  'dash',
  'long',
  'rfc822',
  'iso-zone',
  'iso-local',
] as const;
export type DateForm = (typeof DATE_FORMS)[number];

export interface FarmOptions {
  seed: number;
  portals: number;
  /** Categories per portal, at most CATEGORY_NAMES.length. */
  categories: number;
  period: string;
  /** Give the first portals one fault each, in FAULTS order. */
  faults: boolean;
  /**
   * Host names served from one server address, as the sub-sites of one provincial platform are:
   * portals 1..n on the first address, n+1..2n on the next, … Unset: every name on 127.0.0.1
   * (names under .localhost, which the crawler then treats as one server each).
   */
  hostsPerServer?: number;
  /** News listings use the script-built, postback and endpoint pagers instead of next links. */
  scriptPagers?: boolean;
}

export interface FarmPost {
  id: number;
  title: string;
  slug: string;
  at: Date;
}

export interface FarmCategory {
  index: number;
  name: string;
  slug: string;
  kind: SourceKind;
  dateForm: DateForm;
  pageSize: number;
  /** Pages after the first repeat the previous page's last post (a post published mid-crawl). */
  overlap: boolean;
  min: number;
}

export interface FarmPortal {
  index: number;
  /** Host name without port: p0001.farm.localhost (names under .localhost are loopback, RFC 6761). */
  host: string;
  unit: string;
  fault: Fault | null;
  categories: FarmCategory[];
}

export const CATEGORY_NAMES = [
  'Tin tức - Sự kiện',
  'Thông báo',
  'Văn bản chỉ đạo điều hành',
  'Văn bản quy phạm pháp luật',
  'Chiến lược, quy hoạch, kế hoạch',
  'Thủ tục hành chính',
  'Dự thảo văn bản lấy ý kiến',
  'Hỏi đáp - Trả lời kiến nghị',
  'Thông tin tuyên truyền, phổ biến pháp luật',
  'Chương trình, đề tài khoa học',
  'Thông tin về dự án, đầu tư, đấu thầu',
  'Báo cáo thống kê',
  'Thông tin ngân sách',
  'Tuyển dụng',
  'Cải cách hành chính',
  'Chuyển đổi số',
  'Lịch công tác',
  'Thông cáo báo chí',
  'Phát ngôn và cung cấp thông tin',
  'Gương người tốt việc tốt',
  'An toàn giao thông',
  'Phòng chống thiên tai',
] as const;

const UNIT_KINDS = [
  'Sở Tài chính', 'Sở Nội vụ', 'Sở Tư pháp', 'Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Sở Xây dựng',
  'Sở Công Thương', 'Sở Nông nghiệp và Môi trường', 'Sở Khoa học và Công nghệ', 'Sở Văn hóa, Thể thao và Du lịch',
  'UBND huyện Tiên Du', 'UBND huyện Quế Võ', 'UBND thị xã Từ Sơn', 'UBND huyện Gia Bình', 'UBND huyện Lương Tài',
  'UBND xã Đình Bảng', 'UBND phường Võ Cường', 'Trường Tiểu học Đình Bảng 2', 'Trường THCS Từ Sơn',
];

const SUBJECTS = [
  'Hội nghị triển khai nhiệm vụ', 'Tập huấn nghiệp vụ', 'Kiểm tra công tác', 'Tổng kết phong trào thi đua',
  'Lễ ra quân', 'Hướng dẫn thực hiện', 'Kế hoạch tổ chức', 'Thông báo kết quả', 'Đoàn công tác làm việc về',
  'Tuyên truyền về', 'Triển khai đợt cao điểm', 'Sơ kết 6 tháng',
];
const TOPICS = [
  'cải cách hành chính', 'chuyển đổi số', 'an toàn thực phẩm', 'phòng cháy chữa cháy', 'xây dựng nông thôn mới',
  'dịch vụ công trực tuyến', 'phổ biến giáo dục pháp luật', 'bảo vệ môi trường', 'an toàn giao thông',
  'phòng chống thiên tai', 'tiếp công dân', 'quản lý đất đai',
];
const PLACES = ['tại xã Phú Lâm', 'tại phường Đông Ngàn', 'ở huyện Tiên Du', 'trên địa bàn tỉnh', 'tại thị xã Từ Sơn', ''];

/** FNV-1a over the parts: a stable 32-bit seed for one portal, category or post. */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('|')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: small, fast and good enough to scatter posts. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

/** Vietnamese → ASCII slug, as portals make them ("Tin tức - Sự kiện" → "tin-tuc-su-kien"). */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function portalHost(index: number): string {
  return `p${String(index).padStart(4, '0')}.farm.localhost`;
}

/**
 * The loopback address of server `n` (1-based): 127.1.0.1, 127.1.0.2, … Linux routes all of
 * 127.0.0.0/8 to the loopback interface, so each is a distinct listening address on one machine.
 */
export function serverAddress(n: number): string {
  return `127.${1 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
}

export function portalIndex(host: string): number | null {
  const match = /^p(\d{4,})\.farm\.localhost$/i.exec(host);
  return match ? Number(match[1]) : null;
}

const KINDS: readonly SourceKind[] = [
  'html-news', 'html-news', 'html-news', 'html-table', 'html-time', 'rss', 'rss', 'atom', 'sitemap', 'sitemap',
];

const FAULT_PORTAL_KINDS: readonly SourceKind[] = ['html-news', 'rss', 'html-table', 'atom', 'sitemap', 'html-time'];

export class Farm {
  readonly window: PeriodWindow;
  private readonly recent = new Map<string, readonly FarmPost[]>();

  constructor(readonly options: FarmOptions) {
    if (options.categories < 1 || options.categories > CATEGORY_NAMES.length) {
      throw new RangeError(`categories must be 1..${CATEGORY_NAMES.length}`);
    }
    this.window = periodWindow(options.period);
  }

  /** Server addresses in use, one per `hostsPerServer` portals (empty when every name is on 127.0.0.1). */
  serverAddresses(): string[] {
    const per = this.options.hostsPerServer;
    if (per === undefined) return [];
    return Array.from({ length: Math.ceil(this.options.portals / per) }, (_, i) => serverAddress(i + 1));
  }

  /**
   * The farm's own DNS: where a portal's host name points. The crawler is given this resolver, so
   * that hosts sharing a server share its politeness budget, as they would on the Internet.
   */
  readonly resolve = (hostname: string): Promise<{ address: string; family: number }[]> => {
    const index = portalIndex(hostname.toLowerCase());
    const per = this.options.hostsPerServer;
    if (index === null || index < 1 || index > this.options.portals) {
      return Promise.reject(Object.assign(new Error(`${hostname}: not a farm host`), { code: 'ENOTFOUND' }));
    }
    const address = per === undefined ? '127.0.0.1' : serverAddress(Math.ceil(index / per));
    return Promise.resolve([{ address, family: 4 }]);
  };

  portal(index: number): FarmPortal | null {
    if (!Number.isInteger(index) || index < 1 || index > this.options.portals) return null;
    const rand = random(hashSeed(this.options.seed, 'portal', index));
    const fault = this.options.faults && index <= FAULTS.length ? FAULTS[index - 1]! : null;
    const categories: FarmCategory[] = [];
    for (let c = 0; c < this.options.categories; c++) {
      const name = CATEGORY_NAMES[c]!;
      const drawn = KINDS[Math.floor(rand() * KINDS.length)]!;
      // A faulty portal gets a fixed mix, so that each fault meets an HTML listing and a feed.
      const plain = fault ? FAULT_PORTAL_KINDS[c % FAULT_PORTAL_KINDS.length]! : drawn;
      // Drawn after the rest, so that the farm without these pagers stays the same.
      const kind = this.options.scriptPagers && plain === 'html-news' ? SCRIPT_PAGER_KINDS[(index + c) % SCRIPT_PAGER_KINDS.length]! : plain;
      categories.push({
        index: c,
        name,
        slug: slugify(name),
        kind,
        // The date forms rotate so that every form occurs in every farm of a few portals.
        dateForm: DATE_FORMS[(index * 7 + c) % DATE_FORMS.length]!,
        pageSize: kind === 'atom' ? 10 : [8, 10, 12, 15][Math.floor(rand() * 4)]!,
        overlap: rand() < 0.25,
        min: [1, 2, 4][Math.floor(rand() * 3)]!,
      });
    }
    const unit = `${UNIT_KINDS[(index - 1) % UNIT_KINDS.length]!}${index > UNIT_KINDS.length ? ` ${index}` : ''}`;
    return { index, host: portalHost(index), unit, fault, categories };
  }

  /**
   * A category's posts, newest first: some before the period (so the crawler sees where to stop),
   * those of the period, a few after it, and in some categories posts on the period's very edges.
   */
  posts(portal: FarmPortal, category: FarmCategory): readonly FarmPost[] {
    // A listing's pages, feed and sitemaps are asked one after another: a few recent lists are kept.
    const key = `${portal.index}/${category.index}`;
    const cached = this.recent.get(key);
    if (cached) return cached;
    const posts = this.generatePosts(portal, category);
    this.recent.set(key, posts);
    if (this.recent.size > 4096) this.recent.delete(this.recent.keys().next().value!);
    return posts;
  }

  private generatePosts(portal: FarmPortal, category: FarmCategory): FarmPost[] {
    const rand = random(hashSeed(this.options.seed, 'posts', portal.index, category.index));
    const start = this.window.start.getTime();
    const end = this.window.end.getTime() + 1;
    const day = 86_400_000;
    const shape = rand();
    const inPeriod = shape < 0.1 ? 0 : shape < 0.3 ? 1 + Math.floor(rand() * 3) : 4 + Math.floor(rand() * 14);
    const older = 3 + Math.floor(rand() * 12);
    const later = Math.floor(rand() * 3);
    const times: number[] = [];
    for (let i = 0; i < inPeriod; i++) times.push(start + Math.floor(rand() * (end - start)));
    for (let i = 0; i < older; i++) times.push(start - day * 45 + Math.floor(rand() * (day * 45 - 60_000)));
    for (let i = 0; i < later; i++) times.push(end + 60_000 + Math.floor(rand() * day * 4));
    if (rand() < 0.3) {
      // On the edges: 00:00 of the first day and 23:59 of the last are in; a minute outside is not.
      times.push(start, start - 60_000, end - 60_000, end);
    }
    times.sort((a, b) => b - a);
    return times.map((t, i) => {
      const r = random(hashSeed(this.options.seed, 'title', portal.index, category.index, i));
      const place = pick(r, PLACES);
      const title = `${pick(r, SUBJECTS)} ${pick(r, TOPICS)}${place ? ` ${place}` : ''} năm ${new Date(t).getUTCFullYear()}`;
      const id = 10_000 + category.index * 1000 + (times.length - i);
      return { id, title, slug: slugify(title), at: new Date(Math.floor(t / 60_000) * 60_000) };
    });
  }

  /** The posts on listing page `page` (1-based) and whether a next page exists. */
  page(category: FarmCategory, posts: readonly FarmPost[], page: number): { posts: FarmPost[]; hasNext: boolean } {
    const step = category.overlap ? category.pageSize - 1 : category.pageSize;
    const from = (page - 1) * step;
    const slice = posts.slice(from, from + category.pageSize);
    return { posts: slice, hasNext: from + category.pageSize < posts.length };
  }

  baseUrl(portal: FarmPortal, port: number): string {
    return `http://${portal.host}:${port}`;
  }

  sourceFor(portal: FarmPortal, category: FarmCategory, port: number): SourceConfig {
    const base = this.baseUrl(portal, port);
    switch (category.kind) {
      case 'html-news':
        return {
          type: 'html', url: `${base}/${category.slug}`, item: '.news-list .news-item', link: '.news-title a',
          title: '.news-title a', date: '.news-date', next: '.paging a.next',
        };
      case 'html-table':
        return {
          type: 'html', url: `${base}/${category.slug}`, item: 'table.table-vanban tbody tr', link: 'td:nth-child(2) a',
          title: 'td:nth-child(2) a', date: 'td:nth-child(4)', next: '.paging a.next',
        };
      case 'html-time':
        return { type: 'html', url: `${base}/${category.slug}`, item: 'ul.list-post > li', link: 'a.title', next: 'a[rel=next]' };
      case 'html-script':
        return {
          type: 'html', url: `${base}/${category.slug}`, item: '.news-list .news-item', link: '.news-title a', date: '.news-date',
          pages: '?page={n}', total: String.raw`"totalItems":\s*(\d+)`,
        };
      case 'html-postback':
        return { type: 'html', url: `${base}/${category.slug}`, item: '.news-list .news-item', link: '.news-title a', date: '.news-date', next: '.paging a.next' };
      case 'html-endpoint':
        return {
          type: 'html', url: `${base}/${category.slug}`, item: '.news-list .news-item', link: '.news-title a', date: '.news-date',
          endpoint: `/api/${category.slug}?page={n}`, json: { items: 'data.items', url: 'url', title: 'title', date: 'date', total: 'data.total' },
        };
      case 'rss':
        return { type: 'rss', url: `${base}/rss/${category.slug}.rss` };
      case 'atom':
        return { type: 'atom', url: `${base}/atom/${category.slug}.xml` };
      case 'sitemap':
        return { type: 'sitemap', url: `${base}/sitemap/${category.slug}.xml` };
    }
  }

  /** The farm as the JSON that `sources import` reads. */
  sources(port: number, indexes?: readonly number[]): PortalSources[] {
    const list = indexes ?? Array.from({ length: this.options.portals }, (_, i) => i + 1);
    return list.flatMap((i) => {
      const portal = this.portal(i);
      if (!portal) return [];
      return [{
        unit: portal.unit,
        portal: `${this.baseUrl(portal, port)}/`,
        categories: portal.categories.map((c) => ({ name: c.name, min: c.min, source: this.sourceFor(portal, c, port) })),
      }];
    });
  }

  /** Posts of the period in a category, as a correct crawler must count them. */
  expectedPosts(portal: FarmPortal, category: FarmCategory): number {
    return this.posts(portal, category).filter((p) => placeInPeriod(p.at, this.window) === 'within').length;
  }

  /**
   * The fewest documents a crawler must read for a category: listing pages up to the first that
   * reaches a post older than the period; for a sitemap, the index and the months it can be in.
   */
  minimumRequests(portal: FarmPortal, category: FarmCategory): number {
    const posts = this.posts(portal, category);
    if (category.kind === 'rss') return 1;
    if (category.kind === 'sitemap') return 1 + this.sitemapMonths(posts).filter((m) => placeInPeriod(m.lastmod, this.window) !== 'before').length;
    const pageSize = category.kind === 'atom' ? 10 : category.pageSize;
    for (let page = 1; ; page++) {
      const { posts: shown, hasNext } = this.page({ ...category, pageSize }, posts, page);
      if (!hasNext || shown.some((p) => placeInPeriod(p.at, this.window) === 'before')) return page;
    }
  }

  /** Posts grouped by Vietnam calendar month, newest month first, each with its newest post as lastmod. */
  sitemapMonths(posts: readonly FarmPost[]): { month: string; lastmod: Date; posts: FarmPost[] }[] {
    const months = new Map<string, FarmPost[]>();
    for (const p of posts) {
      const month = new Date(p.at.getTime() + 7 * 3_600_000).toISOString().slice(0, 7);
      months.set(month, [...(months.get(month) ?? []), p]);
    }
    return [...months.entries()].map(([month, list]) => ({ month, lastmod: list[0]!.at, posts: list }));
  }
}
