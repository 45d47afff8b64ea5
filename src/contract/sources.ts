/** Each unit's portal and the sources of its required categories, and what the crawler found there. */
import { z } from 'zod';
import { proposalOrigin } from './rules.js';

export type { MeasuredStatus } from '../domain/measured.js';

export const sourceConfig = z.object({
  type: z.enum(['rss', 'atom', 'sitemap', 'html']),
  url: z.string(),
  preset: z.string().optional(),
  item: z.string().optional(),
  link: z.string().optional(),
  title: z.string().optional(),
  date: z.string().optional(),
  next: z.string().optional(),
  total: z.union([z.string(), z.object({ pattern: z.string(), decode: z.literal('base64-json').optional(), key: z.string().optional() })]).optional(),
  empty: z.string().optional(),
  emptyText: z.string().optional(),
  pages: z.string().optional(),
  endpoint: z.string().optional(),
  json: z.object({ items: z.string(), url: z.string(), title: z.string().optional(), date: z.string(), total: z.string().optional() }).optional(),
});
export type SourceConfig = z.infer<typeof sourceConfig>;

export const sourceCategory = z.object({ name: z.string(), min: z.number().int(), source: sourceConfig });
export type SourceCategory = z.infer<typeof sourceCategory>;

export const unitSources = z.object({ unitId: z.string(), name: z.string(), portal: z.string(), categories: z.array(sourceCategory) });
export type UnitSources = z.infer<typeof unitSources>;

export const sourcesList = z.object({ units: z.array(unitSources) });
export type SourcesList = z.infer<typeof sourcesList>;

/** The file `sources import` reads and PUT /api/sources takes; the import checks it in full. */
export const sourcesFile = z.object({ units: z.array(z.object({ name: z.string(), portal: z.string(), categories: z.array(sourceCategory) })) });
export type SourcesFile = z.infer<typeof sourcesFile>;

export const sourcesImportSummary = z.object({ units: z.number().int(), categories: z.number().int(), groupsListed: z.array(z.string()) });
export type SourcesImportSummary = z.infer<typeof sourcesImportSummary>;

const measuredStatus = z.enum(['full', 'partial', 'none', 'unverified']);

export const evidence = z.object({ url: z.string(), title: z.string(), date: z.string(), dateText: z.string().nullable(), foundOn: z.string() });
export type Evidence = z.infer<typeof evidence>;

export const measuredCategory = z.object({
  name: z.string(),
  status: measuredStatus,
  /** Exact when `complete`, else a lower bound ("≥ n"). */
  posts: z.number().int().nullable(),
  complete: z.boolean(),
  /** Why the count is exact or a lower bound (older_post_seen, last_page, total_read, all_documents, empty_sign, more_pages, error). */
  basis: z.string().nullable(),
  listed: z.number().int().nullable(),
  total: z.number().int().nullable(),
  pagers: z.array(z.string()),
  /** Every item of this page is also listed by other categories of the unit (a parent page of boxes). */
  onlyOtherCategories: z.boolean(),
  min: z.number().int(),
  source: z.object({ type: z.string(), url: z.string() }),
  latestPostAt: z.string().nullable(),
  daysSinceLatest: z.number().int().nullable(),
  error: z.object({ reason: z.string(), message: z.string(), url: z.string().nullable() }).nullable(),
  crawledAt: z.string(),
  evidence: z.array(evidence),
});
export type MeasuredCategory = z.infer<typeof measuredCategory>;

export const measuredUnit = z.object({
  unitId: z.string(),
  unitName: z.string(),
  /** Distinct posts: one listed in two categories counts once. */
  posts: z.number().int(),
  /** Every category's count is exact. */
  complete: z.boolean(),
  overlaps: z.array(z.object({ categories: z.tuple([z.string(), z.string()]), posts: z.number().int() })),
  crawledAt: z.string(),
  categories: z.array(measuredCategory),
});
export type MeasuredUnit = z.infer<typeof measuredUnit>;

export const crawlResults = z.object({ period: z.string(), units: z.array(measuredUnit) });
export type CrawlResults = z.infer<typeof crawlResults>;

export const crossCheck = z.object({
  period: z.string(),
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      articles: z.object({ reported: z.number().int(), counted: z.number().int().nullable(), withinTolerance: z.boolean().nullable() }),
      findings: z.array(
        z.object({
          category: z.string(),
          self: z.enum(['full', 'partial', 'none']).nullable(),
          measured: measuredStatus,
          posts: z.number().int().nullable(),
          min: z.number().int(),
          latestPostAt: z.string().nullable(),
          evidence: z.array(evidence),
        }),
      ),
      proposals: z.array(
        z.object({
          points: z.number(),
          reason: z.string(),
          origin: proposalOrigin,
          uncappedPoints: z.number().optional(),
          evidence: z.array(z.object({ category: z.string(), posts: z.number().int().nullable(), min: z.number().int(), items: z.array(evidence) })),
        }),
      ),
      checks: z.array(z.string()),
    }),
  ),
});
export type CrossCheck = z.infer<typeof crossCheck>;

/** What "Thử nguồn" found on one listing (POST /api/sources/test, `sources test`). */
export const sourceTrial = z.object({
  period: z.string(),
  source: sourceConfig,
  pages: z.array(
    z.object({
      url: z.string(),
      pager: z.string().nullable(),
      total: z.number().int().nullable(),
      emptySign: z.boolean(),
      items: z.array(z.object({ url: z.string(), title: z.string(), date: z.string().nullable(), dateText: z.string().nullable(), inPeriod: z.boolean() })),
    }),
  ),
  status: measuredStatus,
  posts: z.number().int().nullable(),
  complete: z.boolean(),
  why: z.string(),
  error: z.object({ reason: z.string(), message: z.string(), url: z.string() }).nullable(),
  warnings: z.array(z.string()),
});
export type SourceTrial = z.infer<typeof sourceTrial>;

export const sourceTrialRequest = z.object({
  source: z.unknown().describe('{"type":"html","url":…,"preset"|"item","date",…}: checked by the service, which names the missing key'),
  period: z.string().optional(),
  min: z.number().int().optional(),
});
export type SourceTrialRequest = z.infer<typeof sourceTrialRequest>;
