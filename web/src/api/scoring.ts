/**
 * Typed calls for scoring rules, PAKN, days off, proposals, appeals and the year's report. The
 * shapes are the server's contract (src/contract), imported as types only.
 */
import type {
  Appeal,
  AppealStatus,
  DayChange,
  DecidedDeductions,
  OverdueReport,
  PaknImportSummary,
  PaknItem,
  PeriodProposals,
  ProposalDecision,
  RuleSet,
  RuleValues,
  SpanReport,
  YearCalendar,
} from '../../../src/contract/index.js';
import { request } from './client';

export type {
  Appeal,
  AppealStatus,
  DayChange,
  OverdueReport,
  PaknImportSummary,
  PaknItem,
  PaknOverdueMode,
  PaknState,
  RangeScoreMode,
  PeriodProposals,
  Proposal,
  ProposalDecision,
  RuleSet,
  RuleValues,
  SpanReport,
  UnitProposals,
  YearCalendar,
} from '../../../src/contract/index.js';

const seg = encodeURIComponent;

export const scoringApi = {
  rules: () => request<{ today: string; ruleSets: RuleSet[] }>('/api/rules'),
  createRuleSet: (input: { effectiveFrom: string; note: string; values: Partial<RuleValues> }) =>
    request<RuleSet>('/api/rules', { method: 'POST', body: input }),

  pakn: (filter: { unitId?: string; period?: string }) => request<PaknItem[]>('/api/pakn', { query: filter }),
  importPakn(file: File): Promise<PaknImportSummary> {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<PaknImportSummary>('/api/pakn/import', { method: 'POST', body: form });
  },
  overdue: (period: string) => request<OverdueReport>('/api/pakn/overdue', { query: { period } }),

  daysOff: (year: number) => request<YearCalendar>('/api/days-off', { query: { year } }),
  setDayChange: (change: DayChange) =>
    request<{ dueDatesMoved: number }>(`/api/days-off/${seg(change.date)}`, { method: 'PUT', body: { kind: change.kind, note: change.note } }),
  removeDayChange: (date: string) => request<{ dueDatesMoved: number }>(`/api/days-off/${seg(date)}`, { method: 'DELETE' }),

  proposals: (period: string) => request<PeriodProposals>(`/api/periods/${seg(period)}/proposals`),
  decideProposals: (period: string, unitId: string, decisions: ProposalDecision[]) =>
    request<DecidedDeductions>(
      `/api/periods/${seg(period)}/units/${seg(unitId)}/proposals`,
      { method: 'POST', body: { decisions } },
    ),

  appeals: (filter: { period?: string; status?: AppealStatus } = {}) => request<Appeal[]>('/api/appeals', { query: filter }),
  appealDeadline: (period: string) => request<{ period: string; deadline: string | null }>(`/api/periods/${seg(period)}/appeal-deadline`),
  submitAppeal: (input: { periodId: string; unitId: string; deduction: number; reason: string; evidence: string[] }) =>
    request<Appeal>('/api/appeals', { method: 'POST', body: input }),
  decideAppeal: (id: string, input: { uphold: boolean; reason: string; pointsAfter?: number }) =>
    request<Appeal>(`/api/appeals/${seg(id)}/decision`, { method: 'POST', body: input }),

  /** A year ("2024") or a quarter ("2024-Q1"). */
  spanReport: (span: string) => request<SpanReport>(`/api/reports/${seg(span)}`),
  spanFileUrl: (span: string, format: 'xlsx' | 'docx') => `/api/reports/${seg(span)}/${format}`,
};
