/**
 * Monthly periods: bounds from the province's cut-off day, status open → review → published,
 * and the lock on published periods.
 */
import type { Db } from '../db/connection.js';
import * as periodsRepo from '../db/repositories/periods.js';
import type { PeriodRow } from '../db/schema.js';
import { isPeriodId, periodBounds, type PeriodStatus } from '../domain/period.js';
import { errors } from '../errors.js';
import type { Period as ContractPeriod } from '../contract/periods.js';
import { getProvince } from './provinces.js';

/** A period as the core (and the CLI's JSON) sees it: the web's period without the self-assessment deadline. */
export type Period = Omit<ContractPeriod, 'deadline'>;

export function presentPeriod(row: PeriodRow): Period {
  return {
    id: row.id,
    from: row.from_date,
    to: row.to_date,
    status: row.status as PeriodStatus,
    noticeNumber: row.notice_number,
    noticeDate: row.notice_date,
    publishedAt: row.published_at,
    revision: Number(row.revision),
  };
}

export function requirePeriodId(value: string): string {
  if (!isPeriodId(value)) throw errors.validation(`Kỳ "${value}" không hợp lệ; cần dạng YYYY-MM, ví dụ 2024-02.`);
  return value;
}

export async function listPeriods(db: Db, provinceId: string): Promise<Period[]> {
  return (await periodsRepo.list(db, provinceId)).map(presentPeriod);
}

export async function getPeriod(db: Db, provinceId: string, periodId: string): Promise<Period> {
  const row = await periodsRepo.get(db, provinceId, requirePeriodId(periodId));
  if (!row) throw errors.notFound(`kỳ ${periodId}`);
  return presentPeriod(row);
}

/**
 * The period, its row locked until the transaction ends (see periodsRepo.getLocked): what every
 * write that depends on the period's status reads first, so that a save and a transition sent
 * together happen one after the other and the later one sees the earlier one's status. A change of
 * the period (its status, deadline, revision or evaluations as a whole) locks it exclusively; a
 * write that only depends on its status (a unit's save) shares the lock with others of its kind.
 */
export async function lockPeriodRow(trx: Db, provinceId: string, periodId: string, mode: 'exclusive' | 'shared' = 'exclusive'): Promise<PeriodRow> {
  const row = await periodsRepo.getLocked(trx, provinceId, requirePeriodId(periodId), mode);
  if (!row) throw errors.notFound(`kỳ ${periodId}`);
  return row;
}

/** The period, created with the given status when it does not exist yet. */
export async function ensurePeriod(db: Db, provinceId: string, periodId: string, status: PeriodStatus): Promise<Period> {
  requirePeriodId(periodId);
  const existing = await periodsRepo.get(db, provinceId, periodId);
  if (existing) return presentPeriod(existing);
  const { settings } = await getProvince(db, provinceId);
  const { from, to } = periodBounds(periodId, settings.cutOffDay);
  return presentPeriod(await periodsRepo.create(db, { provinceId, id: periodId, from, to, status }));
}

/** Refuses any write to a published period. */
export function assertWritable(period: Period): void {
  if (period.status === 'published') throw errors.periodLocked(period.id);
}

