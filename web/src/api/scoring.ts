/**
 * Typed calls for scoring rules, PAKN, days off, proposals, appeals and the year's report (issue 6).
 * Shapes mirror the server's schemas in src/http/routes/{rules,pakn,appeals,reports}.schema.ts.
 */
import type { RuleValues } from '../../../src/domain/rules.js';
import { request } from './client';

// The rule values are the domain's own type: one definition for the server and the pages.
export type { PaknOverdueMode, RuleValues } from '../../../src/domain/rules.js';

export interface RuleSet extends RuleValues {
  id: string;
  effectiveFrom: string;
  note: string;
  isDefault: boolean;
  inForce: boolean;
}

export type PaknState = 'open' | 'overdue' | 'answered' | 'answered_late';

export interface PaknItem {
  id: string;
  unitId: string;
  unitName: string;
  subject: string;
  receivedAt: string;
  dueDate: string;
  answeredAt: string | null;
  state: PaknState;
}

export interface PaknImportSummary {
  format: 'csv' | 'xlsx';
  records: number;
  inserted: number;
  updated: number;
  computedDueDates: number;
}

export interface OverdueReport {
  period: { id: string; from: string; to: string };
  units: {
    id: string;
    name: string;
    records: {
      id: string;
      subject: string;
      receivedAt: string;
      dueDate: string;
      answeredAt: string | null;
      kind: 'answered_late' | 'open_at_period_end';
      workingDaysLate: number;
    }[];
  }[];
}

export interface DayChange {
  date: string;
  kind: 'off' | 'working';
  note: string;
}

export interface YearCalendar {
  year: number;
  holidays: { date: string; kind: string; name: string; makesUpFor?: string }[];
  changes: DayChange[];
}

export interface Proposal {
  points: number;
  reason: string;
  origin: { kind: 'categories'; status: 'partial' | 'none'; ids: string[]; sources: ('self' | 'crawler')[] } | { kind: 'pakn'; ids: string[] };
  uncappedPoints?: number;
}

export interface UnitProposals {
  unitId: string;
  unitName: string;
  deductions: { points: number; reason: string }[];
  counts: { full: number; partial: number; none: number };
  proposedCounts: { full: number; partial: number; none: number };
  proposals: Proposal[];
  checks: string[];
}

export interface PeriodProposals {
  period: string;
  ruleSet: { id: string; effectiveFrom: string; note: string; isDefault: boolean };
  units: UnitProposals[];
}

export type ProposalDecision =
  | { proposal: number; action: 'accept' | 'reject' }
  | { proposal: number; action: 'edit'; points: number; reason: string };

export type AppealStatus = 'pending' | 'upheld' | 'rejected';

export interface Appeal {
  id: string;
  periodId: string;
  unitId: string;
  unitName: string;
  revision: number;
  deduction: { position: number; points: number; reason: string };
  reason: string;
  evidence: string[];
  status: AppealStatus;
  submittedAt: string;
  submittedBy: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decision: string | null;
  pointsAfter: number | null;
  correctionRevision: number | null;
}

export interface SpanReport {
  year: number;
  quarter?: string;
  periods: string[];
  groups: {
    name: string;
    units: { rank: number; id: string; name: string; months: number; average: number; deductedMonths: number; articles: number }[];
  }[];
}

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
    request<{ deductions: { points: number; reason: string }[]; score: number }>(
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
