import { sql } from 'kysely';
import { PREPARED } from '../prepared.js';
import type { Db } from '../connection.js';
import type { AuditLogRow } from '../schema.js';

export const columns = ['id', 'province_id', 'at', 'user_id', 'username', 'entity', 'entity_id', 'action', 'before', 'after'] as const;

export async function insert(db: Db, entry: AuditLogRow): Promise<void> {
  await db.insertInto('audit_log').values(entry).modifyEnd(sql.raw(PREPARED)).execute();
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  userId?: string;
  /** Entries about this unit: the unit itself, or its record in some period ("period/unit"). */
  unitId?: string;
  /** Entries about this period: the period itself, or a unit's record in it. */
  periodId?: string;
  /** Inclusive ISO instants or dates. */
  from?: string;
  to?: string;
}

export async function list(
  db: Db,
  provinceId: string,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditLogRow[]; total: number }> {
  const base = db
    .selectFrom('audit_log')
    .where('province_id', '=', provinceId)
    .$if(filter.entity !== undefined, (q) => q.where('entity', '=', filter.entity!))
    .$if(filter.entityId !== undefined, (q) => q.where('entity_id', '=', filter.entityId!))
    .$if(filter.userId !== undefined, (q) => q.where('user_id', '=', filter.userId!))
    .$if(filter.unitId !== undefined, (q) =>
      q.where((eb) => eb.or([eb('entity_id', '=', filter.unitId!), eb('entity_id', 'like', `%/${likeLiteral(filter.unitId!)}`)])),
    )
    .$if(filter.periodId !== undefined, (q) =>
      q.where((eb) => eb.or([eb('entity_id', '=', filter.periodId!), eb('entity_id', 'like', `${likeLiteral(filter.periodId!)}/%`)])),
    )
    .$if(filter.from !== undefined, (q) => q.where('at', '>=', filter.from!))
    .$if(filter.to !== undefined, (q) => q.where('at', '<=', filter.to!));
  const [rows, count] = await Promise.all([
    base.select(columns).orderBy('at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** Ids and periods carry no LIKE wildcards; any in a caller's filter are dropped so they cannot widen the match. */
function likeLiteral(value: string): string {
  return value.replace(/[%_\\]/g, '');
}
