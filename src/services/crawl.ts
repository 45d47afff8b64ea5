/**
 * Crawling the units' portals for a period: runs the crawler over the stored sources, records each
 * unit's results and evidence as the unit finishes (one portal's failure loses nothing of another's),
 * and reads them back as measured figures for the report and for the cross-check against the
 * self-assessments.
 */
import { crawlPortals, type CategoryCrawl, type MeasuredStatus, type PortalCrawl, registeredHosts } from '../crawler/crawl.js';
import { daysBetween, periodWindow } from '../crawler/dates.js';
import { crawlerUserAgent, Fetcher, type FetcherOptions } from '../crawler/fetch.js';
import { type Db, inTransaction } from '../db/connection.js';
import * as crawlsRepo from '../db/repositories/crawls.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';
import type { CrawlResultRow } from '../db/schema.js';
import { CATEGORY_STATUSES, type CategoryStatus } from '../domain/evaluation.js';
import { type CategoryAssessment, type Proposal, proposeDeductions } from '../domain/proposals.js';
import { articlesWithinTolerance } from '../domain/rules.js';
import { nameKey, todayInVietnam } from '../domain/text.js';
import { errors } from '../errors.js';
import { requirePeriodId, getPeriod } from './periods.js';
import { getProvince } from './provinces.js';
import { RegistryMatcher } from './registry.js';
import { ruleSetForPeriod } from './rules.js';
import { portalSources } from './sources.js';

export interface CrawlRunOptions {
  periodId: string;
  /** Only this unit (any name it has carried). */
  unitName?: string;
  /** Let the crawler reach loopback addresses (the portal simulator); private ranges stay refused. */
  allowLoopback?: boolean;
  /** Contact address for the User-Agent (CRAWLER_CONTACT, read by the caller). */
  contact: string;
  /** Fetcher limits (timeouts, concurrency); identity and fences are set here. */
  fetch?: Partial<Omit<FetcherOptions, 'userAgent' | 'allowedHosts' | 'allowLoopback'>>;
  /** Called when a unit starts (with its number of categories) and as each of its categories ends. */
  onProgress?: (event: { unit: string; done: number; total: number }) => void;
}

/** The summary issue 5 specifies for `crawl --json`. */
export interface CrawlSummary {
  period: string;
  units: {
    name: string;
    posts: number;
    categories: { name: string; posts: number | null; status: MeasuredStatus; error?: string }[];
  }[];
}

function describeError(c: CategoryCrawl): string | undefined {
  return c.error ? `${c.error.reason}: ${c.error.message}` : undefined;
}

function resultRows(result: PortalCrawl): crawlsRepo.NewResult[] {
  return result.categories.map((c, i) => resultRow(c, i + 1));
}

/** How one category's crawl is stored. */
export function resultRow(c: CategoryCrawl, position: number): crawlsRepo.NewResult {
  return {
    position,
    category_name: c.name,
    category_key: nameKey(c.name),
    source_type: c.source.type,
    source_url: c.source.url,
    min_posts: c.min,
    status: c.status,
    posts: c.posts,
    latest_post_at: c.latestPostAt,
    pages: c.pages,
    error_reason: c.error?.reason ?? null,
    error_message: c.error?.message ?? null,
    error_url: c.error?.url ?? null,
    crawled_at: c.crawledAt,
    evidence: c.evidence.map((e) => ({ url: e.url, title: e.title, published_at: e.date, date_text: e.dateText, found_on: e.foundOn })),
  };
}

/** Crawls the stored sources for a period and records the results; returns the summary. */
export async function runCrawl(db: Db, provinceId: string, options: CrawlRunOptions): Promise<CrawlSummary> {
  const periodId = requirePeriodId(options.periodId);
  const { settings } = await getProvince(db, provinceId);
  let portals = await portalSources(db, provinceId);
  if (options.unitName !== undefined) {
    const unit = (await RegistryMatcher.load(db, provinceId)).findUnit(options.unitName, todayInVietnam());
    if (!unit) throw errors.notFound(`đơn vị "${options.unitName}"`);
    portals = portals.filter((p) => p.unitId === unit.id);
  }
  if (portals.length === 0) {
    throw errors.validation('Chưa có nguồn tin nào để đọc; hãy nhập bằng "sources import FILE".');
  }
  const run = await crawlsRepo.createRun(db, { provinceId, periodId, units: portals.length });
  const unitIdOf = new Map(portals.map((p) => [p.unit, p.unitId]));
  const fetcher = new Fetcher({
    ...options.fetch,
    userAgent: crawlerUserAgent(options.contact),
    allowedHosts: registeredHosts(portals),
    allowLoopback: options.allowLoopback ?? false,
  });
  const done = new Map<string, number>();
  const finished: PortalCrawl[] = [];
  try {
    for (const p of portals) options.onProgress?.({ unit: p.unit, done: 0, total: p.categories.length });
    await crawlPortals(fetcher, portals, periodWindow(periodId, settings.cutOffDay), {
      onCategory: (portal) => {
        const count = (done.get(portal.unit) ?? 0) + 1;
        done.set(portal.unit, count);
        options.onProgress?.({ unit: portal.unit, done: count, total: portal.categories.length });
      },
      onPortal: async (result) => {
        await inTransaction(db, (trx) => crawlsRepo.insertUnitResults(trx, run.id, unitIdOf.get(result.unit)!, resultRows(result)));
        finished.push(result);
      },
    });
  } finally {
    await fetcher.close();
  }
  await crawlsRepo.finishRun(db, run.id, fetcher.stats.requests);
  const order = new Map(portals.map((p, i) => [p.unit, i]));
  finished.sort((a, b) => order.get(a.unit)! - order.get(b.unit)!);
  return {
    period: periodId,
    units: finished.map((r) => ({
      name: r.unit,
      posts: r.posts,
      categories: r.categories.map((c) => {
        const error = describeError(c);
        return { name: c.name, posts: c.posts, status: c.status, ...(error ? { error } : {}) };
      }),
    })),
  };
}

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
  posts: number | null;
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
  /** Posts of the categories that could be counted. */
  posts: number;
  /** True when every category could be read. */
  complete: boolean;
  crawledAt: string;
  categories: MeasuredCategory[];
}

/**
 * Each unit's latest crawl results for a period (from the newest run that covered it), with the
 * evidence unless `withEvidence` is false (the report shows figures only).
 */
export async function measuredForPeriod(
  db: Db,
  provinceId: string,
  periodId: string,
  { withEvidence = true }: { withEvidence?: boolean } = {},
): Promise<Map<string, MeasuredUnit>> {
  const runs = await crawlsRepo.listRuns(db, provinceId, periodId);
  const results = await crawlsRepo.listResults(db, runs.map((r) => r.id));
  const rank = new Map(runs.map((r, i) => [r.id, i]));
  const newest = new Map<string, string>();
  for (const r of results) {
    const best = newest.get(r.unit_id);
    if (best === undefined || rank.get(r.run_id)! < rank.get(best)!) newest.set(r.unit_id, r.run_id);
  }
  const chosen = results.filter((r) => newest.get(r.unit_id) === r.run_id);
  const evidence = withEvidence ? await crawlsRepo.listEvidence(db, chosen.map((r) => r.id)) : [];
  const evidenceOf = new Map<string, MeasuredEvidence[]>();
  for (const e of evidence) {
    const list = evidenceOf.get(e.result_id) ?? [];
    list.push({ url: e.url, title: e.title, date: e.published_at, dateText: e.date_text, foundOn: e.found_on });
    evidenceOf.set(e.result_id, list);
  }
  const units = new Map<string, MeasuredUnit>();
  for (const r of chosen) {
    const unit = units.get(r.unit_id) ?? { unitId: r.unit_id, posts: 0, complete: true, crawledAt: r.crawled_at, categories: [] };
    const category = presentResult(r, evidenceOf.get(r.id) ?? []);
    unit.categories.push(category);
    unit.posts += category.posts ?? 0;
    unit.complete &&= category.status !== 'unverified';
    if (r.crawled_at > unit.crawledAt) unit.crawledAt = r.crawled_at;
    units.set(r.unit_id, unit);
  }
  return units;
}

function presentResult(r: CrawlResultRow, evidence: MeasuredEvidence[]): MeasuredCategory {
  return {
    name: r.category_name,
    status: r.status as MeasuredStatus,
    posts: r.posts,
    min: r.min_posts,
    source: { type: r.source_type, url: r.source_url },
    latestPostAt: r.latest_post_at,
    daysSinceLatest: r.latest_post_at ? daysBetween(new Date(r.latest_post_at), new Date(r.crawled_at)) : null,
    error: r.error_reason ? { reason: r.error_reason, message: r.error_message ?? '', url: r.error_url } : null,
    crawledAt: r.crawled_at,
    evidence,
  };
}

/** What the JSON report shows of a unit's crawl: the figures, not the evidence. */
export interface ReportMeasured {
  posts: number;
  complete: boolean;
  crawledAt: string;
  categories: Omit<MeasuredCategory, 'evidence' | 'source' | 'crawledAt' | 'min'>[];
}

export function reportMeasured(unit: MeasuredUnit): ReportMeasured {
  return {
    posts: unit.posts,
    complete: unit.complete,
    crawledAt: unit.crawledAt,
    categories: unit.categories.map(({ name, status, posts, latestPostAt, daysSinceLatest, error }) => ({
      name, status, posts, latestPostAt, daysSinceLatest, error,
    })),
  };
}

export interface CrossCheckFinding {
  category: string;
  self: CategoryStatus | null;
  measured: MeasuredStatus;
  posts: number | null;
  min: number;
  latestPostAt: string | null;
  evidence: MeasuredEvidence[];
}

export interface CrossCheckUnit {
  unitId: string;
  unitName: string;
  /** Articles the unit reported and the posts counted (null when some category could not be read). */
  articles: { reported: number; counted: number | null; withinTolerance: boolean | null };
  /** Categories where the portal shows less than the self-assessment says. */
  findings: CrossCheckFinding[];
  /** Deductions the rules propose for the findings, each with the evidence of its categories. */
  proposals: (Proposal & { evidence: { category: string; posts: number | null; min: number; items: MeasuredEvidence[] }[] })[];
  checks: string[];
}

const isStatus = (value: string): value is CategoryStatus => (CATEGORY_STATUSES as readonly string[]).includes(value);
const SEVERITY: Record<CategoryStatus, number> = { full: 0, partial: 1, none: 2 };

/**
 * Issue 5 point 4: where a self-assessment says a category is full (or partial) and the crawl found
 * fewer posts, or the reported articles exceed the counted posts beyond the rule set's tolerance,
 * the proposed deductions with the evidence, for the reviewer to accept or reject.
 */
export async function crossCheck(db: Db, provinceId: string, periodId: string): Promise<CrossCheckUnit[]> {
  const period = await getPeriod(db, provinceId, periodId);
  const [province, rules, evaluations, measured] = await Promise.all([
    getProvince(db, provinceId),
    ruleSetForPeriod(db, provinceId, period.id),
    evaluationsRepo.listForPeriod(db, provinceId, period.id),
    measuredForPeriod(db, provinceId, period.id),
  ]);
  const categories = await evaluationsRepo.listCategories(db, evaluations.map((e) => e.id));
  const out: CrossCheckUnit[] = [];
  for (const e of evaluations) {
    const m = measured.get(e.unit_id);
    if (!m) continue;
    const byKey = new Map(m.categories.map((c) => [nameKey(c.name), c]));
    const findings: CrossCheckFinding[] = [];
    const items: CategoryAssessment[] = [];
    const evidenceById = new Map<string, MeasuredCategory>();
    for (const c of categories.filter((x) => x.evaluation_id === e.id)) {
      const crawl = byKey.get(nameKey(c.name));
      const self = isStatus(c.status) ? c.status : null;
      if (!crawl || crawl.status === 'unverified' || self === null) continue;
      if (SEVERITY[crawl.status] <= SEVERITY[self]) continue;
      const id = c.category_id ?? `${e.id}#${c.position}`;
      findings.push({ category: c.name, self, measured: crawl.status, posts: crawl.posts, min: crawl.min, latestPostAt: crawl.latestPostAt, evidence: crawl.evidence });
      items.push({ id, name: c.name, self, measured: crawl.status });
      evidenceById.set(id, crawl);
    }
    const counted = m.complete ? m.posts : null;
    const result = proposeDeductions(
      {
        categories: { kind: 'statuses', items },
        overduePakn: [],
        articles: { reported: e.articles, counted },
        portalName: province.settings.portalShortName,
      },
      rules,
    );
    const proposals = result.proposals
      .filter((p) => p.origin.kind === 'categories')
      .map((p) => ({
        ...p,
        evidence: (p.origin.kind === 'categories' ? p.origin.ids : []).flatMap((id) => {
          const crawl = evidenceById.get(id);
          return crawl ? [{ category: crawl.name, posts: crawl.posts, min: crawl.min, items: crawl.evidence }] : [];
        }),
      }));
    if (findings.length === 0 && result.checks.length === 0) continue;
    out.push({
      unitId: e.unit_id,
      unitName: e.unit_name,
      articles: { reported: e.articles, counted, withinTolerance: counted === null ? null : articlesWithinTolerance(e.articles, counted, rules) },
      findings,
      proposals,
      checks: result.checks,
    });
  }
  return out;
}
