/**
 * Publishing a period and correcting it afterwards. Publishing locks the period, numbers and
 * dates its notice, and stores the report and the DOCX/PDF/XLSX it published as revision 0. A
 * correction never overwrites: it changes one unit's deductions with a reason, and stores the
 * result as the next revision beside the earlier ones, which stay readable and downloadable.
 */
import type { Db } from '../db/connection.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';
import * as periodsRepo from '../db/repositories/periods.js';
import * as revisionsRepo from '../db/repositories/revisions.js';
import { nowIso } from '../db/ids.js';
import type { PeriodRow } from '../db/schema.js';
import { canReadPeriodData, isStaff } from '../domain/access.js';
import type { PeriodStatus } from '../domain/period.js';
import { normalizeText, splitIsoDate, todayInVietnam } from '../domain/text.js';
import { stepAllowed, stepRefusal } from '../domain/workflow.js';
import { errors } from '../errors.js';
import { type Actor, recordAudit } from './audit.js';
import { nextNoticeNumber, type NoticeFormat, type RenderedNotice, renderPeriodNotice } from './notice.js';
import { getPeriodReport } from './report.js';
import { cleanDeductions, type DeductionInput, presentWorkflowPeriod, type WorkflowPeriod } from './review.js';
import { requirePeriodRow } from './self-assessment.js';
import { refuseRace } from './races.js';

export const NOTICE_FORMATS: readonly NoticeFormat[] = ['docx', 'pdf', 'xlsx'];

/** Who published a revision when it happened outside the web application (CLI, demo load). */
const OUTSIDE_WEB = 'cli';

function assertStaff(actor: Actor): void {
  if (!isStaff(actor)) throw errors.forbidden('Chỉ Ban biên tập (thư ký, quản trị) được công bố hoặc đính chính.');
}

async function storeRevision(
  db: Db,
  row: PeriodRow,
  meta: { revision: number; reason: string | null; unitId: string | null; createdBy: string },
): Promise<void> {
  const report = await getPeriodReport(db, row.province_id, row.id);
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
  for (const format of NOTICE_FORMATS) {
    const file = await renderPeriodNotice(db, row.province_id, row.id, format, {
      ...(row.notice_number ? { number: row.notice_number } : {}),
      ...(row.notice_date ? { date: row.notice_date } : {}),
    });
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

/** Periods published before the web application (CLI import, demo) get their revision on first need. */
async function ensureCurrentRevision(db: Db, row: PeriodRow): Promise<void> {
  const revision = Number(row.revision);
  if (await revisionsRepo.get(db, row.province_id, row.id, revision)) return;
  await storeRevision(db, row, { revision, reason: null, unitId: null, createdBy: OUTSIDE_WEB });
}

/**
 * Publishes a period: locks it, gives the notice its number (the next of the year unless given)
 * and date (today unless given), and stores the report and its three files as revision 0.
 */
export async function publish(
  db: Db,
  actor: Actor,
  periodId: string,
  input: { number?: string; date?: string },
): Promise<WorkflowPeriod> {
  assertStaff(actor);
  return refuseRace(
    () =>
      db.transaction().execute(async (trx) => {
        const before = await requirePeriodRow(trx, actor.provinceId, periodId);
        const status = before.status as PeriodStatus;
        if (status === 'published') throw errors.periodLocked(before.id);
        if (!stepAllowed('publish', status)) throw errors.conflict(stepRefusal('publish', status));
        const date = input.date ?? todayInVietnam();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw errors.validation('Ngày công văn cần dạng YYYY-MM-DD.');
        const number = normalizeText(input.number ?? '') || (await nextNoticeNumber(trx, actor.provinceId, splitIsoDate(date)[0]));
        await periodsRepo.update(trx, actor.provinceId, before.id, {
          status: 'published',
          notice_number: number,
          notice_date: date,
          published_at: nowIso(),
        });
        const after = (await periodsRepo.get(trx, actor.provinceId, before.id))!;
        await storeRevision(trx, after, { revision: Number(after.revision), reason: null, unitId: null, createdBy: actor.username });
        await recordAudit(trx, actor, {
          entity: 'period',
          entityId: before.id,
          action: 'publish',
          before: presentWorkflowPeriod(before),
          after: presentWorkflowPeriod(after),
        });
        return presentWorkflowPeriod(after);
      }),
    `Kỳ ${periodId} vừa được công bố.`,
  );
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
        const before = await requirePeriodRow(trx, actor.provinceId, periodId);
        const status = before.status as PeriodStatus;
        if (!stepAllowed('correct', status)) throw errors.conflict(stepRefusal('correct', status));
        const [evaluation] = await evaluationsRepo.listForPeriod(trx, actor.provinceId, before.id, { unitId: input.unitId });
        if (!evaluation) throw errors.notFound(`đánh giá của đơn vị trong kỳ ${before.id}`);
        await ensureCurrentRevision(trx, before);
        const previous = (await evaluationsRepo.listDeductions(trx, [evaluation.id])).map((d) => ({ points: Number(d.points), reason: d.reason }));
        if (!(await evaluationsRepo.updateIfVersion(trx, evaluation.id, Number(evaluation.version), { state: 'reviewed' }))) {
          throw errors.staleVersion();
        }
        await evaluationsRepo.replaceDeductions(trx, evaluation.id, deductions, { versionBumped: true });
        const revision = Number(before.revision) + 1;
        await periodsRepo.update(trx, actor.provinceId, before.id, { revision });
        const after = (await periodsRepo.get(trx, actor.provinceId, before.id))!;
        await storeRevision(trx, after, { revision, reason, unitId: input.unitId, createdBy: actor.username });
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

export interface RevisionSummary {
  revision: number;
  reason: string | null;
  unitId: string | null;
  noticeNumber: string;
  noticeDate: string;
  createdBy: string;
  createdAt: string;
}

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
  let file = await revisionsRepo.getFile(db, actor.provinceId, row.id, wanted, format);
  if (!file && wanted === Number(row.revision)) {
    try {
      await db.transaction().execute(async (trx) => {
        const current = await requirePeriodRow(trx, actor.provinceId, row.id);
        if (Number(current.revision) === wanted) await ensureCurrentRevision(trx, current);
      });
    } catch (error) {
      // Another request stored the same revision first; its files serve as well as ours.
      if (!(await revisionsRepo.getFile(db, actor.provinceId, row.id, wanted, format))) throw error;
    }
    file = await revisionsRepo.getFile(db, actor.provinceId, row.id, wanted, format);
  }
  if (!file) throw errors.notFound(`tệp ${format.toUpperCase()} bản ${wanted} của kỳ ${row.id}`);
  return { fileName: file.file_name, contentType: file.content_type, content: Buffer.from(file.content, 'base64') };
}
