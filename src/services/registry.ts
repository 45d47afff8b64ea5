/**
 * The registry of unit groups and units: matching names from files (after NFC, trimming and
 * collapsing white space, over every name a unit has carried), registering newcomers at the end,
 * renames, retirements and mergers with an effective date, and the registry order.
 */
import { type Db, inTransaction } from '../db/connection.js';
import { nowIso } from '../db/ids.js';
import * as groupsRepo from '../db/repositories/groups.js';
import { touchPeriods } from '../db/repositories/stamps.js';
import * as unitsRepo from '../db/repositories/units.js';
import type { UnitGroupRow, UnitRow } from '../db/schema.js';
import { nameKey, normalizeText } from '../domain/text.js';
import { errors } from '../errors.js';

export interface Unit {
  id: string;
  name: string;
  groupId: string;
  groupName: string;
  position: number;
  portalUrl: string | null;
  retiredOn: string | null;
  mergedInto: string | null;
}

export interface Group {
  id: string;
  name: string;
  position: number;
  requiredCount: number;
  categories: { id: string; name: string }[];
}

export async function listGroups(db: Db, provinceId: string): Promise<Group[]> {
  const rows = await groupsRepo.list(db, provinceId);
  const categories = await groupsRepo.listCategories(db, rows.map((g) => g.id));
  return rows.map((g) => ({
    id: g.id,
    name: g.name,
    position: g.position,
    requiredCount: g.required_count,
    categories: categories.filter((c) => c.group_id === g.id).map((c) => ({ id: c.id, name: c.name })),
  }));
}

export async function listUnits(db: Db, provinceId: string, filter: { groupId?: string } = {}): Promise<Unit[]> {
  const [units, groups] = await Promise.all([unitsRepo.list(db, provinceId, filter), groupsRepo.list(db, provinceId)]);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  return units.map((u) => presentUnit(u, groupName.get(u.group_id) ?? ''));
}

export async function getUnit(db: Db, provinceId: string, unitId: string): Promise<Unit> {
  const unit = await unitsRepo.get(db, provinceId, unitId);
  if (!unit) throw errors.notFound('đơn vị');
  const group = await groupsRepo.get(db, provinceId, unit.group_id);
  return presentUnit(unit, group?.name ?? '');
}

function presentUnit(u: UnitRow, groupName: string): Unit {
  return {
    id: u.id,
    name: u.name,
    groupId: u.group_id,
    groupName,
    position: u.position,
    portalUrl: u.portal_url,
    retiredOn: u.retired_on,
    mergedInto: u.merged_into,
  };
}

/**
 * Finds and registers groups and units by name for one import or one form, within the caller's
 * transaction. Lookups are by name key, so NFD text and double spaces never make a second unit.
 */
export class RegistryMatcher {
  private constructor(
    private readonly db: Db,
    private readonly provinceId: string,
    private readonly groups: Map<string, UnitGroupRow>,
    private readonly units: Map<string, UnitRow>,
    /** name key → unit ids that carried the name. */
    private readonly names: Map<string, string[]>,
    private nextUnitPosition: number,
    private nextGroupPosition: number,
    /** group id → name key → category id, for groups whose categories are known by name. */
    private readonly namedCategories: Map<string, Map<string, string>>,
  ) {}

  static async load(db: Db, provinceId: string): Promise<RegistryMatcher> {
    const [groups, units, names] = await Promise.all([
      groupsRepo.list(db, provinceId),
      unitsRepo.list(db, provinceId),
      unitsRepo.listNames(db, provinceId),
    ]);
    const categories = await groupsRepo.listCategories(db, groups.map((g) => g.id));
    const namedCategories = new Map<string, Map<string, string>>();
    for (const c of categories) {
      const own = namedCategories.get(c.group_id) ?? new Map<string, string>();
      own.set(c.name_key, c.id);
      namedCategories.set(c.group_id, own);
    }
    const byName = new Map<string, string[]>();
    for (const n of names) byName.set(n.name_key, [...(byName.get(n.name_key) ?? []), n.unit_id]);
    return new RegistryMatcher(
      db,
      provinceId,
      new Map(groups.map((g) => [g.name_key, g])),
      new Map(units.map((u) => [u.id, u])),
      byName,
      Math.max(0, ...units.map((u) => u.position)) + 1,
      Math.max(0, ...groups.map((g) => g.position)) + 1,
      namedCategories,
    );
  }

  namedCategoryCount(groupId: string): number {
    return this.namedCategories.get(groupId)?.size ?? 0;
  }

  /** The id of a group's required category by name, or null when the group lists none by that name. */
  categoryId(groupId: string, name: string): string | null {
    return this.namedCategories.get(groupId)?.get(nameKey(name)) ?? null;
  }

  findGroup(name: string): UnitGroupRow | undefined {
    return this.groups.get(nameKey(name));
  }

  /**
   * The unit a name designates on a day: its current or former name; a unit merged before that
   * day hands over to the unit it was merged into. Retired units are returned as they are, for
   * the caller to refuse.
   */
  findUnit(name: string, onDay: string): UnitRow | undefined {
    const ids = this.names.get(nameKey(name)) ?? [];
    let unit = ids.map((id) => this.units.get(id)).find((u) => u !== undefined);
    for (let hops = 0; unit?.merged_into && unit.retired_on && unit.retired_on <= onDay && hops < 10; hops += 1) {
      unit = this.units.get(unit.merged_into);
    }
    return unit;
  }

  async ensureGroup(name: string, requiredCount: number): Promise<UnitGroupRow> {
    const existing = this.findGroup(name);
    if (existing) return existing;
    const group = await groupsRepo.create(this.db, {
      provinceId: this.provinceId,
      name: normalizeText(name),
      nameKey: nameKey(name),
      position: this.nextGroupPosition++,
      requiredCount,
    });
    this.groups.set(group.name_key, group);
    return group;
  }

  /** An existing unit by any of its names, else a new one at the end of the registry. */
  async ensureUnit(name: string, group: UnitGroupRow, onDay: string): Promise<UnitRow> {
    const existing = this.findUnit(name, onDay);
    if (existing) return existing;
    const unit = await unitsRepo.create(this.db, {
      provinceId: this.provinceId,
      groupId: group.id,
      name: normalizeText(name),
      nameKey: nameKey(name),
      position: this.nextUnitPosition++,
    });
    this.units.set(unit.id, unit);
    this.names.set(unit.name_key, [unit.id]);
    return unit;
  }
}

async function requireUnit(db: Db, provinceId: string, unitId: string): Promise<UnitRow> {
  const unit = await unitsRepo.get(db, provinceId, unitId);
  if (!unit) throw errors.notFound('đơn vị');
  return unit;
}

/** Renames a unit from a day on; the old name keeps matching older files and notices. */
export async function renameUnit(db: Db, provinceId: string, unitId: string, newName: string, effectiveOn: string): Promise<Unit> {
  const name = normalizeText(newName);
  if (!name) throw errors.validation('Tên đơn vị không được để trống.');
  await inTransaction(db, async (trx) => {
    const unit = await requireUnit(trx, provinceId, unitId);
    const clash = (await unitsRepo.listNames(trx, provinceId)).find(
      (n) => n.name_key === nameKey(name) && n.unit_id !== unit.id,
    );
    if (clash) throw errors.conflict(`Tên "${name}" đã thuộc về một đơn vị khác.`);
    await unitsRepo.closeCurrentName(trx, unit.id, effectiveOn);
    await unitsRepo.addName(trx, { provinceId, unitId: unit.id, name, nameKey: nameKey(name), validFrom: effectiveOn });
    await unitsRepo.update(trx, unit.id, { name, name_key: nameKey(name) });
  });
  return getUnit(db, provinceId, unitId);
}

/** Retires a unit from a day on; its evaluations stay in history. */
export async function retireUnit(db: Db, provinceId: string, unitId: string, effectiveOn: string): Promise<Unit> {
  await requireUnit(db, provinceId, unitId);
  await unitsRepo.update(db, unitId, { retired_on: effectiveOn });
  return getUnit(db, provinceId, unitId);
}

/** Merges a unit into another from a day on: later files naming the old unit count for the new one. */
export async function mergeUnit(db: Db, provinceId: string, unitId: string, intoUnitId: string, effectiveOn: string): Promise<Unit> {
  if (unitId === intoUnitId) throw errors.validation('Không thể sáp nhập một đơn vị vào chính nó.');
  await requireUnit(db, provinceId, unitId);
  await requireUnit(db, provinceId, intoUnitId);
  await unitsRepo.update(db, unitId, { retired_on: effectiveOn, merged_into: intoUnitId });
  return getUnit(db, provinceId, unitId);
}

/** Moves a unit to a place in the registry order (1-based), shifting the others. */
export async function moveUnit(db: Db, provinceId: string, unitId: string, toPosition: number): Promise<Unit[]> {
  await inTransaction(db, async (trx) => {
    const units = await unitsRepo.list(trx, provinceId);
    const moving = units.find((u) => u.id === unitId);
    if (!moving) throw errors.notFound('đơn vị');
    const others = units.filter((u) => u.id !== unitId);
    const index = Math.min(Math.max(Math.trunc(toPosition), 1), units.length) - 1;
    others.splice(index, 0, moving);
    for (const [i, unit] of others.entries()) {
      if (unit.position !== i + 1) await unitsRepo.update(trx, unit.id, { position: i + 1 });
    }
    // The order breaks ties in every period's ranking: cached reports must see the change.
    await touchPeriods(trx, provinceId, nowIso());
  });
  return listUnits(db, provinceId);
}

/** Sets a group's required categories by name; the required count follows the list. */
export async function setGroupCategories(db: Db, provinceId: string, groupId: string, names: string[]): Promise<Group> {
  const clean = names.map(normalizeText).filter((n) => n !== '');
  const keys = new Set<string>();
  for (const name of clean) {
    if (keys.has(nameKey(name))) throw errors.validation(`Chuyên mục "${name}" bị lặp.`);
    keys.add(nameKey(name));
  }
  await inTransaction(db, async (trx) => {
    const group = await groupsRepo.get(trx, provinceId, groupId);
    if (!group) throw errors.notFound('nhóm đơn vị');
    await groupsRepo.replaceCategories(trx, groupId, clean.map((name) => ({ name, nameKey: nameKey(name) })));
    if (clean.length > 0) await groupsRepo.update(trx, groupId, { required_count: clean.length });
  });
  const group = (await listGroups(db, provinceId)).find((g) => g.id === groupId);
  if (!group) throw errors.notFound('nhóm đơn vị');
  return group;
}

/** Sets the required count of a group whose categories are known only by number. */
export async function setGroupRequiredCount(db: Db, provinceId: string, groupId: string, count: number): Promise<void> {
  if (!Number.isInteger(count) || count < 1) throw errors.validation('Số chuyên mục phải là số nguyên dương.');
  const group = (await listGroups(db, provinceId)).find((g) => g.id === groupId);
  if (!group) throw errors.notFound('nhóm đơn vị');
  if (group.categories.length > 0 && group.categories.length !== count) {
    throw errors.validation(`Nhóm có danh sách ${group.categories.length} chuyên mục; số chuyên mục theo danh sách.`);
  }
  await groupsRepo.update(db, groupId, { required_count: count });
}
