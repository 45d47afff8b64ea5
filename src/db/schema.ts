/**
 * The one typed description of the database. Row types elsewhere derive from these
 * (Selectable / Insertable); dates are 'YYYY-MM-DD' text, instants ISO-8601 text, JSON as text.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export interface ProvincesTable {
  id: string;
  name: string;
  /** JSON of ProvinceSettings. */
  settings: string;
  created_at: string;
}

export interface UnitGroupsTable {
  id: string;
  province_id: string;
  name: string;
  name_key: string;
  position: number;
  /** Required categories; follows the list in group_categories when it is known. */
  required_count: number;
  created_at: string;
}

export interface GroupCategoriesTable {
  id: string;
  group_id: string;
  name: string;
  name_key: string;
  position: number;
}

export interface UnitsTable {
  id: string;
  province_id: string;
  group_id: string;
  name: string;
  name_key: string;
  /** Registry order within the province; ties in the ranking keep it. */
  position: number;
  portal_url: string | null;
  /** First day the unit no longer exists (retired or merged), YYYY-MM-DD. */
  retired_on: string | null;
  merged_into: string | null;
  created_at: string;
}

/** Every name a unit has carried, so that old files and notices still find it. */
export interface UnitNamesTable {
  id: string;
  province_id: string;
  unit_id: string;
  name: string;
  name_key: string;
  /** First day the name applied (null: since registration). */
  valid_from: string | null;
  /** Day the unit stopped carrying it (null: current). */
  valid_to: string | null;
}

export interface PeriodsTable {
  province_id: string;
  id: string;
  from_date: string;
  to_date: string;
  status: string;
  notice_number: string | null;
  notice_date: string | null;
  published_at: string | null;
  /** 0 for the first publication; each correction after publishing adds one. */
  revision: Generated<number>;
  created_at: string;
  updated_at: string;
  /** Last instant self-assessments are accepted (ISO); null: the end of the period's last day. */
  deadline: ColumnType<string | null, string | null | undefined, string | null>;
}

type Decimal = ColumnType<number, number, number>;

export interface EvaluationsTable {
  id: string;
  province_id: string;
  period_id: string;
  unit_id: string;
  group_id: string;
  /** The unit's name in that period, as the notice printed it. */
  unit_name: string;
  required: number;
  full_count: number;
  partial_count: number;
  none_count: number;
  articles: number;
  self_score: Decimal | null;
  /** draft | submitted | reviewed */
  state: string;
  submitted_at: string | null;
  /** Optimistic lock: bumped on every write, a stale writer is told. */
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  /** 1 when the unit sent its self-assessment (or a board's file carried its figures), 0 when it did not. */
  reported: ColumnType<number, number | undefined, number>;
  /** JSON of the reviewer's changes to category statuses, each with its reason; null when none. */
  review_overrides: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON array of evidence links for the unit as a whole (categories not named). */
  evidence_urls: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface EvaluationCategoriesTable {
  evaluation_id: string;
  position: number;
  category_id: string | null;
  name: string;
  status: string;
  evidence_url: string | null;
}

export interface DeductionsTable {
  id: string;
  evaluation_id: string;
  position: number;
  points: Decimal;
  reason: string;
  /** What proposed it (JSON), null when typed by a reviewer or imported. */
  origin: string | null;
  created_at: string;
}

export interface Database {
  provinces: ProvincesTable;
  unit_groups: UnitGroupsTable;
  group_categories: GroupCategoriesTable;
  units: UnitsTable;
  unit_names: UnitNamesTable;
  periods: PeriodsTable;
  evaluations: EvaluationsTable;
  evaluation_categories: EvaluationCategoriesTable;
  deductions: DeductionsTable;
}

export type ProvinceRow = Selectable<ProvincesTable>;
export type UnitGroupRow = Selectable<UnitGroupsTable>;
export type GroupCategoryRow = Selectable<GroupCategoriesTable>;
export type UnitRow = Selectable<UnitsTable>;
export type NewUnit = Insertable<UnitsTable>;
export type PeriodRow = Selectable<PeriodsTable>;
export type EvaluationRow = Selectable<EvaluationsTable>;
export type EvaluationCategoryRow = Selectable<EvaluationCategoriesTable>;
export type DeductionRow = Selectable<DeductionsTable>;

// Scoring rules and PAKN deadlines. Points are exact decimals like the deductions'.

export interface RuleSetsTable {
  id: string;
  province_id: string;
  /** First day the rules apply, YYYY-MM-DD. */
  effective_from: string;
  scale: Decimal;
  partial_category_points: Decimal;
  missing_category_points: Decimal;
  /** partial_category | per_answer */
  pakn_overdue_mode: string;
  overdue_answer_points: Decimal;
  pakn_category: string | null;
  cap_per_unit_month: Decimal | null;
  floor: Decimal;
  crawl_tolerance_percent: Decimal;
  pakn_working_days: number;
  appeal_working_days: number;
  /** How a notice covering several months scores a unit: average | lowest | summed. */
  range_score: ColumnType<string, string | undefined, string>;
  note: string;
  created_at: string;
  not_reported_points: ColumnType<number | null, number | null | undefined, number | null>;
  use_crawl_statuses: ColumnType<number, number | undefined, number>;
  deadline_working_days: ColumnType<number, number | undefined, number>;
}

/** A group's named categories as they were when a period opened, so later edits do not rewrite the period. */
export interface PeriodCategoriesTable {
  province_id: string;
  period_id: string;
  group_id: string;
  position: number;
  category_id: string | null;
  name: string;
  name_key: string;
}

export interface PaknRecordsTable {
  id: string;
  province_id: string;
  unit_id: string;
  /** Instant, ISO-8601. */
  received_at: string;
  subject: string;
  /** YYYY-MM-DD. */
  due_date: string;
  /** file | computed */
  due_source: string;
  answered_at: string | null;
  /** Identifies a record across re-imports (unit, receipt instant, normalised subject). */
  record_key: string;
  created_at: string;
  updated_at: string;
}

/** An extra day off ('off') or a weekend day worked ('working') that the government announced. */
export interface DaysOffTable {
  province_id: string;
  date: string;
  kind: string;
  note: string;
  created_at: string;
}

export interface Database {
  rule_sets: RuleSetsTable;
  period_categories: PeriodCategoriesTable;
  pakn_records: PaknRecordsTable;
  days_off: DaysOffTable;
}

export type RuleSetRow = Selectable<RuleSetsTable>;
export type PaknRecordRow = Selectable<PaknRecordsTable>;
export type DayOffRow = Selectable<DaysOffTable>;

// The web application's users, sessions, audit log and published revisions.

export interface UsersTable {
  id: string;
  province_id: string;
  username: string;
  /** normalised, lower-cased username; unique within a province (sign-in tries every province's). */
  username_key: string;
  display_name: string;
  /** scrypt$N$r$p$salt$hash (base64). */
  password_hash: string;
  /** admin | reviewer | unit-editor | viewer */
  role: string;
  unit_id: string | null;
  /** 1 active, 0 disabled (an integer on both databases). */
  active: number;
  /** Where reminders and results go; null: the user gets no e-mail. */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the session cookie's token. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** Fixed-window counters (login attempts), shared by every app instance. */
export interface RateLimitsTable {
  key: string;
  count: number;
  reset_at: string;
}

export interface AuditLogTable {
  id: string;
  province_id: string;
  at: string;
  user_id: string | null;
  username: string;
  entity: string;
  entity_id: string;
  action: string;
  /** JSON of the entity before the change, null for a creation. */
  before: string | null;
  /** JSON of the entity after the change, null for a deletion. */
  after: string | null;
}

/** Each published revision of a period: the report it published, kept when a correction follows. */
export interface PeriodRevisionsTable {
  province_id: string;
  period_id: string;
  revision: number;
  /** Why the correction was made; null for the first publication. */
  reason: string | null;
  unit_id: string | null;
  notice_number: string;
  notice_date: string;
  /** JSON of the PeriodReport. */
  report: string;
  created_by: string;
  created_at: string;
}

export interface NoticeFilesTable {
  province_id: string;
  period_id: string;
  revision: number;
  /** docx | pdf | xlsx */
  format: string;
  file_name: string;
  content_type: string;
  /** base64 */
  content: string;
  created_at: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
  period_revisions: PeriodRevisionsTable;
  notice_files: NoticeFilesTable;
}

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type PeriodRevisionRow = Selectable<PeriodRevisionsTable>;
export type NoticeFileRow = Selectable<NoticeFilesTable>;

// Where each unit's categories are listed on its portal, and what the crawler found.

export interface PortalSourcesTable {
  id: string;
  province_id: string;
  unit_id: string;
  position: number;
  category_name: string;
  category_key: string;
  /** The group's required category, when the group lists its categories by name. */
  category_id: string | null;
  /** Posts in the period needed for "full". */
  min_posts: number;
  /** rss | atom | sitemap | html */
  source_type: string;
  source_url: string;
  /** JSON of the HTML selectors and preset; null for feeds and sitemaps. */
  selectors: string | null;
  created_at: string;
  updated_at: string;
}

export interface CrawlRunsTable {
  id: string;
  province_id: string;
  period_id: string;
  started_at: string;
  /** Null while running, or when the run was interrupted. */
  finished_at: string | null;
  units: number;
  requests: number | null;
}

export interface CrawlResultsTable {
  id: string;
  run_id: string;
  unit_id: string;
  position: number;
  category_name: string;
  category_key: string;
  source_type: string;
  source_url: string;
  min_posts: number;
  /** full | partial | none | unverified */
  status: string;
  /** Null when unverified. */
  posts: number | null;
  latest_post_at: string | null;
  pages: number;
  error_reason: string | null;
  error_message: string | null;
  error_url: string | null;
  crawled_at: string;
  /** 1 when `posts` is the exact count, 0 when a lower bound (or unverified). */
  complete: Generated<number>;
  /** Why: older_post_seen | last_page | total_read | all_documents | empty_sign | more_pages | error. */
  complete_basis: string | null;
  /** Distinct items listed on the pages read, and the total the listing states. */
  listed: number | null;
  listed_total: number | null;
  /** JSON array of the pagers followed (next, postback, pages, endpoint, sitemap). */
  pagers: string | null;
  /** 1 when every item of this page is listed by other categories of the unit (a parent page). */
  only_other_categories: Generated<number>;
}

export interface CrawlEvidenceTable {
  result_id: string;
  position: number;
  url: string;
  title: string;
  /** Instant, ISO-8601. */
  published_at: string;
  date_text: string | null;
  found_on: string;
}

export interface Database {
  portal_sources: PortalSourcesTable;
  crawl_runs: CrawlRunsTable;
  crawl_results: CrawlResultsTable;
  crawl_evidence: CrawlEvidenceTable;
}

export type PortalSourceRow = Selectable<PortalSourcesTable>;
export type CrawlRunRow = Selectable<CrawlRunsTable>;
export type CrawlResultRow = Selectable<CrawlResultsTable>;
export type CrawlEvidenceRow = Selectable<CrawlEvidenceTable>;

// Appeals against published deductions.

export interface AppealsTable {
  id: string;
  province_id: string;
  period_id: string;
  unit_id: string;
  /** The period's revision the appeal was made against. */
  revision: number;
  /** The appealed deduction as it stood then: its place (1-based), points and reason. */
  deduction_position: number;
  deduction_points: Decimal;
  deduction_reason: string;
  reason: string;
  /** JSON array of strings. */
  evidence: string;
  /** pending | upheld | rejected */
  status: string;
  submitted_at: string;
  submitted_by: string;
  decided_at: string | null;
  decided_by: string | null;
  decision: string | null;
  points_after: Decimal | null;
  correction_revision: number | null;
}

export interface Database {
  appeals: AppealsTable;
}

export type AppealRow = Selectable<AppealsTable>;

/** Request slots per origin shared by distributed crawl workers. */
export interface HostSlotsTable {
  origin: string;
  /** Epoch milliseconds from which the next request may start. */
  next_at: number;
}

export interface Database {
  host_slots: HostSlotsTable;
}

/** Provinces the demonstration created: the only ones it may add accounts and months to. */
export interface DemoProvincesTable {
  province_id: string;
  created_at: string;
}

export interface Database {
  demo_provinces: DemoProvincesTable;
}

/** Every e-mail the application sends, once per reason and recipient; the log admins read. */
export interface MailOutboxTable {
  id: string;
  province_id: string;
  /** Why it exists ("reminder:2024-02:<unit id>"); with the recipient, unique. */
  reason: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** pending | sending | sent | failed */
  status: string;
  attempts: number;
  last_error: string | null;
  /** Instant (ISO) before which a failed attempt is not retried. */
  next_attempt_at: string;
  created_at: string;
  sent_at: string | null;
  updated_at: string;
}

export interface Database {
  mail_outbox: MailOutboxTable;
}

export type MailOutboxRow = Selectable<MailOutboxTable>;
