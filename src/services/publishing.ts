/**
 * Publishing a period and correcting it afterwards. Publishing locks the period, numbers and
 * dates its notice, and stores the report and the DOCX/PDF/XLSX it published as revision 0. A
 * correction never overwrites: it changes one unit's deductions with a reason, and stores the
 * result as the next revision beside the earlier ones, which stay readable and downloadable.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/connection.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';
import * as groupsRepo from '../db/repositories/groups.js';
import * as periodsRepo from '../db/repositories/periods.js';
import * as revisionsRepo from '../db/repositories/revisions.js';
import * as unitsRepo from '../db/repositories/units.js';
import { nowIso } from '../db/ids.js';
import type { PeriodRow } from '../db/schema.js';
import { buildNoticeModel, type NoticeModel } from '../documents/notice-model.js';
import { canReadPeriodData, isStaff } from '../domain/access.js';
import type { PeriodStatus } from '../domain/period.js';
import type { ProvinceSettings } from '../domain/province.js';
import type { ResultDeduction } from '../domain/review.js';
import { normalizeText, splitIsoDate, todayInVietnam } from '../domain/text.js';
import { stepAllowed, stepRefusal } from '../domain/workflow.js';
import { errors } from '../errors.js';
import type { Revision } from '../contract/periods.js';
import { type Actor, recordAudit } from './audit.js';
import { nextNoticeNumber, type NoticeFormat, type RenderedNotice, renderNoticeFile, renderPeriodNotice } from './notice.js';
import { queueResultMails } from './mail.js';
import { lockPeriodRow, presentPeriod } from './periods.js';
import type { DeductionOrigin } from './proposals.js';
import { getProvince } from './provinces.js';
import type { PeriodReport } from '../domain/report.js';
import { parseRange, reportFromResults } from './report.js';
import { periodResults, type PeriodResults } from './results.js';
import { cleanDeductions, type DeductionInput, presentWorkflowPeriod, type WorkflowPeriod } from './review.js';
import { requirePeriodRow } from './self-assessment.js';
import { SETTINGS_FIELDS } from './settings.js';
import { refuseRace } from './races.js';

export const NOTICE_FORMATS: readonly NoticeFormat[] = ['docx', 'pdf', 'xlsx'];

function assertStaff(actor: Actor): void {
  if (!isStaff(actor)) throw errors.forbidden('Chỉ Ban biên tập (thư ký, quản trị) được công bố hoặc đính chính.');
}

/** What the reviewer asks to publish: number and date (defaults: the next number, today). */
export interface PublishInput {
  number?: string;
  date?: string;
  /** Publish units that did not report under the rule set's treatment for them. */
  notReported?: 'apply-rule';
  /** The fingerprint of the preview the reviewer saw: publishing refuses anything else. */
  fingerprint?: string;
  /** False when the publication is an earlier notice imported back: its results were sent then. */
  mail?: boolean;
}

export interface UnitRef {
  unitId: string;
  unitName: string;
}

export type ChecklistKey = 'not-reported' | 'undecided' | 'settings' | 'open';

export interface PublishChecklist {
  /** Active units with neither a submitted self-assessment nor the board's finding. */
  notReported: UnitRef[];
  /** Units that reported, whose computed deductions the reviewer has not confirmed (they publish as computed). */
  undecided: UnitRef[];
  /** Settings the notice needs that are empty (their Vietnamese labels). */
  settingsMissing: string[];
  /** The period is still open for self-assessment. */
  selfAssessmentOpen: boolean;
  items: { key: ChecklistKey; ok: boolean; blocking: boolean; message: string }[];
}

/** Everything a publication fixes, built once: the report, the notice model and its fingerprint. */
interface Prepared {
  row: PeriodRow;
  number: string;
  date: string;
  results: PeriodResults;
  report: PeriodReport;
  model: NoticeModel;
  checklist: PublishChecklist;
  fingerprint: string;
}

/** Settings the notice cannot do without, by the field names of SETTINGS_FIELDS. */
const NEEDED_SETTINGS = ['parentBody', 'issuingBody', 'place', 'recipients', 'signer.positionLines', 'signer.name'] as const;

function missingSettings(settings: ProvinceSettings): string[] {
  const empty = (field: (typeof NEEDED_SETTINGS)[number]): boolean => {
    switch (field) {
      case 'recipients':
        return settings.recipients.every((l) => !l.trim());
      case 'signer.positionLines':
        return settings.signer.positionLines.every((l) => !l.trim());
      case 'signer.name':
        return !settings.signer.name.trim();
      default:
        return !settings[field].trim();
    }
  };
  return NEEDED_SETTINGS.filter(empty).map((f) => SETTINGS_FIELDS[f].label);
}

function checklistOf(row: PeriodRow, results: PeriodResults, settings: ProvinceSettings, applyRule: boolean): PublishChecklist {
  const ref = (r: PeriodResults['units'][number]): UnitRef => ({ unitId: r.evaluation.unit_id, unitName: r.evaluation.unit_name });
  const notReported = results.units.filter((r) => r.result.status === 'not-reported').map(ref);
  const undecided = results.units.filter((r) => r.result.status === 'reported' && !r.result.confirmed && r.result.computed.length > 0).map(ref);
  const settingsMissing = missingSettings(settings);
  const selfAssessmentOpen = row.status === 'open';
  const names = (units: UnitRef[]) => units.map((u) => u.unitName).join(', ');
  return {
    notReported,
    undecided,
    settingsMissing,
    selfAssessmentOpen,
    items: [
      {
        key: 'not-reported',
        ok: notReported.length === 0,
        blocking: notReported.length > 0 && !applyRule,
        message:
          notReported.length === 0
            ? 'Mọi đơn vị đã gửi tự đánh giá hoặc đã có kết quả Ban Biên tập ghi nhận.'
            : `${notReported.length} đơn vị không gửi tự đánh giá: ${names(notReported)}. ` +
              (applyRule ? 'Sẽ áp dụng quy tắc cho đơn vị không gửi tự đánh giá.' : 'Cần ghi nhận kết quả hoặc chọn áp dụng quy tắc.'),
      },
      {
        key: 'undecided',
        ok: undecided.length === 0,
        blocking: false,
        message:
          undecided.length === 0
            ? 'Mọi đề xuất trừ điểm đã được quyết định.'
            : `${undecided.length} đơn vị còn đề xuất trừ điểm chưa quyết định (sẽ công bố theo điểm tính theo quy tắc): ${names(undecided)}.`,
      },
      {
        key: 'settings',
        ok: settingsMissing.length === 0,
        blocking: false,
        message: settingsMissing.length === 0 ? 'Cấu hình công văn đã đủ.' : `Cấu hình công văn còn thiếu: ${settingsMissing.join(', ')}.`,
      },
      {
        key: 'open',
        ok: !selfAssessmentOpen,
        blocking: false,
        message: selfAssessmentOpen ? 'Kỳ vẫn đang mở cho đơn vị tự đánh giá; công bố sẽ khóa kỳ.' : 'Đã khóa tự đánh giá, kỳ đang rà soát.',
      },
    ],
  };
}

/** Builds what publishing would fix now: one computation of the results, one report, one notice model. */
async function prepare(db: Db, actor: Actor, periodId: string, input: PublishInput): Promise<Prepared> {
  const row = await requirePeriodRow(db, actor.provinceId, periodId);
  const status = row.status as PeriodStatus;
  if (status === 'published') throw errors.periodLocked(row.id);
  if (!stepAllowed('publish', status)) throw errors.conflict(stepRefusal('publish', status));
  const date = input.date ?? todayInVietnam();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !new Date(`${date}T00:00:00Z`).toISOString().startsWith(date)) {
    throw errors.validation('Ngày công văn cần dạng YYYY-MM-DD.');
  }
  const number = normalizeText(input.number ?? '') || (await nextNoticeNumber(db, actor.provinceId, splitIsoDate(date)[0]));
  const { results, report, model, settings } = await buildNotice(db, row, { number, date, status: 'published' });
  const fingerprint = createHash('sha256').update(JSON.stringify({ number, date, report, model })).digest('hex');
  return { row, number, date, results, report, model, checklist: checklistOf(row, results, settings, input.notReported === 'apply-rule'), fingerprint };
}

export interface PublishPreview {
  period: string;
  number: string;
  date: string;
  fingerprint: string;
  checklist: PublishChecklist;
  report: PeriodReport;
  files: Record<NoticeFormat, RenderedNotice>;
}

/**
 * What publishing would fix, without fixing it: the checklist, the report and the notice files
 * for the number and date given, and the fingerprint that publishing checks.
 */
export async function previewPublish(db: Db, actor: Actor, periodId: string, input: PublishInput): Promise<PublishPreview> {
  assertStaff(actor);
  const prepared = await prepare(db, actor, periodId, input);
  const files = await renderAll(prepared.model);
  return {
    period: prepared.row.id,
    number: prepared.number,
    date: prepared.date,
    fingerprint: prepared.fingerprint,
    checklist: prepared.checklist,
    report: prepared.report,
    files,
  };
}

async function renderAll(model: NoticeModel): Promise<Record<NoticeFormat, RenderedNotice>> {
  const files = {} as Record<NoticeFormat, RenderedNotice>;
  for (const format of NOTICE_FORMATS) files[format] = await renderNoticeFile(model, format);
  return files;
}

/**
 * Publishes a period: the one path for the web, the command line, notices imported back and the
 * demo. Refuses while units that did not report have no result the board recorded (unless the
 * rule's treatment is asked for) and when a preview's fingerprint no longer matches; writes every
 * unconfirmed unit's computed result as the board's, locks the period with its number and date,
 * and stores the report and the files rendered from the one notice model as revision 0.
 */
export async function publish(db: Db, actor: Actor, periodId: string, input: PublishInput = {}): Promise<WorkflowPeriod> {
  assertStaff(actor);
  const published = () => db.transaction().execute((trx) => publishWithin(trx, actor, periodId, input));
  return refuseRace(async () => (await published()).period, `Kỳ ${periodId} vừa được công bố.`);
}

/**
 * Publishes the months of a range as the one notice covering them, as 01/BBT-CTTĐT published
 * January and February 2023: in one transaction, each month exactly as publish() does, all with
 * the range's number and date (by default the next number of the year and today), so that the
 * range's notice takes its number and date from its months. Either every month is published or none.
 */
export async function publishRange(
  db: Db,
  actor: Actor,
  rangeText: string,
  input: Omit<PublishInput, 'fingerprint'> = {},
): Promise<WorkflowPeriod[]> {
  assertStaff(actor);
  const range = parseRange(rangeText);
  const date = input.date ?? todayInVietnam();
  return refuseRace(
    () =>
      db.transaction().execute(async (trx) => {
        const number = normalizeText(input.number ?? '') || (await nextNoticeNumber(trx, actor.provinceId, splitIsoDate(date)[0]));
        const published: WorkflowPeriod[] = [];
        for (const periodId of range.periods) published.push((await publishWithin(trx, actor, periodId, { ...input, number, date })).period);
        return published;
      }),
    `Một tháng của ${range.id} vừa được công bố.`,
  );
}

/**
 * The notice of a range: the board's staff may read it at any time, others once every month of it
 * is published.
 */
export async function getRangeNoticeFile(db: Db, actor: Actor, rangeText: string, format: NoticeFormat): Promise<RenderedNotice> {
  for (const periodId of parseRange(rangeText).periods) await requireReadable(db, actor, periodId);
  return renderPeriodNotice(db, actor.provinceId, rangeText, format);
}

/**
 * Publishing inside the caller's transaction (importing a notice publishes with its import);
 * gives back the report it published, so that the caller builds none of its own.
 */
export async function publishWithin(
  trx: Db,
  actor: Actor,
  periodId: string,
  input: PublishInput,
): Promise<{ period: WorkflowPeriod; report: PeriodReport }> {
  assertStaff(actor);
  // Locked before anything is read, so the results published are those of the status checked.
  await lockPeriodRow(trx, actor.provinceId, periodId);
  const prepared = await prepare(trx, actor, periodId, input);
  const { row: before, checklist } = prepared;
  if (checklist.notReported.length > 0 && input.notReported !== 'apply-rule') throw errors.unitsNotReported(checklist.notReported);
  if (input.fingerprint !== undefined && input.fingerprint !== prepared.fingerprint) throw errors.previewStale();
  const settled = await settleResults(trx, prepared.results);
  await periodsRepo.update(trx, actor.provinceId, before.id, {
    status: 'published',
    notice_number: prepared.number,
    notice_date: prepared.date,
    published_at: nowIso(),
  });
  const after = (await periodsRepo.get(trx, actor.provinceId, before.id))!;
  await storeRevision(trx, after, prepared.report, prepared.model, { revision: Number(after.revision), reason: null, unitId: null, createdBy: actor.username });
  // Every unit's result goes out by e-mail, queued here so it exists exactly when the publication
  // does; a notice imported back was sent when it was issued.
  if (input.mail !== false) await queueResultMails(trx, after, prepared.report);
  await recordAudit(trx, actor, {
    entity: 'period',
    entityId: before.id,
    action: 'publish',
    before: presentWorkflowPeriod(before),
    after: {
      ...presentWorkflowPeriod(after),
      fingerprint: prepared.fingerprint,
      notReported: checklist.notReported,
      settled,
    },
  });
  return { period: presentWorkflowPeriod(after), report: prepared.report };
}

/**
 * Writes every unit the board has not confirmed with its computed result (counts, deductions with
 * their origin; no articles for a unit that did not report), so that the period reads back after
 * publishing exactly as it was published. Returns the units written.
 */
async function settleResults(trx: Db, results: PeriodResults): Promise<UnitRef[]> {
  const settled: UnitRef[] = [];
  for (const { evaluation: e, result } of results.units) {
    if (result.confirmed) continue;
    const changed = await evaluationsRepo.updateIfVersion(trx, e.id, Number(e.version), {
      state: 'reviewed',
      full_count: result.counts.full,
      partial_count: result.counts.partial,
      none_count: result.counts.none,
      ...(result.status === 'not-reported' ? { articles: 0 } : {}),
    });
    if (!changed) throw errors.staleVersion();
    await evaluationsRepo.replaceDeductions(trx, e.id, result.deductions.map(storedDeduction), { versionBumped: true });
    settled.push({ unitId: e.unit_id, unitName: e.unit_name });
  }
  return settled;
}

/** A computed deduction as stored: its origin kept, as a decided proposal keeps it. */
export function storedDeduction(d: ResultDeduction): {
  points: number;
  reason: string;
  origin: string | null;
} {
  if (d.origin.kind === 'reviewer') return { points: d.points, reason: d.reason, origin: null };
  const origin: DeductionOrigin = d.changed
    ? { proposal: d.origin, proposedPoints: d.changed.computedPoints, proposedReason: d.changed.computedReason, edited: true }
    : { proposal: d.origin, proposedPoints: d.points, proposedReason: d.reason, edited: false };
  return { points: d.points, reason: d.reason, origin: JSON.stringify(origin) };
}

async function storeRevision(
  db: Db,
  row: PeriodRow,
  report: PeriodReport,
  model: NoticeModel,
  meta: { revision: number; reason: string | null; unitId: string | null; createdBy: string },
): Promise<void> {
  await revisionsRepo.insert(db, {
    province_id: row.province_id,
    period_id: row.id,
    revision: meta.revision,
    reason: meta.reason,
    unit_id: meta.unitId,
    notice_number: row.notice_number ?? '',
    notice_date: row.notice_date ?? '',
    report: JSON.stringify(report),
    created_by: meta.createdBy,
    created_at: nowIso(),
  });
  for (const [format, file] of Object.entries(await renderAll(model))) {
    await revisionsRepo.insertFile(db, {
      province_id: row.province_id,
      period_id: row.id,
      revision: meta.revision,
      format,
      file_name: file.fileName,
      content_type: file.contentType,
      content: file.content.toString('base64'),
      created_at: nowIso(),
    });
  }
}

/**
 * The period's results, report and notice model, each built once: the files of one publication
 * or revision are all rendered from this one model.
 */
async function buildNotice(
  db: Db,
  row: PeriodRow,
  notice: { number: string; date: string; status: PeriodStatus },
): Promise<{ results: PeriodResults; report: PeriodReport; model: NoticeModel; settings: ProvinceSettings }> {
  const period = presentPeriod(row);
  const [{ settings }, results, groups, units] = await Promise.all([
    getProvince(db, row.province_id),
    periodResults(db, row.province_id, period),
    groupsRepo.list(db, row.province_id),
    unitsRepo.list(db, row.province_id),
  ]);
  const report = reportFromResults({ ...period, status: notice.status }, results, groups, units);
  return { results, report, settings, model: buildNoticeModel({ report, settings, number: notice.number, date: notice.date }) };
}

/**
 * Corrects a published period: replaces one unit's deductions, with a reason, as a new revision.
 * The earlier revision's report and files are kept as they were published.
 */
export async function correct(
  db: Db,
  actor: Actor,
  periodId: string,
  input: { reason: string; unitId: string; deductions: DeductionInput[] },
): Promise<WorkflowPeriod> {
  assertStaff(actor);
  const reason = normalizeText(input.reason);
  if (!reason) throw errors.validation('Cần ghi lý do đính chính.');
  const deductions = cleanDeductions(input.deductions);
  return refuseRace(
    () =>
      db.transaction().execute(async (trx) => {
        const before = await lockPeriodRow(trx, actor.provinceId, periodId);
        const status = before.status as PeriodStatus;
        if (!stepAllowed('correct', status)) throw errors.conflict(stepRefusal('correct', status));
        const [evaluation] = await evaluationsRepo.listForPeriod(trx, actor.provinceId, before.id, { unitId: input.unitId });
        if (!evaluation) throw errors.notFound(`đánh giá của đơn vị trong kỳ ${before.id}`);
        const previous = (await evaluationsRepo.listDeductions(trx, [evaluation.id])).map((d) => ({ points: Number(d.points), reason: d.reason }));
        if (!(await evaluationsRepo.updateIfVersion(trx, evaluation.id, Number(evaluation.version), { state: 'reviewed' }))) {
          throw errors.staleVersion();
        }
        await evaluationsRepo.replaceDeductions(trx, evaluation.id, deductions, { versionBumped: true });
        const revision = Number(before.revision) + 1;
        await periodsRepo.update(trx, actor.provinceId, before.id, { revision });
        const after = (await periodsRepo.get(trx, actor.provinceId, before.id))!;
        const { report, model } = await buildNotice(trx, after, {
          number: after.notice_number ?? '',
          date: after.notice_date ?? todayInVietnam(),
          status: 'published',
        });
        await storeRevision(trx, after, report, model, { revision, reason, unitId: input.unitId, createdBy: actor.username });
        await recordAudit(trx, actor, {
          entity: 'deductions',
          entityId: `${before.id}/${input.unitId}`,
          action: 'correct',
          before: { revision: Number(before.revision), deductions: previous },
          after: { revision, reason, deductions: deductions.map(({ points, reason: r }) => ({ points, reason: r })) },
        });
        return presentWorkflowPeriod(after);
      }),
    'Kỳ vừa được đính chính bởi người khác; hãy tải lại rồi thử lại.',
  );
}

/** A published version of a period, as the revisions list shows it. */
export type RevisionSummary = Revision;

async function requireReadable(db: Db, actor: Actor, periodId: string): Promise<PeriodRow> {
  const row = await requirePeriodRow(db, actor.provinceId, periodId);
  if (!canReadPeriodData(actor, row.status as PeriodStatus)) throw errors.forbidden('Kết quả kỳ này chưa công bố.');
  return row;
}

export async function listRevisions(db: Db, actor: Actor, periodId: string): Promise<RevisionSummary[]> {
  const row = await requireReadable(db, actor, periodId);
  return (await revisionsRepo.list(db, actor.provinceId, row.id)).map((r) => ({
    revision: Number(r.revision),
    reason: r.reason,
    unitId: r.unit_id,
    noticeNumber: r.notice_number,
    noticeDate: r.notice_date,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

/** The report exactly as a revision published it: the JSON text stored then. */
export async function getRevisionReportJson(db: Db, actor: Actor, periodId: string, revision: number): Promise<string> {
  const row = await requireReadable(db, actor, periodId);
  const found = await revisionsRepo.get(db, actor.provinceId, row.id, revision);
  if (!found) throw errors.notFound(`bản ${revision} của kỳ ${row.id}`);
  return found.report;
}

/**
 * A notice file. Published periods serve the stored file of the revision asked for (the current
 * one by default); staff may preview an unpublished period's notice, rendered and not stored.
 */
export async function getNoticeFile(
  db: Db,
  actor: Actor,
  periodId: string,
  format: NoticeFormat,
  revision?: number,
): Promise<RenderedNotice> {
  const row = await requireReadable(db, actor, periodId);
  if (row.status !== 'published') return renderPeriodNotice(db, actor.provinceId, row.id, format);
  const wanted = revision ?? Number(row.revision);
  const file = await revisionsRepo.getFile(db, actor.provinceId, row.id, wanted, format);
  if (!file) throw errors.notFound(`tệp ${format.toUpperCase()} bản ${wanted} của kỳ ${row.id}`);
  return { fileName: file.file_name, contentType: file.content_type, content: Buffer.from(file.content, 'base64') };
}
