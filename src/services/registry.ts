/**
 * The registry of unit groups and units, the one door for reading and changing it: matching names
 * from files (after NFC, trimming and collapsing white space, over every name a unit has carried),
 * registering newcomers at the end, and the administrator's changes (new units and groups,
 * renames, retirements and mergers with an effective date, the registry order, a group's
 * categories), each change checked, in one transaction with its audit entry. Registry edits alter
 * reports (order, group names), so they also mark the province's periods as changed for the
 * report cache.
 */
import { type Db, inTransaction } from '../db/connection.js';
import * as groupsRepo from '../db/repositories/groups.js';
import * as unitsRepo from '../db/repositories/units.js';
import type { UnitGroupRow, UnitRow } from '../db/schema.js';
import type { Group, NewGroupInput, NewUnitInput, Unit, UnitChange, GroupChange } from '../contract/registry.js';
import { lengthProblem, NAME_MAX, urlProblem } from '../domain/limits.js';
import { nameKey, normalizeText } from '../domain/text.js';
import { errors } from '../errors.js';
import { assertAdmin as assertAdminOf } from './access.js';
import { type Actor, recordAudit } from './audit.js';
import { invalidateProvinceReports } from './ranking.js';

export type { Group, Unit } from '../contract/registry.js';

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
 * transaction (the import's, which records the audit entry and names the units it registered). Lookups are by name key, so NFD text and double spaces never make a second unit.
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

  /** Planned, not yet stored. */
  private readonly newGroups: UnitGroupRow[] = [];
  private readonly newUnits: UnitRow[] = [];

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
      // reduce, not Math.max(...): a spread of a large registry overflows the call stack.
      units.reduce((max, u) => Math.max(max, u.position), 0) + 1,
      groups.reduce((max, g) => Math.max(max, g.position), 0) + 1,
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

  /**
   * An existing group by name, else a new one at the end of the registry: matched from then on,
   * stored by saveNewcomers.
   */
  planGroup(name: string, requiredCount: number): UnitGroupRow {
    const existing = this.findGroup(name);
    if (existing) return existing;
    const group = groupsRepo.newRow({
      provinceId: this.provinceId,
      name: normalizeText(name),
      nameKey: nameKey(name),
      position: this.nextGroupPosition++,
      requiredCount,
    });
    this.groups.set(group.name_key, group);
    this.newGroups.push(group);
    return group;
  }

  /**
   * An existing unit by any of its names, else a new one at the end of the registry: matched from
   * then on, stored by saveNewcomers.
   */
  planUnit(name: string, group: UnitGroupRow, onDay: string): UnitRow {
    const existing = this.findUnit(name, onDay);
    if (existing) return existing;
    const unit = unitsRepo.newRow({
      provinceId: this.provinceId,
      groupId: group.id,
      name: normalizeText(name),
      nameKey: nameKey(name),
      position: this.nextUnitPosition++,
    });
    this.units.set(unit.id, unit);
    this.names.set(unit.name_key, [unit.id]);
    this.newUnits.push(unit);
    return unit;
  }

  /** Stores the groups and units planned since the last call, in bulk (groups first: units name them). */
  async saveNewcomers(): Promise<void> {
    await groupsRepo.insertMany(this.db, this.newGroups.splice(0));
    await unitsRepo.insertMany(this.db, this.newUnits.splice(0));
  }
}


const assertAdmin = (actor: Actor) => assertAdminOf(actor, 'Chỉ quản trị viên được sửa danh mục và cấu hình.');

async function requireUnit(db: Db, provinceId: string, unitId: string): Promise<UnitRow> {
  const unit = await unitsRepo.get(db, provinceId, unitId);
  if (!unit) throw errors.notFound('đơn vị');
  return unit;
}

async function requireGroup(db: Db, provinceId: string, groupId: string): Promise<Group> {
  const group = (await listGroups(db, provinceId)).find((g) => g.id === groupId);
  if (!group) throw errors.notFound('nhóm đơn vị');
  return group;
}

/** One audited registry change in one transaction, by an administrator. */
async function registryChange<T>(
  db: Db,
  actor: Actor,
  audit: { entity: string; entityId: string; action: string },
  read: (trx: Db) => Promise<unknown>,
  change: (trx: Db) => Promise<T>,
): Promise<T> {
  assertAdmin(actor);
  return inTransaction(db, async (trx) => {
    const before = await read(trx);
    const result = await change(trx);
    const after = await read(trx);
    await invalidateProvinceReports(trx, actor.provinceId);
    await recordAudit(trx, actor, { ...audit, before, after });
    return result;
  });
}

/**
 * A name as stored (NFC, blanks collapsed, bidi controls removed), refused when empty or over the
 * cap every way in shares (the API, the command line, imported files).
 */
function checkedName(value: string, what: string): string {
  const name = normalizeText(value);
  if (!name) throw errors.validation(`${what} không được để trống.`);
  const tooLong = lengthProblem(name, NAME_MAX, what);
  if (tooLong) throw errors.validation(tooLong);
  return name;
}

/** A portal's address is a link the web opens: http(s) only, whatever way it came in. */
function checkPortalUrl(url: string | null | undefined): void {
  const problem = url === null || url === undefined ? null : urlProblem(url, 'Địa chỉ cổng');
  if (problem) throw errors.validation(problem);
}

/** Adds a unit at the end of the registry. */
export async function createUnit(db: Db, actor: Actor, input: NewUnitInput): Promise<Unit> {
  assertAdmin(actor);
  const name = checkedName(input.name, 'Tên đơn vị');
  checkPortalUrl(input.portalUrl);
  return inTransaction(db, async (trx) => {
    await requireGroup(trx, actor.provinceId, input.groupId);
    const names = await unitsRepo.listNames(trx, actor.provinceId);
    if (names.some((n) => n.name_key === nameKey(name))) throw errors.conflict(`Đơn vị "${name}" đã có trong danh mục.`);
    const row = await unitsRepo.create(trx, {
      provinceId: actor.provinceId,
      groupId: input.groupId,
      name,
      nameKey: nameKey(name),
      position: (await unitsRepo.maxPosition(trx, actor.provinceId)) + 1,
      portalUrl: input.portalUrl ?? null,
    });
    const unit = await getUnit(trx, actor.provinceId, row.id);
    await invalidateProvinceReports(trx, actor.provinceId);
    await recordAudit(trx, actor, { entity: 'unit', entityId: unit.id, action: 'create', after: unit });
    return unit;
  });
}

/**
 * Applies the requested changes to a unit (rename, retirement, merger, place in the order, group,
 * portal), in one transaction with one audit entry.
 */
export async function changeUnit(db: Db, actor: Actor, unitId: string, change: UnitChange): Promise<Unit> {
  const actions = Object.keys(change).filter((k) => change[k as keyof UnitChange] !== undefined);
  if (actions.length === 0) throw errors.validation('Không có thay đổi nào.');
  checkPortalUrl(change.portalUrl);
  return registryChange(
    db,
    actor,
    { entity: 'unit', entityId: unitId, action: actions.join('+') },
    (trx) => getUnit(trx, actor.provinceId, unitId),
    async (trx) => {
      const p = actor.provinceId;
      await requireUnit(trx, p, unitId);
      if (change.groupId !== undefined) {
        await requireGroup(trx, p, change.groupId);
        await unitsRepo.update(trx, unitId, { group_id: change.groupId });
      }
      if (change.portalUrl !== undefined) await unitsRepo.update(trx, unitId, { portal_url: change.portalUrl });
      if (change.rename) await renameUnit(trx, p, unitId, change.rename.name, change.rename.effectiveOn);
      if (change.retire) await unitsRepo.update(trx, unitId, { retired_on: change.retire.effectiveOn });
      if (change.merge) await mergeUnit(trx, p, unitId, change.merge.intoUnitId, change.merge.effectiveOn);
      if (change.position !== undefined) await moveUnit(trx, p, unitId, change.position);
      return getUnit(trx, p, unitId);
    },
  );
}

/** Renames a unit from a day on; the old name keeps matching older files and notices. */
async function renameUnit(trx: Db, provinceId: string, unitId: string, newName: string, effectiveOn: string): Promise<void> {
  const name = checkedName(newName, 'Tên đơn vị');
  const clash = (await unitsRepo.listNames(trx, provinceId)).find((n) => n.name_key === nameKey(name) && n.unit_id !== unitId);
  if (clash) throw errors.conflict(`Tên "${name}" đã thuộc về một đơn vị khác.`);
  await unitsRepo.closeCurrentName(trx, unitId, effectiveOn);
  await unitsRepo.addName(trx, { provinceId, unitId, name, nameKey: nameKey(name), validFrom: effectiveOn });
  await unitsRepo.update(trx, unitId, { name, name_key: nameKey(name) });
}

/** Merges a unit into another from a day on: later files naming the old unit count for the new one. */
async function mergeUnit(trx: Db, provinceId: string, unitId: string, intoUnitId: string, effectiveOn: string): Promise<void> {
  if (unitId === intoUnitId) throw errors.validation('Không thể sáp nhập một đơn vị vào chính nó.');
  await requireUnit(trx, provinceId, intoUnitId);
  await unitsRepo.update(trx, unitId, { retired_on: effectiveOn, merged_into: intoUnitId });
}

/**
 * `items` in the registry's order of their units, as the review and the notice list them (what the
 * database hands back follows row ids, which mean nothing to a reader).
 */
export function inRegistryOrder<T>(items: readonly T[], registry: readonly { id: string; position: number }[], unitIdOf: (item: T) => string): T[] {
  const position = new Map(registry.map((u) => [u.id, u.position]));
  return [...items].sort((a, b) => (position.get(unitIdOf(a)) ?? 0) - (position.get(unitIdOf(b)) ?? 0));
}

/** Moves a unit to a place in the registry order (1-based), shifting the others. */
async function moveUnit(trx: Db, provinceId: string, unitId: string, toPosition: number): Promise<void> {
  const units = await unitsRepo.list(trx, provinceId);
  const moving = units.find((u) => u.id === unitId);
  if (!moving) throw errors.notFound('đơn vị');
  const others = units.filter((u) => u.id !== unitId);
  const index = Math.min(Math.max(Math.trunc(toPosition), 1), units.length) - 1;
  others.splice(index, 0, moving);
  for (const [i, unit] of others.entries()) {
    if (unit.position !== i + 1) await unitsRepo.update(trx, unit.id, { position: i + 1 });
  }
}

/** Adds a group, by name first if its categories (or their count) are not known yet. */
export async function createGroup(db: Db, actor: Actor, input: NewGroupInput): Promise<Group> {
  assertAdmin(actor);
  const name = checkedName(input.name, 'Tên nhóm');
  return inTransaction(db, async (trx) => {
    const groups = await groupsRepo.list(trx, actor.provinceId);
    if (groups.some((g) => g.name_key === nameKey(name))) throw errors.conflict(`Nhóm "${name}" đã có.`);
    const categories = (input.categories ?? []).map(normalizeText).filter((c) => c !== '');
    // A group may be created by name first; its categories (or their count) follow, 0 until then.
    const requiredCount = categories.length || input.requiredCount || 0;
    const row = await groupsRepo.create(trx, {
      provinceId: actor.provinceId,
      name,
      nameKey: nameKey(name),
      position: Math.max(0, ...groups.map((g) => g.position)) + 1,
      requiredCount,
    });
    if (categories.length > 0) await setGroupCategories(trx, actor.provinceId, row.id, categories);
    const group = await requireGroup(trx, actor.provinceId, row.id);
    await invalidateProvinceReports(trx, actor.provinceId);
    await recordAudit(trx, actor, { entity: 'group', entityId: group.id, action: 'create', after: group });
    return group;
  });
}

/**
 * Changes a group: its name, place, required categories by name (the required count follows the
 * list) or, for groups whose categories are known only by number, that number.
 */
export async function changeGroup(db: Db, actor: Actor, groupId: string, change: GroupChange): Promise<Group> {
  return registryChange(
    db,
    actor,
    { entity: 'group', entityId: groupId, action: 'update' },
    (trx) => requireGroup(trx, actor.provinceId, groupId),
    async (trx) => {
      const p = actor.provinceId;
      await requireGroup(trx, p, groupId);
      if (change.name !== undefined) {
        const name = checkedName(change.name, 'Tên nhóm');
        const clash = (await groupsRepo.list(trx, p)).find((g) => g.name_key === nameKey(name) && g.id !== groupId);
        if (clash) throw errors.conflict(`Nhóm "${name}" đã có.`);
        await groupsRepo.update(trx, groupId, { name, name_key: nameKey(name) });
      }
      if (change.position !== undefined) await groupsRepo.update(trx, groupId, { position: change.position });
      if (change.categories !== undefined) await setGroupCategories(trx, p, groupId, change.categories);
      if (change.requiredCount !== undefined) await setGroupRequiredCount(trx, p, groupId, change.requiredCount);
      return requireGroup(trx, p, groupId);
    },
  );
}

async function setGroupCategories(trx: Db, provinceId: string, groupId: string, names: string[]): Promise<void> {
  const clean = names.map(normalizeText).filter((n) => n !== '');
  const keys = new Set<string>();
  for (const name of clean) {
    checkedName(name, 'Tên chuyên mục');
    if (keys.has(nameKey(name))) throw errors.validation(`Chuyên mục "${name}" bị lặp.`);
    keys.add(nameKey(name));
  }
  await requireGroup(trx, provinceId, groupId);
  await groupsRepo.replaceCategories(trx, groupId, clean.map((name) => ({ name, nameKey: nameKey(name) })));
  if (clean.length > 0) await groupsRepo.update(trx, groupId, { required_count: clean.length });
}

async function setGroupRequiredCount(trx: Db, provinceId: string, groupId: string, count: number): Promise<void> {
  if (!Number.isInteger(count) || count < 1) throw errors.validation('Số chuyên mục phải là số nguyên dương.');
  const group = await requireGroup(trx, provinceId, groupId);
  if (group.categories.length > 0 && group.categories.length !== count) {
    throw errors.validation(`Nhóm có danh sách ${group.categories.length} chuyên mục; số chuyên mục theo danh sách.`);
  }
  await groupsRepo.update(trx, groupId, { required_count: count });
}
