/** Periods, their published revisions, the period report and a period's import. */
import { z } from 'zod';
import { PERIOD_STATUSES } from '../domain/period.js';
import type { PeriodReport } from '../domain/report.js';
import { RANGE_SCORE_MODES } from '../domain/rules.js';
import { deduction, deductionInput, id, isoDate, periodId, requiredText, type Same, text } from './common.js';

export type { PeriodStatus } from '../domain/period.js';
export type { PeriodReport, ReportGroup, ReportUnit } from '../domain/report.js';

export const period = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  status: z.enum(PERIOD_STATUSES),
  noticeNumber: z.string().nullable(),
  noticeDate: z.string().nullable(),
  publishedAt: z.string().nullable(),
  revision: z.number().int(),
  deadline: z.string().describe('Hạn nộp tự đánh giá (ISO)'),
});
export type Period = z.infer<typeof period>;

/** One period as its page reads it: whether its self-assessment deadline passed, and whom an editor asks then. */
export const periodDetail = period.extend({
  deadlinePassed: z.boolean().describe('Hạn nộp tự đánh giá đã qua'),
  contact: z.string().nullable().describe('Liên hệ của Ban Biên tập (cài đặt của tỉnh); null khi chưa ghi'),
});
export type PeriodDetail = z.infer<typeof periodDetail>;

/** A period just opened or given a new deadline, with what the board should know (a deadline already past). */
export const periodWithWarnings = period.extend({ warnings: z.array(z.string()) });
export type PeriodWithWarnings = z.infer<typeof periodWithWarnings>;

/** The deadline proposed for opening a period now: a rule-set number of working days after today. */
export const openProposal = z.object({
  period: z.string(),
  deadline: z.string().describe('Hạn đề xuất (ISO, cuối ngày, giờ Việt Nam)'),
  workingDays: z.number().int(),
  today: z.string().describe('Hôm nay (YYYY-MM-DD, giờ Việt Nam)'),
  periodEnd: z.string().describe('Ngày cuối kỳ (YYYY-MM-DD)'),
});
export type OpenProposal = z.infer<typeof openProposal>;

const measuredStatus = z.enum(['full', 'partial', 'none', 'unverified']);

const reportUnit = z.object({
  rank: z.number().int(),
  id: z.string(),
  name: z.string(),
  categories: z.number().int(),
  full: z.number().int(),
  partial: z.number().int(),
  none: z.number().int(),
  articles: z.number().int(),
  selfScore: z.number().nullable(),
  score: z.number(),
  deductions: z.array(deduction),
  reported: z.boolean().describe('false: đơn vị không gửi tự đánh giá'),
  measured: z
    .object({
      posts: z.number().int(),
      complete: z.boolean(),
      crawledAt: z.string(),
      categories: z.array(
        z.object({
          name: z.string(),
          status: measuredStatus,
          posts: z.number().int().nullable(),
          complete: z.boolean(),
          latestPostAt: z.string().nullable(),
          daysSinceLatest: z.number().int().nullable(),
          error: z.object({ reason: z.string(), message: z.string(), url: z.string().nullable() }).nullable(),
        }),
      ),
    })
    .optional()
    .describe('Số tin đọc được trên cổng của đơn vị; không có khi chưa đọc'),
});

export const periodReport = z
  .object({
    period: z.object({ id: z.string(), from: z.string(), to: z.string(), status: z.string() }),
    rules: z.object({ id: z.string(), effectiveFrom: z.string(), note: z.string(), isDefault: z.boolean(), scale: z.number() }),
    range: z
      .object({ periods: z.array(z.string()), scoreMode: z.enum(RANGE_SCORE_MODES) })
      .optional()
      .describe('Chỉ có ở công văn nhiều tháng: các tháng được gộp và cách tính điểm'),
    groups: z.array(z.object({ name: z.string(), articles: z.number().int(), units: z.array(reportUnit) })),
    deducted: z.array(z.object({ name: z.string(), points: z.number(), reasons: z.array(z.string()) })),
  })
  .describe('Bảng xếp hạng: đúng JSON của lệnh report --format json');
// The report is built by the domain; this schema documents and checks it without restating its type.
const reportMatches: Same<z.infer<typeof periodReport>, PeriodReport> = true;
void reportMatches;

export const revision = z.object({
  revision: z.number().int(),
  reason: z.string().nullable(),
  unitId: z.string().nullable(),
  noticeNumber: z.string(),
  noticeDate: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
/** A published version of a period: revision 0 is the notice, each correction adds one. */
export type Revision = z.infer<typeof revision>;

const instant = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'Thời điểm không hợp lệ (ISO 8601).');

export const openPeriodInput = z.object({ id: periodId, deadline: instant.nullable().optional() });
export const deadlineInput = z.object({ deadline: instant.nullable() });

export const publishInput = z.object({
  number: text(50).optional(),
  date: isoDate.optional(),
  notReported: z.literal('apply-rule').optional().describe('Công bố đơn vị không gửi tự đánh giá theo quy tắc'),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/u).optional().describe('Dấu của bản xem trước; khác thì từ chối (409 preview_stale)'),
});
export type PublishInput = z.input<typeof publishInput>;
export const previewInput = publishInput.omit({ fingerprint: true });

/** Several months in one notice: "2023-01..2023-02". */
export const periodRangeId = z
  .string()
  .regex(/^\d{4}-\d{2}\.\.\d{4}-\d{2}$/u)
  .describe('Khoảng kỳ YYYY-MM..YYYY-MM, ví dụ 2023-01..2023-02');
export const rangePublishInput = previewInput;

const unitRef = z.object({ unitId: z.string(), unitName: z.string() });
const noticeFile = z.object({ fileName: z.string(), contentType: z.string(), base64: z.string() });

/** What publishing would fix: the checklist, the report and the notice files, with the fingerprint to publish it. */
export const publishPreview = z.object({
  period: z.string(),
  number: z.string(),
  date: z.string(),
  fingerprint: z.string(),
  checklist: z.object({
    notReported: z.array(unitRef),
    undecided: z.array(unitRef),
    settingsMissing: z.array(z.string()),
    selfAssessmentOpen: z.boolean(),
    items: z.array(
      z.object({ key: z.enum(['not-reported', 'undecided', 'settings', 'open']), ok: z.boolean(), blocking: z.boolean(), message: z.string() }),
    ),
  }),
  report: periodReport,
  files: z.object({ pdf: noticeFile, docx: noticeFile, xlsx: noticeFile }),
});
export type PublishPreview = z.infer<typeof publishPreview>;

export const correctionInput = z.object({ reason: requiredText(1000), unitId: id, deductions: z.array(deductionInput).max(50) });
export type CorrectionInput = z.input<typeof correctionInput>;

export const importSummary = z.object({
  period: z.string(),
  format: z.enum(['csv', 'xlsx']),
  units: z.number().int(),
  newUnits: z.array(z.string()),
  newGroups: z.array(z.string()),
  replaced: z.number().int(),
  warnings: z
    .array(z.object({ line: z.number().int(), unit: z.string(), implied: z.number(), carried: z.number(), message: z.string() }))
    .describe('Đơn vị có số chuyên mục mà theo quy tắc phải trừ điểm nhiều hơn tệp ghi; số liệu vẫn nhập đúng như tệp'),
});
export type ImportSummary = z.infer<typeof importSummary>;
