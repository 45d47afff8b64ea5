import type { Db } from '../connection.js';
import type { PaknRecordRow } from '../schema.js';
import { newId, nowIso } from '../ids.js';

const columns = [
  'id',
  'province_id',
  'unit_id',
  'received_at',
  'subject',
  'due_date',
  'due_source',
  'answered_at',
  'record_key',
  'created_at',
  'updated_at',
] as const;

export interface PaknFields {
  unitId: string;
  receivedAt: string;
  subject: string;
  dueDate: string;
  dueSource: 'file' | 'computed';
  answeredAt: string | null;
  recordKey: string;
}

/**
 * A province's records, optionally only those that may be overdue in a period: due before its
 * last day and not answered before it began. Ordered by receipt.
 */
export async function list(
  db: Db,
  provinceId: string,
  filter: { dueBefore?: string; openOrAnsweredFrom?: string; unitId?: string; receivedFrom?: string; receivedTo?: string } = {},
): Promise<PaknRecordRow[]> {
  return db
    .selectFrom('pakn_records')
    .select(columns)
    .where('province_id', '=', provinceId)
    .$if(filter.dueBefore !== undefined, (q) => q.where('due_date', '<', filter.dueBefore!))
    .$if(filter.openOrAnsweredFrom !== undefined, (q) =>
      q.where((eb) => eb.or([eb('answered_at', 'is', null), eb('answered_at', '>=', filter.openOrAnsweredFrom!)])),
    )
    .$if(filter.unitId !== undefined, (q) => q.where('unit_id', '=', filter.unitId!))
    .$if(filter.receivedFrom !== undefined, (q) => q.where('received_at', '>=', filter.receivedFrom!))
    .$if(filter.receivedTo !== undefined, (q) => q.where('received_at', '<=', filter.receivedTo!))
    .orderBy('received_at')
    .orderBy('id')
    .execute();
}

export async function listKeys(db: Db, provinceId: string, keys: readonly string[]): Promise<{ id: string; record_key: string }[]> {
  const out: { id: string; record_key: string }[] = [];
  for (let i = 0; i < keys.length; i += 400) {
    out.push(
      ...(await db
        .selectFrom('pakn_records')
        .select(['id', 'record_key'])
        .where('province_id', '=', provinceId)
        .where('record_key', 'in', keys.slice(i, i + 400))
        .execute()),
    );
  }
  return out;
}

export async function insertMany(db: Db, provinceId: string, records: readonly PaknFields[]): Promise<void> {
  const now = nowIso();
  const rows = records.map((r) => ({
    id: newId(),
    province_id: provinceId,
    unit_id: r.unitId,
    received_at: r.receivedAt,
    subject: r.subject,
    due_date: r.dueDate,
    due_source: r.dueSource,
    answered_at: r.answeredAt,
    record_key: r.recordKey,
    created_at: now,
    updated_at: now,
  }));
  for (let i = 0; i < rows.length; i += 400) await db.insertInto('pakn_records').values(rows.slice(i, i + 400)).execute();
}

export async function update(
  db: Db,
  id: string,
  changes: Partial<Pick<PaknRecordRow, 'subject' | 'due_date' | 'due_source' | 'answered_at'>>,
): Promise<void> {
  await db.updateTable('pakn_records').set({ ...changes, updated_at: nowIso() }).where('id', '=', id).execute();
}
