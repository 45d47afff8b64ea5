/**
 * "Thử nguồn" / `sources test URL`: reads one listing as the crawl would (its pages too, through the
 * same polite fetcher), and says what it found: the items with their dates, the pagers followed,
 * the period's count and whether it is exact and why. Nothing is stored. A source that cannot work
 * is refused naming the missing key and what it means.
 */
import { z } from 'zod';
import { crawlCategory, type PageRead } from '../crawler/crawl.js';
import { periodWindow } from '../crawler/dates.js';
import { htmlRules, type SourceConfig } from '../crawler/extract/index.js';
import { PRESETS } from '../crawler/extract/presets.js';
import { admittedOrigins, crawlerUserAgent, Fetcher } from '../crawler/fetch.js';
import type { Db } from '../db/connection.js';

import { COMPLETENESS_BASIS, failureText, type MeasuredStatus } from '../domain/measured.js';
import { errors } from '../errors.js';
import type { SourceTrial } from '../contract/sources.js';
import type { Actor } from './audit.js';
import { requirePeriodId } from './periods.js';
import { getProvince } from './provinces.js';
import { sourceSchema } from './sources.js';
import { assertStaff } from './access.js';

export interface SourceTrialInput {
  source: unknown;
  /** YYYY-MM; defaults to the current month. */
  period?: string;
  /** The category's minimum, for the status; 1 by default. */
  min?: number;
}

export interface SourceTrialOptions {
  contact: string;
  allowLoopback?: boolean;
  maxPages?: number;
  now?: () => Date;
}

/** What trying one source found: the pages read, their items and dates, the count and why. */
export type { SourceTrial };

const KEY_MEANINGS = {
  item: 'bộ chọn CSS của một mục (một tin, bài) trong danh sách',
  date: 'bộ chọn CSS của ngày đăng trong mỗi mục; mặc định time[datetime]',
} as const;

function describePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** Checks the source, naming each missing or wrong key with what it is for. */
function checkedSource(input: unknown): { source: SourceConfig; warnings: string[] } {
  const parsed = sourceSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = describePath(issue.path) || 'type';
    throw errors.validation(`Nguồn chưa hợp lệ ở khóa "${key}": ${issue.message}`);
  }
  const source = parsed.data as SourceConfig;
  const warnings: string[] = [];
  if (source.type === 'html') {
    if (!htmlRules(source)) {
      throw errors.validation(
        `Thiếu khóa "item" (${KEY_MEANINGS.item}) hoặc "preset" (một nền tảng có sẵn: ${Object.keys(PRESETS).join(', ')}).`,
      );
    }
    if (source.date === undefined && source.preset === undefined) {
      warnings.push(
        `Không có khóa "date" (${KEY_MEANINGS.date}): nếu các mục không có thẻ <time datetime>, không mục nào có ngày và chuyên mục sẽ luôn "chưa xác minh".`,
      );
    }
  }
  return { source, warnings };
}

/** Tries one source for a period; staff only (it makes the server fetch an address). */
export async function trySource(db: Db, actor: Actor, input: SourceTrialInput, options: SourceTrialOptions): Promise<SourceTrial> {
  assertStaff(actor, 'Chỉ Ban biên tập được thử nguồn tin.');
  const { source, warnings } = checkedSource(input.source);
  const now = options.now ?? (() => new Date());
  const period = requirePeriodId(input.period ?? now().toISOString().slice(0, 7));
  const min = input.min ?? 1;
  if (!Number.isInteger(min) || min < 1 || min > 1000) throw errors.validation('Khóa "min" (số tin tối thiểu) phải là số nguyên từ 1 đến 1000.');
  const { settings } = await getProvince(db, actor.provinceId);
  const window = periodWindow(period, settings.cutOffDay);
  const fetcher = new Fetcher({
    userAgent: crawlerUserAgent(options.contact),
    allowedOrigins: new Set(admittedOrigins(source.url)),
    allowLoopback: options.allowLoopback ?? false,
  });
  const pages: PageRead[] = [];
  try {
    const result = await crawlCategory(fetcher, { name: 'Thử nguồn', min, source }, window, {
      maxPages: options.maxPages ?? 10,
      now,
      onPage: (page) => pages.push(page),
    });
    const within = (d: Date | null): boolean => d !== null && d >= window.start && d <= window.end;
    return {
      period,
      source,
      pages: pages.map((p) => ({
        url: p.url,
        pager: p.pager,
        total: p.total,
        emptySign: p.emptySign,
        items: p.items.map((i) => ({ url: i.url, title: i.title, date: i.date?.toISOString() ?? null, dateText: i.dateText, inPeriod: within(i.date) })),
      })),
      status: result.status,
      posts: result.posts,
      complete: result.complete,
      why: result.error ? failureText(result.error) : (COMPLETENESS_BASIS[result.basis] ?? result.basis),
      error: result.error,
      warnings,
    };
  } finally {
    await fetcher.close();
  }
}
