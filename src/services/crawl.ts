/**
 * Crawling the units' portals for a period: runs the crawler over the stored sources, records each
 * unit's results and evidence as the unit finishes (one portal's failure loses nothing of another's),
 * and reads them back as measured figures for the report and for the cross-check against the
 * self-assessments.
 */
import { crawlPortals, type CategoryCrawl, type CompletenessBasis, type PortalCrawl, type PortalSources, registeredOrigins } from '../crawler/crawl.js';
import { daysBetween, periodWindow } from '../crawler/dates.js';
import { crawlerUserAgent, Fetcher, type FetcherOptions } from '../crawler/fetch.js';
import { type Db, inTransaction } from '../db/connection.js';
import * as crawlsRepo from '../db/repositories/crawls.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';
import * as unitsRepo from '../db/repositories/units.js';
import type { CrawlResultRow } from '../db/schema.js';
import { CATEGORY_STATUSES, type CategoryStatus } from '../domain/evaluation.js';
import { articleCheckWithheld, establishedStatus, failureText, lowerBoundText, type MeasuredCategory, type MeasuredEvidence, type MeasuredStatus, type MeasuredUnit } from '../domain/measured.js';
import { type CategoryAssessment, proposeDeductions } from '../domain/proposals.js';
import { articlesWithinTolerance } from '../domain/rules.js';
import { nameKey, todayInVietnam } from '../domain/text.js';
import { errors } from '../errors.js';
import type { CrawlResults, CrossCheck } from '../contract/sources.js';
import { CRAWL_DATA_REFUSALS, workingDataScope } from './access.js';
import type { Actor } from './audit.js';
import { requirePeriodId, getPeriod } from './periods.js';
import { getProvince } from './provinces.js';
import { inRegistryOrder, listUnits, RegistryMatcher } from './registry.js';
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
  fetch?: Partial<Omit<FetcherOptions, 'userAgent' | 'allowedOrigins' | 'allowLoopback'>>;
  /** Called when a unit starts (with its number of categories) and as each of its categories ends. */
  onProgress?: (event: { unit: string; done: number; total: number }) => void;
}

/** The summary `crawl --json` prints: per unit, each category's posts and status. */
export interface CrawlSummary {
  period: string;
  units: {
    name: string;
    posts: number;
    /** Whether every category's count is exact. */
    complete: boolean;
    /** Posts counted by two categories (counted once in `posts`). */
    overlaps: { categories: [string, string]; posts: number }[];
    categories: {
      name: string;
      posts: number | null;
      status: MeasuredStatus;
      /** False: `posts` is a lower bound ("≥ n"). */
      complete: boolean;
      basis: CompletenessBasis;
      onlyOtherCategories?: true;
      error?: string;
    }[];
  }[];
}

function describeError(c: CategoryCrawl): string | undefined {
  return c.error ? failureText(c.error) : undefined;
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
    complete: c.complete ? 1 : 0,
    complete_basis: c.basis,
    listed: c.listed,
    listed_total: c.total,
    pagers: JSON.stringify(c.pagers),
    only_other_categories: c.onlyOtherCategories ? 1 : 0,
    evidence: c.evidence.map((e) => ({ url: e.url, title: e.title, published_at: e.date, date_text: e.dateText, found_on: e.foundOn })),
  };
}

function summarise(r: PortalCrawl): CrawlSummary['units'][number] {
  return {
    name: r.unit,
    posts: r.posts,
    complete: r.complete,
    overlaps: r.overlaps,
    categories: r.categories.map((c) => {
      const error = describeError(c);
      return {
        name: c.name,
        posts: c.posts,
        status: c.status,
        complete: c.complete,
        basis: c.basis,
        ...(c.onlyOtherCategories ? { onlyOtherCategories: true as const } : {}),
        ...(error ? { error } : {}),
      };
    }),
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
    allowedOrigins: registeredOrigins(portals),
    allowLoopback: options.allowLoopback ?? false,
  });
  const done = new Map<string, number>();
  // Only the summary of each finished unit: its evidence is in the database, and holding every
  // unit's until the run ends grew with the whole pass.
  const finished: CrawlSummary['units'] = [];
  try {
    for (const p of portals) options.onProgress?.({ unit: p.unit, done: 0, total: p.categories.length });
    await crawlPortals(fetcher, portals, periodWindow(periodId, settings.cutOffDay), {
      onCategory: (portal) => {
        const count = (done.get(portal.unit) ?? 0) + 1;
        done.set(portal.unit, count);
        options.onProgress?.({ unit: portal.unit, done: count, total: portal.categories.length });
      },
      // Under a delay, a server's portals one after the other: as fast, and each unit's results
      // are held only while it is read.
      ...(fetcher.delayMs > 0 ? { serverOf: (p: PortalSources) => fetcher.serverKeyOf(p.portal) } : {}),
      onPortal: async (result) => {
        await inTransaction(db, (trx) => crawlsRepo.insertUnitResults(trx, run.id, unitIdOf.get(result.unit)!, resultRows(result)));
        finished.push(summarise(result));
      },
    });
  } catch (error) {
    // Each unit is stored whole (one transaction), so a run stopped by an error ends too: what it
    // stored is exact, the units it did not reach keep their earlier results, and the period is not
    // left "being read" for good (its reports uncached, its units never exact).
    await crawlsRepo.finishRun(db, run.id, fetcher.stats.requests).catch(() => undefined);
    throw error;
  } finally {
    await fetcher.close();
  }
  await crawlsRepo.finishRun(db, run.id, fetcher.stats.requests);
  const order = new Map(portals.map((p, i) => [p.unit, i]));
  finished.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  return {
    period: periodId,
    units: finished,
  };
}

/**
 * A period's crawl results as the sources page shows them: each unit's categories with status,
 * count, latest post, error and evidence, in registry order. Staff see every unit (or the one asked
 * for), a unit editor their own.
 */
export async function crawlResults(db: Db, actor: Actor, periodId: string, filter: { unitId?: string } = {}): Promise<CrawlResults> {
  const unitId = workingDataScope(actor, filter.unitId, CRAWL_DATA_REFUSALS);
  const [measured, units] = await Promise.all([measuredForPeriod(db, actor.provinceId, periodId), listUnits(db, actor.provinceId)]);
  return {
    period: periodId,
    units: units.flatMap((u) => {
      const m = measured.get(u.id);
      return m && (unitId === undefined || u.id === unitId) ? [{ ...m, unitName: u.name }] : [];
    }),
  };
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
  // A queued run stores a unit's categories one by one: until the run ends, the unit may have
  // categories still to come, so its sum is not an exact count (each category's own result is whole).
  const ended = new Set(runs.filter((r) => r.finished_at !== null).map((r) => r.id));
  // The evidence is read even without `withEvidence`: counting each post once needs its URL.
  const evidence = await crawlsRepo.listEvidence(db, chosen.map((r) => r.id));
  const evidenceOf = new Map<string, MeasuredEvidence[]>();
  for (const e of evidence) {
    const list = evidenceOf.get(e.result_id) ?? [];
    list.push({ url: e.url, title: e.title, date: e.published_at, dateText: e.date_text, foundOn: e.found_on });
    evidenceOf.set(e.result_id, list);
  }
  const units = new Map<string, MeasuredUnit>();
  for (const r of chosen) {
    const unit = units.get(r.unit_id) ?? { unitId: r.unit_id, posts: 0, complete: ended.has(r.run_id), overlaps: [], crawledAt: r.crawled_at, categories: [] };
    const category = presentResult(r, evidenceOf.get(r.id) ?? []);
    unit.categories.push(category);
    unit.complete &&= category.complete;
    if (r.crawled_at > unit.crawledAt) unit.crawledAt = r.crawled_at;
    units.set(r.unit_id, unit);
  }
  for (const unit of units.values()) {
    const counted = unit.categories.filter((c) => c.posts !== null);
    // Each post once: the categories' counts less the evidence they share.
    const urls = counted.flatMap((c) => c.evidence.map((e) => e.url));
    unit.posts = counted.reduce((n, c) => n + (c.posts ?? 0), 0) - (urls.length - new Set(urls).size);
    for (let i = 0; i < counted.length; i++) {
      const mine = new Set(counted[i]!.evidence.map((e) => e.url));
      for (let j = i + 1; j < counted.length; j++) {
        const shared = counted[j]!.evidence.filter((e) => mine.has(e.url)).length;
        if (shared > 0) unit.overlaps.push({ categories: [counted[i]!.name, counted[j]!.name], posts: shared });
      }
    }
    if (!withEvidence) for (const c of unit.categories) c.evidence = [];
  }
  return units;
}

function presentResult(r: CrawlResultRow, evidence: MeasuredEvidence[]): MeasuredCategory {
  return {
    name: r.category_name,
    status: r.status as MeasuredStatus,
    posts: r.posts,
    complete: r.complete === 1,
    basis: r.complete_basis,
    listed: r.listed,
    total: r.listed_total,
    pagers: r.pagers ? (JSON.parse(r.pagers) as string[]) : [],
    onlyOtherCategories: r.only_other_categories === 1,
    min: r.min_posts,
    source: { type: r.source_type, url: r.source_url },
    latestPostAt: r.latest_post_at,
    daysSinceLatest: r.latest_post_at ? daysBetween(new Date(r.latest_post_at), new Date(r.crawled_at)) : null,
    error: r.error_reason ? { reason: r.error_reason, message: r.error_message ?? '', url: r.error_url } : null,
    crawledAt: r.crawled_at,
    evidence,
  };
}

/** One unit's disagreements between its self-assessment and what its portal shows, with the proposals they lead to. */
type CrossCheckUnit = CrossCheck['units'][number];
type CrossCheckFinding = CrossCheckUnit['findings'][number];

const isStatus = (value: string): value is CategoryStatus => (CATEGORY_STATUSES as readonly string[]).includes(value);
const SEVERITY: Record<CategoryStatus, number> = { full: 0, partial: 1, none: 2 };

/**
 * The cross-check of self-assessments against the crawl: where a self-assessment says a category
 * is full (or partial) and the crawl found fewer posts, or the reported articles exceed the counted
 * posts beyond the rule set's tolerance, the proposed deductions with the evidence, for the
 * reviewer to accept or reject. Staff see every unit (or the one asked for), a unit editor their own.
 */
export async function crossCheck(db: Db, actor: Actor, periodId: string, filter: { unitId?: string } = {}): Promise<CrossCheck> {
  const unitId = workingDataScope(actor, filter.unitId, CRAWL_DATA_REFUSALS);
  const { provinceId } = actor;
  const period = await getPeriod(db, provinceId, periodId);
  const [province, rules, evaluations, measured, registry] = await Promise.all([
    getProvince(db, provinceId),
    ruleSetForPeriod(db, provinceId, period.id),
    evaluationsRepo.listForPeriod(db, provinceId, period.id),
    measuredForPeriod(db, provinceId, period.id),
    unitsRepo.list(db, provinceId),
  ]);
  const categories = await evaluationsRepo.listCategories(db, evaluations.map((e) => e.id));
  const out: CrossCheckUnit[] = [];
  for (const e of inRegistryOrder(evaluations, registry, (row) => row.unit_id)) {
    const m = measured.get(e.unit_id);
    if (!m) continue;
    const byKey = new Map(m.categories.map((c) => [nameKey(c.name), c]));
    const findings: CrossCheckFinding[] = [];
    const items: CategoryAssessment[] = [];
    const evidenceById = new Map<string, MeasuredCategory>();
    const lowerBounds: string[] = [];
    for (const c of categories.filter((x) => x.evaluation_id === e.id)) {
      const crawl = byKey.get(nameKey(c.name));
      const self = isStatus(c.status) ? c.status : null;
      if (!crawl || crawl.status === 'unverified' || self === null) continue;
      // A lower bound says nothing against the self-assessment (unless it already reaches "full").
      if (establishedStatus(crawl) === null) {
        lowerBounds.push(lowerBoundText(crawl));
        continue;
      }
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
    const checks = [...result.checks];
    if (lowerBounds.length > 0) {
      checks.push(`Chỉ đếm được một phần, không dùng để so với tự đánh giá: ${lowerBounds.join('; ')}`);
    }
    // A unit whose articles could not be compared is listed with why, not left out as if they agreed.
    const withheld = articleCheckWithheld(m);
    if (withheld) checks.push(withheld);
    if (findings.length === 0 && checks.length === 0) continue;
    out.push({
      unitId: e.unit_id,
      unitName: e.unit_name,
      articles: { reported: e.articles, counted, withinTolerance: counted === null ? null : articlesWithinTolerance(e.articles, counted, rules) },
      findings,
      proposals,
      checks,
    });
  }
  return { period: period.id, units: unitId === undefined ? out : out.filter((u) => u.unitId === unitId) };
}
