/**
 * The working calendar of a province: Vietnam's public holidays (computed) plus the days off and
 * working days the government announces, which the board enters. Editing an announced day moves
 * the computed due dates of the PAKN records whose counting window it falls in.
 */
import type { Db } from '../db/connection.js';
import * as daysOffRepo from '../db/repositories/days-off.js';
import * as paknRepo from '../db/repositories/pakn.js';
import type { YearCalendar } from '../contract/pakn.js';
import { addDays, HOLIDAY_NAMES, holidaysOfYear, isIsoDate } from '../domain/holidays.js';
import { paknDueDate } from '../domain/pakn.js';
import { ruleSetInForce } from '../domain/rules.js';
import { isoDateInVietnam, normalizeText } from '../domain/text.js';
import { type DayChange, type WorkCalendar, workCalendar } from '../domain/working-days.js';
import { errors } from '../errors.js';
import { assertAdmin } from './access.js';
import { type Actor, recordAudit } from './audit.js';

const DAYS_OFF_REFUSAL = 'Chỉ quản trị viên được sửa ngày nghỉ, làm bù.';
import { listRuleSets } from './rules.js';

export async function listDayChanges(db: Db, provinceId: string, range: { from?: string; to?: string } = {}): Promise<DayChange[]> {
  return (await daysOffRepo.list(db, provinceId, range)).map((row) => ({
    date: row.date,
    kind: row.kind === 'working' ? 'working' : 'off',
    note: row.note,
  }));
}

export async function workCalendarFor(db: Db, provinceId: string): Promise<WorkCalendar> {
  return workCalendar({ changes: await listDayChanges(db, provinceId) });
}

export async function yearCalendar(db: Db, provinceId: string, year: number): Promise<YearCalendar> {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw errors.validation(`Năm không hợp lệ: ${year}`);
  return {
    year,
    // Named here so that the web and the command line read the same words.
    holidays: holidaysOfYear(year).map((h) => ({ ...h, name: HOLIDAY_NAMES[h.kind] })),
    changes: await listDayChanges(db, provinceId, { from: `${year}-01-01`, to: `${year}-12-31` }),
  };
}

/** Announces a day off or a working day, audited; returns how many computed PAKN due dates moved. */
export async function setDayChange(db: Db, actor: Actor, change: DayChange): Promise<{ dueDatesMoved: number }> {
  assertAdmin(actor, DAYS_OFF_REFUSAL);
  const { provinceId } = actor;
  if (!isIsoDate(change.date)) throw errors.validation(`Ngày "${change.date}" cần dạng YYYY-MM-DD.`);
  const note = normalizeText(change.note);
  if (!note) throw errors.validation('Cần ghi căn cứ (số văn bản thông báo nghỉ, làm bù).');
  return db.transaction().execute(async (trx) => {
    const [before] = await listDayChanges(trx, provinceId, { from: change.date, to: change.date });
    await daysOffRepo.put(trx, { provinceId, date: change.date, kind: change.kind, note });
    const dueDatesMoved = await recomputeDueDates(trx, provinceId, change.date);
    await recordAudit(trx, actor, { entity: 'day-off', entityId: change.date, action: 'set', before, after: { ...change, note, dueDatesMoved } });
    return { dueDatesMoved };
  });
}

export async function removeDayChange(db: Db, actor: Actor, date: string): Promise<{ dueDatesMoved: number }> {
  assertAdmin(actor, DAYS_OFF_REFUSAL);
  const { provinceId } = actor;
  return db.transaction().execute(async (trx) => {
    const [before] = await listDayChanges(trx, provinceId, { from: date, to: date });
    if (!(await daysOffRepo.remove(trx, provinceId, date))) throw errors.notFound(`ngày ${date} trong danh sách ngày nghỉ, làm bù`);
    const dueDatesMoved = await recomputeDueDates(trx, provinceId, date);
    await recordAudit(trx, actor, { entity: 'day-off', entityId: date, action: 'remove', before, after: { dueDatesMoved } });
    return { dueDatesMoved };
  });
}

/** Recounts the computed due dates of records received before a changed day and due on or after it. */
async function recomputeDueDates(db: Db, provinceId: string, changedDay: string): Promise<number> {
  const calendar = await workCalendarFor(db, provinceId);
  const ruleSets = await listRuleSets(db, provinceId);
  // Records received up to the changed day (Vietnam time) whose deadline is not before it.
  const candidates = await paknRepo.list(db, provinceId, {
    receivedTo: new Date(`${addDays(changedDay, 1)}T00:00:00+07:00`).toISOString(),
  });
  let moved = 0;
  for (const row of candidates) {
    if (row.due_source !== 'computed' || row.due_date < changedDay) continue;
    const receivedAt = new Date(row.received_at);
    const days = ruleSetInForce(ruleSets, isoDateInVietnam(receivedAt)).paknWorkingDays;
    const due = paknDueDate(receivedAt, days, calendar);
    if (due !== row.due_date) {
      await paknRepo.update(db, row.id, { due_date: due });
      moved += 1;
    }
  }
  return moved;
}
