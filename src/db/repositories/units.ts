import type { Db } from '../connection.js';
import type { UnitRow } from '../schema.js';
import { newId, nowIso } from '../ids.js';
import { BATCH, chunks } from './batches.js';

const columns = [
  'id',
  'province_id',
  'group_id',
  'name',
  'name_key',
  'position',
  'portal_url',
  'retired_on',
  'merged_into',
  'created_at',
] as const;

export async function list(db: Db, provinceId: string, filter: { groupId?: string } = {}): Promise<UnitRow[]> {
  return db
    .selectFrom('units')
    .select(columns)
    .where('province_id', '=', provinceId)
    .$if(filter.groupId !== undefined, (q) => q.where('group_id', '=', filter.groupId!))
    .orderBy('position')
    .execute();
}

export async function get(db: Db, provinceId: string, id: string): Promise<UnitRow | undefined> {
  return db
    .selectFrom('units')
    .select(columns)
    .where('province_id', '=', provinceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Every name any unit of the province has carried, with its validity, for matching old files. */
export async function listNames(
  db: Db,
  provinceId: string,
): Promise<{ unit_id: string; name: string; name_key: string; valid_from: string | null; valid_to: string | null }[]> {
  return db
    .selectFrom('unit_names')
    .select(['unit_id', 'name', 'name_key', 'valid_from', 'valid_to'])
    .where('province_id', '=', provinceId)
    .execute();
}

export async function maxPosition(db: Db, provinceId: string): Promise<number> {
  const row = await db
    .selectFrom('units')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('province_id', '=', provinceId)
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

export interface NewUnit {
  provinceId: string;
  groupId: string;
  name: string;
  nameKey: string;
  position: number;
  portalUrl?: string | null;
}

/** A new unit's row, its id given, not yet stored (see create and insertMany). */
export function newRow(unit: NewUnit): UnitRow {
  return {
    id: newId(),
    province_id: unit.provinceId,
    group_id: unit.groupId,
    name: unit.name,
    name_key: unit.nameKey,
    position: unit.position,
    portal_url: unit.portalUrl ?? null,
    retired_on: null,
    merged_into: null,
    created_at: nowIso(),
  };
}

export async function create(db: Db, unit: NewUnit): Promise<UnitRow> {
  const row = newRow(unit);
  await db.insertInto('units').values(row).execute();
  await addName(db, { provinceId: unit.provinceId, unitId: row.id, name: unit.name, nameKey: unit.nameKey, validFrom: null });
  return row;
}


/**
 * Registers units already given their ids and positions (an import's newcomers), each with its
 * name, in a few statements whatever their number.
 */
export async function insertMany(db: Db, units: readonly UnitRow[]): Promise<void> {
  const names = units.map((u) => ({
    id: newId(),
    province_id: u.province_id,
    unit_id: u.id,
    name: u.name,
    name_key: u.name_key,
    valid_from: null,
    valid_to: null,
  }));
  for (const chunk of chunks(units, BATCH)) await db.insertInto('units').values(chunk).execute();
  for (const chunk of chunks(names, BATCH)) await db.insertInto('unit_names').values(chunk).execute();
}

export async function addName(
  db: Db,
  entry: { provinceId: string; unitId: string; name: string; nameKey: string; validFrom: string | null },
): Promise<void> {
  await db
    .insertInto('unit_names')
    .values({
      id: newId(),
      province_id: entry.provinceId,
      unit_id: entry.unitId,
      name: entry.name,
      name_key: entry.nameKey,
      valid_from: entry.validFrom,
      valid_to: null,
    })
    .execute();
}

/** Closes the unit's current name on the given day (the day the new name starts). */
export async function closeCurrentName(db: Db, unitId: string, validTo: string): Promise<void> {
  await db
    .updateTable('unit_names')
    .set({ valid_to: validTo })
    .where('unit_id', '=', unitId)
    .where('valid_to', 'is', null)
    .execute();
}

export async function update(
  db: Db,
  id: string,
  changes: Partial<Pick<UnitRow, 'name' | 'name_key' | 'position' | 'group_id' | 'portal_url' | 'retired_on' | 'merged_into'>>,
): Promise<void> {
  await db.updateTable('units').set(changes).where('id', '=', id).execute();
}
