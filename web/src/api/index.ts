/** Typed calls, one per API route the pages use. */
import { request, setCsrfToken } from './client';
import type {
  AuditFilter,
  AuditPage,
  CorrectionInput,
  DeductionsInput,
  Evaluation,
  Group,
  HistoryEntry,
  ImportSummary,
  ManagedUser,
  NewUserInput,
  Period,
  PeriodReport,
  ProvinceSettings,
  PublishInput,
  SelfAssessment,
  SelfAssessmentInput,
  Session,
  Unit,
  UserChangeInput,
} from './types';

const seg = encodeURIComponent;
const periodPath = (period: string) => `/api/periods/${seg(period)}`;
const unitPath = (period: string, unitId: string) => `${periodPath(period)}/units/${seg(unitId)}`;

export const api = {
  async login(username: string, password: string): Promise<Session> {
    const session = await request<Session>('/api/auth/login', {
      method: 'POST',
      body: { username, password },
      quietUnauthenticated: true,
    });
    setCsrfToken(session.csrfToken);
    return session;
  },
  async me(): Promise<Session> {
    const session = await request<Session>('/api/auth/me', { quietUnauthenticated: true });
    setCsrfToken(session.csrfToken);
    return session;
  },
  async logout(): Promise<void> {
    await request<unknown>('/api/auth/logout', { method: 'POST', quietUnauthenticated: true });
    setCsrfToken(null);
  },

  periods: () => request<Period[]>('/api/periods'),
  /** Opens a period; without a deadline self-assessments close at the end of its last day. */
  openPeriod: (id: string, deadline: string | null) =>
    request<Period>('/api/periods', { method: 'POST', body: deadline ? { id, deadline } : { id } }),
  startReview: (period: string) => request<Period>(`${periodPath(period)}/review`, { method: 'POST', body: {} }),
  publish: (period: string, input: PublishInput) =>
    request<Period>(`${periodPath(period)}/publish`, { method: 'POST', body: input }),
  correct: (period: string, input: CorrectionInput) =>
    request<Period>(`${periodPath(period)}/corrections`, { method: 'POST', body: input }),
  ranking: (period: string) => request<PeriodReport>(`${periodPath(period)}/ranking`),
  noticeUrl: (period: string, format: 'docx' | 'pdf' | 'xlsx') => `${periodPath(period)}/notice.${format}`,

  selfAssessment: (period: string, unitId: string) =>
    request<SelfAssessment>(`${unitPath(period, unitId)}/self-assessment`),
  saveSelfAssessment: (period: string, unitId: string, input: SelfAssessmentInput) =>
    request<SelfAssessment>(`${unitPath(period, unitId)}/self-assessment`, { method: 'PUT', body: input }),
  submitSelfAssessment: (period: string, unitId: string, version: number) =>
    request<SelfAssessment>(`${unitPath(period, unitId)}/self-assessment/submit`, { method: 'POST', body: { version } }),

  evaluations: (period: string) => request<Evaluation[]>(`${periodPath(period)}/evaluations`),
  saveDeductions: (period: string, unitId: string, input: DeductionsInput) =>
    request<Evaluation>(`${unitPath(period, unitId)}/deductions`, { method: 'PUT', body: input }),

  importFile(period: string, file: File): Promise<ImportSummary> {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<ImportSummary>(`${periodPath(period)}/import`, { method: 'POST', body: form });
  },

  units: () => request<Unit[]>('/api/units'),
  unitHistory: (unitId: string) => request<HistoryEntry[]>(`/api/units/${seg(unitId)}/history`),
  createUnit: (input: { name: string; groupId: string; portalUrl: string | null }) =>
    request<Unit>('/api/units', { method: 'POST', body: input }),
  renameUnit: (unitId: string, input: { name: string; effectiveOn: string }) =>
    request<Unit>(`/api/units/${seg(unitId)}/rename`, { method: 'POST', body: input }),
  retireUnit: (unitId: string, input: { effectiveOn: string }) =>
    request<Unit>(`/api/units/${seg(unitId)}/retire`, { method: 'POST', body: input }),
  mergeUnit: (unitId: string, input: { intoUnitId: string; effectiveOn: string }) =>
    request<Unit>(`/api/units/${seg(unitId)}/merge`, { method: 'POST', body: input }),
  moveUnit: (unitId: string, input: { position: number }) =>
    request<Unit[]>(`/api/units/${seg(unitId)}/move`, { method: 'POST', body: input }),

  groups: () => request<Group[]>('/api/groups'),
  createGroup: (input: { name: string }) => request<Group>('/api/groups', { method: 'POST', body: input }),
  setGroupCategories: (groupId: string, categories: string[]) =>
    request<Group>(`/api/groups/${seg(groupId)}/categories`, { method: 'PUT', body: { categories } }),

  settings: () => request<ProvinceSettings>('/api/settings'),
  saveSettings: (settings: ProvinceSettings) =>
    request<ProvinceSettings>('/api/settings', { method: 'PUT', body: settings }),

  users: () => request<ManagedUser[]>('/api/users'),
  createUser: (input: NewUserInput) => request<ManagedUser>('/api/users', { method: 'POST', body: input }),
  updateUser: (userId: string, input: UserChangeInput) =>
    request<ManagedUser>(`/api/users/${seg(userId)}`, { method: 'PUT', body: input }),

  audit: (filter: AuditFilter) => request<AuditPage>('/api/audit', { query: { ...filter } }),
};
