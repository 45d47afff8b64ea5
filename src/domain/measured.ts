/**
 * What the crawler established about a unit's portal for a period, as the report, the review and
 * the API show it. Every figure carries how it was established: a category that could not be read
 * is "unverified" with its reason, never a confident "none".
 */
import type { CategoryStatus } from './evaluation.js';
import { formatNumber } from './text.js';

/** The measured status: the evaluation's three, or "unverified" when the source could not be read. */
export type MeasuredStatus = CategoryStatus | 'unverified';

export interface MeasuredEvidence {
  url: string;
  title: string;
  date: string;
  dateText: string | null;
  foundOn: string;
}

export interface MeasuredCategory {
  name: string;
  status: MeasuredStatus;
  /** Exact when `complete`; otherwise a lower bound, shown "≥ n" and never compared as exact. */
  posts: number | null;
  complete: boolean;
  /** Why: older_post_seen | last_page | total_read | all_documents | empty_sign | more_pages | error. */
  basis: string | null;
  /** Items listed on the pages read, the total the listing states, the pagers followed. */
  listed: number | null;
  total: number | null;
  pagers: string[];
  /** Every item of this page is also listed by other categories: a parent page of boxes. */
  onlyOtherCategories: boolean;
  min: number;
  source: { type: string; url: string };
  latestPostAt: string | null;
  /** Days from the latest post to the crawl, Vietnam calendar days: what editors watch. */
  daysSinceLatest: number | null;
  error: { reason: string; message: string; url: string | null } | null;
  crawledAt: string;
  evidence: MeasuredEvidence[];
}

export interface MeasuredUnit {
  unitId: string;
  /** Distinct posts of the categories that could be counted: a post in two categories counts once. */
  posts: number;
  /** True when every category's count is exact and the run that read them has ended. */
  complete: boolean;
  /** Posts counted by two categories. */
  overlaps: { categories: [string, string]; posts: number }[];
  crawledAt: string;
  categories: MeasuredCategory[];
}

/** What the JSON report shows of a unit's crawl: the figures, not the evidence. */
export interface ReportMeasured {
  posts: number;
  complete: boolean;
  crawledAt: string;
  categories: Pick<MeasuredCategory, 'name' | 'status' | 'posts' | 'complete' | 'latestPostAt' | 'daysSinceLatest' | 'error'>[];
}

export function reportMeasured(unit: MeasuredUnit): ReportMeasured {
  return {
    posts: unit.posts,
    complete: unit.complete,
    crawledAt: unit.crawledAt,
    categories: unit.categories.map(({ name, status, posts, complete, latestPostAt, daysSinceLatest, error }) => ({
      name, status, posts, complete, latestPostAt, daysSinceLatest, error,
    })),
  };
}

/** Why a count is exact, or only a lower bound, in the reader's words (see CompletenessBasis). */
export const COMPLETENESS_BASIS: Record<string, string> = {
  older_post_seen: 'đã đọc tới tin cũ hơn kỳ: số đếm đủ',
  last_page: 'đã đọc tới trang cuối của danh sách: số đếm đủ',
  total_read: 'đã đọc đủ tổng số mục trang công bố: số đếm đủ',
  all_documents: 'đã đọc mọi sitemap: số đếm đủ',
  empty_sign: 'trang ghi rõ danh sách trống: không có tin, đã xác minh',
  more_pages: 'danh sách còn trang sau chưa đọc được: đây chỉ là số tối thiểu',
  error: 'không đọc được hết danh sách',
};

/**
 * Why a source could not be read (the crawler's closed set of reasons, CrawlFailure), in the
 * secretary's words. The stored message after it gives the detail: the address, the HTTP status.
 */
export const FAILURE_LABELS = {
  invalid_url: 'Địa chỉ nguồn tin không hợp lệ',
  host_not_allowed: 'Địa chỉ nằm ngoài các cổng đã đăng ký',
  address_refused: 'Địa chỉ trỏ vào mạng nội bộ, không được phép đọc',
  dns_failed: 'Không tìm thấy tên miền của cổng',
  robots_disallowed: 'Tệp robots.txt của cổng không cho phép đọc trang này',
  robots_unreachable: 'Không đọc được tệp robots.txt của cổng',
  timeout: 'Cổng không trả lời trong thời gian chờ',
  network: 'Lỗi kết nối tới cổng',
  http_error: 'Cổng trả lời lỗi',
  rate_limited: 'Cổng yêu cầu đọc chậm lại',
  too_large: 'Trang quá lớn, vượt giới hạn đọc',
  too_many_redirects: 'Cổng chuyển hướng quá nhiều lần hoặc lặp vòng',
  no_items: 'Không tìm thấy danh sách bài',
  no_dates: 'Không đọc được ngày đăng của bài',
  parse_error: 'Không phân tích được nội dung trang',
  too_many_pages: 'Dừng sau số trang tối đa',
  pager_repeats: 'Trang sau lặp lại trang trước',
  beyond_pages: 'Kỳ đánh giá nằm ngoài các trang đọc được',
  internal: 'Lỗi của hệ thống đọc, không phải của cổng',
} as const;

/** "Cổng trả lời lỗi: HTTP 503": a stored error as the sources page and the CLI show it. */
export function failureText(error: { reason: string; message: string }): string {
  const label = (FAILURE_LABELS as Readonly<Record<string, string>>)[error.reason] ?? 'Không đọc được nguồn tin';
  return error.message.trim() === '' ? label : `${label}: ${error.message}`;
}

/**
 * The status the crawler established for a category, or null when it established none: an
 * unverified source says nothing, and a lower bound ("≥ 3" when more pages were not read) says
 * nothing either unless it already reaches "full" — it must never deduct for a category whose
 * posts were not all counted. The review, the notice and the proposals all read it from here.
 */
export function establishedStatus(category: Pick<MeasuredCategory, 'status' | 'complete'>): CategoryStatus | null {
  if (category.status === 'unverified') return null;
  return category.complete || category.status === 'full' ? category.status : null;
}

/** A unit's established statuses by category name (nameKey), for the rules to compare with its own. */
export function establishedStatuses(categories: readonly Pick<MeasuredCategory, 'name' | 'status' | 'complete'>[], key: (name: string) => string): (name: string) => CategoryStatus | null {
  // Most units have no reading of their portal: a report then keys no name (a key costs a
  // normalisation, and a report asks once per category of every unit).
  if (categories.length === 0) return () => null;
  const byName = new Map(categories.map((c) => [key(c.name), establishedStatus(c)]));
  return (name) => byName.get(key(name)) ?? null;
}

/**
 * Why the posts counted on a unit's portal cannot be held against the articles it reported, or
 * null when they can (an exact count). Without it the check is silently skipped, and a secretary
 * could read that silence as "the counts agree".
 */
export function articleCheckWithheld(unit: Pick<MeasuredUnit, 'complete' | 'categories'>): string | null {
  if (unit.complete) return null;
  const unread = unit.categories.filter((c) => c.status === 'unverified');
  const bounded = unit.categories.filter((c) => c.status !== 'unverified' && !c.complete);
  const why = [
    ...(unread.length > 0 ? [`chưa đọc được ${unread.map((c) => (c.error ? `${c.name} (${failureText(c.error)})` : c.name)).join('; ')}`] : []),
    ...(bounded.length > 0 ? [`chỉ đếm được số tối thiểu ở ${bounded.map(lowerBoundText).join('; ')}`] : []),
  ];
  // Every category whole, yet not exact: the run that read them has not ended. It may be under way,
  // or its machine stopped mid-run (nothing can tell which from here), so both are said.
  if (why.length === 0) why.push('lần đọc cổng chưa kết thúc (đang chạy, hoặc đã dừng giữa chừng và cần cho đọc lại)');
  return `Chưa đối chiếu được số tin, bài đơn vị báo cáo với số đếm trên cổng: ${why.join('; ')}.`;
}

/** A category counted only in part, as the checks name it: "Tin tức (≥ 1.389)". */
export function lowerBoundText(category: Pick<MeasuredCategory, 'name' | 'posts'>): string {
  return `${category.name} (${countText(category.posts, false, formatNumber)})`;
}

/** "7", or "≥ 7" when the count is a lower bound, or "—" when there is none. */
export function countText(posts: number | null, complete: boolean, format: (n: number) => string = String): string {
  if (posts === null) return '—';
  return `${complete ? '' : '≥ '}${format(posts)}`;
}

/** How the crawler reached a listing's later pages, named as the CLI and the sources page show it. */
export const PAGER_LABELS: Readonly<Record<string, string>> = {
  next: 'liên kết trang sau',
  postback: 'gửi lại biểu mẫu (ASP.NET)',
  pages: 'mẫu địa chỉ trang',
  endpoint: 'điểm cuối danh sách',
  sitemap: 'sitemap con',
};
