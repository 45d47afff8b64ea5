/**
 * Typed calls for the portal sources and the crawl's results (issue 5). Shapes mirror
 * src/http/routes/sources.schema.ts.
 */
import { request } from './client';

export interface SourceConfig {
  type: 'rss' | 'atom' | 'sitemap' | 'html';
  url: string;
  preset?: string;
  item?: string;
  link?: string;
  title?: string;
  date?: string;
  next?: string;
}

export interface SourceCategory {
  name: string;
  min: number;
  source: SourceConfig;
}

export interface UnitSources {
  unitId: string;
  name: string;
  portal: string;
  categories: SourceCategory[];
}

/** The file `sources import` reads, and PUT /api/sources takes. */
export interface SourcesFile {
  units: { name: string; portal: string; categories: SourceCategory[] }[];
}

export interface SourcesImportSummary {
  units: number;
  categories: number;
  groupsListed: string[];
}

export type MeasuredStatus = 'full' | 'partial' | 'none' | 'unverified';

export interface Evidence {
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
  daysSinceLatest: number | null;
  error: { reason: string; message: string; url: string | null } | null;
  crawledAt: string;
  evidence: Evidence[];
}

export interface MeasuredUnit {
  unitId: string;
  unitName: string;
  posts: number;
  complete: boolean;
  crawledAt: string;
  categories: MeasuredCategory[];
}

export const sourcesApi = {
  list: () => request<{ units: UnitSources[] }>('/api/sources'),
  replace: (file: unknown) => request<SourcesImportSummary>('/api/sources', { method: 'PUT', body: file }),
  crawl: (period: string) => request<{ period: string; units: MeasuredUnit[] }>(`/api/periods/${encodeURIComponent(period)}/crawl`),
};
