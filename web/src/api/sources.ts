/**
 * Typed calls for the portal sources and the crawl's results. The shapes are the server's contract
 * (src/contract), imported as types only.
 */
import type { CrawlResults, SourceTrial, SourceTrialRequest, SourcesImportSummary, UnitSources } from '../../../src/contract/index.js';
import { request } from './client';

export type {
  Evidence,
  MeasuredCategory,
  MeasuredStatus,
  MeasuredUnit,
  SourceCategory,
  SourceConfig,
  SourcesFile,
  SourcesImportSummary,
  SourceTrial,
  UnitSources,
} from '../../../src/contract/index.js';

export const sourcesApi = {
  list: () => request<{ units: UnitSources[] }>('/api/sources'),
  replace: (file: unknown) => request<SourcesImportSummary>('/api/sources', { method: 'PUT', body: file }),
  /** "Thử nguồn": reads one listing now, stores nothing. */
  test: (body: SourceTrialRequest) => request<SourceTrial>('/api/sources/test', { method: 'POST', body }),
  crawl: (period: string) => request<CrawlResults>(`/api/periods/${encodeURIComponent(period)}/crawl`),
};
