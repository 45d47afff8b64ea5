/**
 * PAKN records: import from CSV/XLSX (all rows checked first, then one transaction; a record
 * imported again is updated, not duplicated) and the records overdue in a period.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/connection.js';
import * as paknRepo from '../db/repositories/pakn.js';
import * as unitsRepo from '../db/repositories/units.js';
import type { PaknRecordRow } from '../db/schema.js';
import type { Problem } from '../domain/evaluation-rows.js';
import { type OverdueKind, overdueInPeriod, type PaknRecord, paknDueDate, paknState, type PaknState } from '../domain/pakn.js';
import { checkPaknRows, type PaknLine, PAKN_COLUMNS } from '../domain/pakn-rows.js';
import { periodBounds, periodInstants } from '../domain/period.js';
import { ruleSetInForce } from '../domain/rules.js';
import { nameKey, normalizeText } from '../domain/text.js';
import { errors } from '../errors.js';
import type { OverdueReport, PaknImportSummary, PaknItem } from '../contract/pakn.js';
import { assertStaff, PAKN_REFUSALS, workingDataScope } from './access.js';
import { type Actor, recordAudit } from './audit.js';
import { workCalendarFor } from './calendar.js';
import { requirePeriodId } from './periods.js';
import { getProvince } from './provinces.js';
import { RegistryMatcher } from './registry.js';
import { listRuleSets } from './rules.js';
import { readTableFileOffThread } from './table-file.js';

export type { PaknImportSummary };

const unitHeader = PAKN_COLUMNS.find((c) => c.key === 'unit')!.header;

function recordKey(unitId: string, receivedAt: Date, subject: string): string {
  return createHash('sha256').update(`${unitId}|${receivedAt.toISOString()}|${nameKey(subject)}`).digest('hex');
}

/** Imports a PAKN file for the actor's province, audited with what it inserted and updated. */
export async function importPaknFile(db: Db, actor: Actor, input: { content: Buffer; fileName?: string }): Promise<PaknImportSummary> {
  assertStaff(actor, 'Chỉ Ban biên tập được nhập PAKN.');
  const { provinceId } = actor;
  const table = await readTableFileOffThread(input.content, input.fileName);
  const { lines, problems } = checkPaknRows(table.rows);
  if (problems.length > 0) throw errors.importInvalid(problems);

  return db.transaction().execute(async (trx) => {
    const registry = await RegistryMatcher.load(trx, provinceId);
    const unitProblems: Problem[] = [];
    const resolved: { line: PaknLine; unitId: string }[] = [];
    for (const line of lines) {
      const unit = registry.findUnit(line.unit, line.receivedDate);
      if (!unit) {
        unitProblems.push({ line: line.line, column: unitHeader, message: `Không có đơn vị "${line.unit}" trong sổ đăng ký.` });
      } else if (unit.retired_on && unit.retired_on <= line.receivedDate) {
        unitProblems.push({
          line: line.line,
          column: unitHeader,
          message: `Đơn vị "${unit.name}" đã thôi hoạt động từ ${unit.retired_on}, trước ngày tiếp nhận.`,
        });
      } else {
        resolved.push({ line, unitId: unit.id });
      }
    }
    // Two names of one unit (old and new) can still designate the same record twice.
    const keyLine = new Map<string, number>();
    for (const { line, unitId } of resolved) {
      const key = recordKey(unitId, line.receivedAt, line.subject);
      const first = keyLine.get(key);
      if (first !== undefined) {
        unitProblems.push({ line: line.line, column: unitHeader, message: `Trùng với dòng ${first} (cùng đơn vị, thời điểm tiếp nhận và nội dung).` });
      } else {
        keyLine.set(key, line.line);
      }
    }
    if (unitProblems.length > 0) throw errors.importInvalid(unitProblems);

    const [calendar, ruleSets] = await Promise.all([workCalendarFor(trx, provinceId), listRuleSets(trx, provinceId)]);
    const fields: paknRepo.PaknFields[] = resolved.map(({ line, unitId }) => {
      const days = ruleSetInForce(ruleSets, line.receivedDate).paknWorkingDays;
      return {
        unitId,
        receivedAt: line.receivedAt.toISOString(),
        subject: normalizeText(line.subject),
        dueDate: line.dueDate ?? paknDueDate(line.receivedAt, days, calendar),
        dueSource: line.dueDate === null ? 'computed' : 'file',
        answeredAt: line.answeredAt?.toISOString() ?? null,
        recordKey: recordKey(unitId, line.receivedAt, line.subject),
      };
    });
    const existing = new Map(
      (await paknRepo.listKeys(trx, provinceId, fields.map((f) => f.recordKey))).map((r) => [r.record_key, r.id]),
    );
    const fresh = fields.filter((f) => !existing.has(f.recordKey));
    await paknRepo.insertMany(trx, provinceId, fresh);
    for (const f of fields) {
      const id = existing.get(f.recordKey);
      if (id) await paknRepo.update(trx, id, { subject: f.subject, due_date: f.dueDate, due_source: f.dueSource, answered_at: f.answeredAt });
    }
    const summary: PaknImportSummary = {
      format: table.format,
      records: fields.length,
      inserted: fresh.length,
      updated: fields.length - fresh.length,
      computedDueDates: fields.filter((f) => f.dueSource === 'computed').length,
    };
    await recordAudit(trx, actor, { entity: 'pakn', entityId: input.fileName ?? table.format, action: 'import', after: summary });
    return summary;
  });
}

function toRecord(row: PaknRecordRow): PaknRecord {
  return {
    id: row.id,
    unitId: row.unit_id,
    receivedAt: new Date(row.received_at),
    subject: row.subject,
    dueDate: row.due_date,
    answeredAt: row.answered_at === null ? null : new Date(row.answered_at),
  };
}



/** The records overdue in a period, by unit: answered late, or still open at the period's end. */
export type { OverdueReport };
type OverdueRecord = OverdueReport['units'][number]['records'][number];
type OverdueUnit = OverdueReport['units'][number];

/** The records overdue in a period, by unit in registry order, as far as the actor may read them: staff every unit's, a unit editor their own. */
export async function paknOverdue(db: Db, actor: Actor, periodId: string): Promise<OverdueReport> {
  const unitId = workingDataScope(actor, undefined, PAKN_REFUSALS);
  const report = await overdueForPeriod(db, actor.provinceId, periodId);
  return unitId === undefined ? report : { ...report, units: report.units.filter((u) => u.id === unitId) };
}

/** The records overdue in a period, by unit in registry order, for the services that build on them. */
export async function overdueForPeriod(db: Db, provinceId: string, periodId: string): Promise<OverdueReport> {
  requirePeriodId(periodId);
  const { settings } = await getProvince(db, provinceId);
  const bounds = periodBounds(periodId, settings.cutOffDay);
  const { start } = periodInstants(periodId, settings.cutOffDay);
  const [rows, calendar, units] = await Promise.all([
    paknRepo.list(db, provinceId, { dueBefore: bounds.to, openOrAnsweredFrom: start.toISOString() }),
    workCalendarFor(db, provinceId),
    unitsRepo.list(db, provinceId),
  ]);
  const overdue = overdueInPeriod(rows.map(toRecord), bounds, calendar);
  const byUnit = new Map<string, OverdueRecord[]>();
  for (const o of overdue) {
    byUnit.set(o.record.unitId, [
      ...(byUnit.get(o.record.unitId) ?? []),
      {
        id: o.record.id,
        subject: o.record.subject,
        receivedAt: o.record.receivedAt.toISOString(),
        dueDate: o.record.dueDate,
        answeredAt: o.record.answeredAt?.toISOString() ?? null,
        kind: o.kind,
        workingDaysLate: o.workingDaysLate,
      },
    ]);
  }
  return {
    period: { id: periodId, from: bounds.from, to: bounds.to },
    units: units.filter((u) => byUnit.has(u.id)).map((u) => ({ id: u.id, name: u.name, records: byUnit.get(u.id)! })),
  };
}

/** A record with its state, as the PAKN page lists it. */
export type PaknListItem = PaknItem;

/**
 * A province's records with their state now (or at a given instant), optionally of one unit and
 * received within one period. Staff read every unit's, a unit editor their own unit's only.
 */
export async function listPakn(
  db: Db,
  actor: Actor,
  asked: { unitId?: string; periodId?: string } = {},
  asOf: Date = new Date(),
): Promise<PaknListItem[]> {
  const { provinceId } = actor;
  const unitId = workingDataScope(actor, asked.unitId, PAKN_REFUSALS);
  const filter = { ...asked, unitId };
  let received: { receivedFrom?: string; receivedTo?: string } = {};
  if (filter.periodId !== undefined) {
    requirePeriodId(filter.periodId);
    const { settings } = await getProvince(db, provinceId);
    const { start, end } = periodInstants(filter.periodId, settings.cutOffDay);
    received = { receivedFrom: start.toISOString(), receivedTo: end.toISOString() };
  }
  const [rows, units] = await Promise.all([
    paknRepo.list(db, provinceId, { ...received, ...(filter.unitId === undefined ? {} : { unitId: filter.unitId }) }),
    unitsRepo.list(db, provinceId),
  ]);
  const nameOf = new Map(units.map((u) => [u.id, u.name]));
  return rows.map((row) => ({
    id: row.id,
    unitId: row.unit_id,
    unitName: nameOf.get(row.unit_id) ?? '',
    subject: row.subject,
    receivedAt: row.received_at,
    dueDate: row.due_date,
    answeredAt: row.answered_at,
    state: paknState(toRecord(row), asOf),
  }));
}
