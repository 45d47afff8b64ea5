/**
 * The shapes of the HTTP API as the server's presenters produce them (src/http). Declared here
 * rather than imported so that the browser bundle never pulls server code.
 */

export type Role = 'admin' | 'reviewer' | 'unit-editor' | 'viewer';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  unitName: string | null;
  provinceId: string;
  provinceName: string;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** One problem of an uploaded file, by line (CSV, header = 1) or row (XLSX) and column. */
export interface RowProblem {
  line: number;
  column: string | null;
  message: string;
}

export type PeriodStatus = 'open' | 'review' | 'published';

export interface Period {
  id: string;
  from: string;
  to: string;
  status: PeriodStatus;
  noticeNumber: string | null;
  noticeDate: string | null;
  publishedAt: string | null;
  revision: number;
  /** When self-assessments close (an ISO instant). */
  deadline: string;
}

export interface Deduction {
  points: number;
  reason: string;
}

export interface ReportUnit {
  rank: number;
  id: string;
  name: string;
  categories: number;
  full: number;
  partial: number;
  none: number;
  articles: number;
  selfScore: number | null;
  score: number;
  deductions: Deduction[];
}

export interface ReportGroup {
  name: string;
  articles: number;
  units: ReportUnit[];
}

/** The period report: the same JSON as the CLI's `report --format json`. */
export interface PeriodReport {
  period: { id: string; from: string; to: string; status: string };
  groups: ReportGroup[];
  deducted: { name: string; points: number; reasons: string[] }[];
}

export type CategoryStatus = 'full' | 'partial' | 'none';
export type EvaluationState = 'draft' | 'submitted' | 'reviewed';

export interface CategoryEntry {
  name: string;
  status: CategoryStatus;
  evidenceUrl: string | null;
}

export interface CategoryCounts {
  full: number;
  partial: number;
  none: number;
}

/**
 * A unit's evaluation for a period. Groups whose categories are named carry one entry per
 * category; groups known only by their number of categories carry counts and no entries.
 */
export interface SelfAssessment extends CategoryCounts {
  unitId: string;
  unitName: string;
  groupName: string;
  period: string;
  state: EvaluationState;
  categories: CategoryEntry[];
  required: number;
  articles: number;
  selfScore: number | null;
  version: number;
  submittedAt: string | null;
  /** When self-assessments close (an ISO instant). */
  deadline: string;
  deductions: Deduction[];
  score: number;
}

export interface SelfAssessmentInput {
  /** One entry per named category of the group. */
  categories?: CategoryEntry[];
  /** For groups known only by their number of categories. */
  counts?: CategoryCounts;
  articles: number;
  selfScore: number | null;
  version: number;
}

/** What a reviewer sees of one unit: the self-assessment with its evidence and deductions. */
export type Evaluation = SelfAssessment;

export interface DeductionsInput {
  deductions: Deduction[];
  version: number;
}

export interface CorrectionInput {
  reason: string;
  unitId: string;
  deductions: Deduction[];
}

export interface PublishInput {
  number?: string;
  date?: string;
}

export interface Unit {
  id: string;
  name: string;
  groupId: string;
  groupName: string;
  position: number;
  portalUrl: string | null;
  retiredOn: string | null;
  mergedInto: string | null;
}

/** A published version of a period: revision 0 is the notice, each correction adds one. */
export interface Revision {
  revision: number;
  reason: string | null;
  unitId: string | null;
  noticeNumber: string;
  noticeDate: string;
  createdBy: string;
  createdAt: string;
}

/** One change to a unit; the server applies whichever parts are present. */
export interface UnitChange {
  rename?: { name: string; effectiveOn: string };
  retire?: { effectiveOn: string };
  merge?: { intoUnitId: string; effectiveOn: string };
  position?: number;
  groupId?: string;
  portalUrl?: string | null;
}

export interface GroupChange {
  name?: string;
  position?: number;
  categories?: string[];
  requiredCount?: number;
}

export interface Group {
  id: string;
  name: string;
  position: number;
  requiredCount: number;
  categories: { id: string; name: string }[];
}

export interface HistoryEntry {
  period: string;
  status: PeriodStatus;
  score: number;
  selfScore: number | null;
  articles: number;
  full: number;
  partial: number;
  none: number;
  /** Rank within the group; null when the unit was not ranked that month. */
  rank: number | null;
}

export interface ImportSummary {
  period: string;
  format: 'csv' | 'xlsx';
  units: number;
  newUnits: string[];
  newGroups: string[];
  replaced: number;
}

export interface Signer {
  positionLines: string[];
  titleLines: string[];
  name: string;
}

export interface ProvinceSettings {
  parentBody: string;
  issuingBody: string;
  place: string;
  noticeSymbol: string;
  portalShortName: string;
  recipients: string[];
  distribution: string[];
  signer: Signer;
  legalBasis: string[];
  cutOffDay: number;
}

export interface Province {
  id: string;
  name: string;
  settings: ProvinceSettings;
}

export interface ManagedUser extends User {
  active: boolean;
}

export interface NewUserInput {
  username: string;
  password: string;
  displayName?: string;
  role: Role;
  unitId: string | null;
}

export interface UserChangeInput {
  displayName?: string;
  role?: Role;
  unitId?: string | null;
  password?: string;
  active?: boolean;
}

export interface AuditEntry {
  id: string;
  at: string;
  userId: string | null;
  username: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}

export interface AuditFilter {
  entity?: string;
  userId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}
