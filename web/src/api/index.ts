/** Typed calls, one per API route the pages use. */
import { request, requestFile, setCsrfToken } from './client';
import type {
  AuditFilter,
  AuditPage,
  MailLogFilter,
  MailLogPage,
  CorrectionInput,
  DeductionsInput,
  Evaluation,
  Group,
  HistoryEntry,
  ImportSummary,
  ManagedUser,
  NewUserInput,
  Period,
  PeriodListOffer,
  PeriodWithWarnings,
  PeriodReport,
  Province,
  ProvinceInput,
  ProvinceSettings,
  PublishInput,
  Revision,
  SelfAssessment,
  SelfAssessmentInput,
  Session,
  Unit,
  UnitChange,
  GroupChange,
  UserChangeInput,
  NewsItem,
  NewsDocxInput,
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
  /** Opens a period; without a deadline the server's proposal applies, null closes at the end of its last day. */
  openPeriod: (id: string, deadline?: string | null) =>
    request<PeriodWithWarnings>('/api/periods', { method: 'POST', body: deadline === undefined ? { id } : { id, deadline } }),
  startReview: (period: string) => request<Period>(`${periodPath(period)}/review`, { method: 'POST', body: {} }),
  publish: (period: string, input: PublishInput) =>
    request<Period>(`${periodPath(period)}/publish`, { method: 'POST', body: input }),
  correct: (period: string, input: CorrectionInput) =>
    request<Period>(`${periodPath(period)}/corrections`, { method: 'POST', body: input }),
  ranking: (period: string) => request<PeriodReport>(`${periodPath(period)}/ranking`),
  /** The ranking the menu opens (latest published, else under review, else open); the report names its period. */
  latestRanking: () => request<PeriodReport>('/api/ranking/latest'),
  setDeadline: (period: string, deadline: string | null) =>
    request<PeriodWithWarnings>(periodPath(period), { method: 'PUT', body: { deadline } }),
  revisions: (period: string) => request<Revision[]>(`${periodPath(period)}/revisions`),
  /** The month's news item for the provincial portal (staff). */
  news: (period: string) => request<NewsItem>(`${periodPath(period)}/news`),
  /** The news item as edited in the page, as a Word document. */
  newsDocx: (period: string, input: NewsDocxInput) => requestFile(`${periodPath(period)}/news.docx`, { method: 'POST', body: input }),
  /** The notice file; a revision number names an earlier published version. */
  noticeUrl: (period: string, format: 'docx' | 'pdf' | 'xlsx', revision?: number) =>
    `${periodPath(period)}/notice.${format}${revision === undefined ? '' : `?revision=${revision}`}`,

  selfAssessment: (period: string, unitId: string) =>
    request<SelfAssessment>(`${unitPath(period, unitId)}/self-assessment`),
  saveSelfAssessment: (period: string, unitId: string, input: SelfAssessmentInput) =>
    request<SelfAssessment>(`${unitPath(period, unitId)}/self-assessment`, { method: 'PUT', body: input }),
  submitSelfAssessment: (period: string, unitId: string, version: number) =>
    request<SelfAssessment>(`${unitPath(period, unitId)}/self-assessment/submit`, { method: 'POST', body: { version } }),

  evaluations: (period: string) => request<Evaluation[]>(`${periodPath(period)}/evaluations`),
  saveDeductions: (period: string, unitId: string, input: DeductionsInput) =>
    request<Evaluation>(`${unitPath(period, unitId)}/deductions`, { method: 'PUT', body: input }),

  /** A blank file with every column the import reads. */
  importTemplateUrl: (format: 'csv' | 'xlsx') => `/api/templates/import.${format}`,
  importFile(period: string, file: File): Promise<ImportSummary> {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<ImportSummary>(`${periodPath(period)}/import`, { method: 'POST', body: form });
  },

  units: () => request<Unit[]>('/api/units'),
  unitHistory: (unitId: string) => request<HistoryEntry[]>(`/api/units/${seg(unitId)}/history`),
  createUnit: (input: { name: string; groupId: string; portalUrl: string | null }) =>
    request<Unit>('/api/units', { method: 'POST', body: input }),
  updateUnit: (unitId: string, change: UnitChange) =>
    request<Unit>(`/api/units/${seg(unitId)}`, { method: 'PUT', body: change }),

  groups: () => request<Group[]>('/api/groups'),
  createGroup: (input: { name: string }) => request<Group>('/api/groups', { method: 'POST', body: input }),
  updateGroup: (groupId: string, change: GroupChange) =>
    request<Group>(`/api/groups/${seg(groupId)}`, { method: 'PUT', body: change }),
  /** Open periods whose list for the group is not its list now, and whether the new one may be applied. */
  groupPeriodLists: (groupId: string) => request<PeriodListOffer[]>(`/api/groups/${seg(groupId)}/period-lists`),
  applyGroupListToPeriod: (groupId: string, period: string) =>
    request<PeriodListOffer>(`/api/groups/${seg(groupId)}/period-lists/${seg(period)}`, { method: 'POST', body: {} }),

  province: () => request<Province>('/api/settings'),
  saveSettings: (settings: ProvinceInput['settings']) =>
    request<Province>('/api/settings', { method: 'PUT', body: { settings } }),

  users: () => request<ManagedUser[]>('/api/users'),
  createUser: (input: NewUserInput) => request<ManagedUser>('/api/users', { method: 'POST', body: input }),
  updateUser: (userId: string, input: UserChangeInput) =>
    request<ManagedUser>(`/api/users/${seg(userId)}`, { method: 'PUT', body: input }),

  audit: (filter: AuditFilter) => request<AuditPage>('/api/audit', { query: { ...filter } }),
  mailLog: (filter: MailLogFilter) => request<MailLogPage>('/api/mail-log', { query: { ...filter } }),
};
