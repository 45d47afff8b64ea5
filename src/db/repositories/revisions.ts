import type { Db } from '../connection.js';
import type { NoticeFileRow, PeriodRevisionRow } from '../schema.js';

const revisionColumns = [
  'province_id',
  'period_id',
  'revision',
  'reason',
  'unit_id',
  'notice_number',
  'notice_date',
  'report',
  'created_by',
  'created_at',
] as const;

export async function insert(db: Db, row: PeriodRevisionRow): Promise<void> {
  await db.insertInto('period_revisions').values(row).execute();
}

export async function list(db: Db, provinceId: string, periodId: string): Promise<PeriodRevisionRow[]> {
  return db
    .selectFrom('period_revisions')
    .select(revisionColumns)
    .where('province_id', '=', provinceId)
    .where('period_id', '=', periodId)
    .orderBy('revision')
    .execute();
}

export async function get(db: Db, provinceId: string, periodId: string, revision: number): Promise<PeriodRevisionRow | undefined> {
  return db
    .selectFrom('period_revisions')
    .select(revisionColumns)
    .where('province_id', '=', provinceId)
    .where('period_id', '=', periodId)
    .where('revision', '=', revision)
    .executeTakeFirst();
}

export async function insertFile(db: Db, row: NoticeFileRow): Promise<void> {
  await db.insertInto('notice_files').values(row).execute();
}

export async function getFile(
  db: Db,
  provinceId: string,
  periodId: string,
  revision: number,
  format: string,
): Promise<NoticeFileRow | undefined> {
  return db
    .selectFrom('notice_files')
    .select(['province_id', 'period_id', 'revision', 'format', 'file_name', 'content_type', 'content', 'created_at'])
    .where('province_id', '=', provinceId)
    .where('period_id', '=', periodId)
    .where('revision', '=', revision)
    .where('format', '=', format)
    .executeTakeFirst();
}
