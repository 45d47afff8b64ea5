/**
 * The admin's changes to the registry (units, groups, categories) and to the province settings,
 * each with its audit entry in the same transaction. Registry edits alter reports (order, group
 * names), so they also mark the province's periods as changed for the report cache.
 */
import { type Db, inTransaction } from '../db/connection.js';
import * as groupsRepo from '../db/repositories/groups.js';
import * as unitsRepo from '../db/repositories/units.js';
import { isAdmin } from '../domain/access.js';
import type { ProvinceSettings } from '../domain/province.js';
import { nameKey, normalizeText } from '../domain/text.js';
import { errors } from '../errors.js';
import { type Actor, recordAudit } from './audit.js';
import { getProvince, type Province, saveSettings } from './provinces.js';
import { invalidateProvinceReports } from './ranking.js';
import {
  getUnit,
  type Group,
  listGroups,
  mergeUnit,
  moveUnit,
  renameUnit,
  retireUnit,
  setGroupCategories,
  setGroupRequiredCount,
  type Unit,
} from './registry.js';

function assertAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw errors.forbidden('Chỉ quản trị viên được sửa danh mục và cấu hình.');
}

async function requireGroup(db: Db, provinceId: string, groupId: string): Promise<Group> {
  const group = (await listGroups(db, provinceId)).find((g) => g.id === groupId);
  if (!group) throw errors.notFound('nhóm đơn vị');
  return group;
}

/** One audited registry change in one transaction. */
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

export async function createUnit(
  db: Db,
  actor: Actor,
  input: { name: string; groupId: string; portalUrl?: string | null },
): Promise<Unit> {
  assertAdmin(actor);
  const name = normalizeText(input.name);
  if (!name) throw errors.validation('Tên đơn vị không được để trống.');
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
    await recordAudit(trx, actor, { entity: 'unit', entityId: unit.id, action: 'create', after: unit });
    return unit;
  });
}

export interface UnitChange {
  rename?: { name: string; effectiveOn: string };
  retire?: { effectiveOn: string };
  merge?: { intoUnitId: string; effectiveOn: string };
  position?: number;
  groupId?: string;
  portalUrl?: string | null;
}

/** Applies the requested changes to a unit, in one transaction with one audit entry. */
export async function changeUnit(db: Db, actor: Actor, unitId: string, change: UnitChange): Promise<Unit> {
  const actions = Object.keys(change).filter((k) => change[k as keyof UnitChange] !== undefined);
  if (actions.length === 0) throw errors.validation('Không có thay đổi nào.');
  return registryChange(
    db,
    actor,
    { entity: 'unit', entityId: unitId, action: actions.join('+') },
    (trx) => getUnit(trx, actor.provinceId, unitId),
    async (trx) => {
      const p = actor.provinceId;
      await getUnit(trx, p, unitId);
      if (change.groupId !== undefined) {
        await requireGroup(trx, p, change.groupId);
        await unitsRepo.update(trx, unitId, { group_id: change.groupId });
      }
      if (change.portalUrl !== undefined) await unitsRepo.update(trx, unitId, { portal_url: change.portalUrl });
      if (change.rename) await renameUnit(trx, p, unitId, change.rename.name, change.rename.effectiveOn);
      if (change.retire) await retireUnit(trx, p, unitId, change.retire.effectiveOn);
      if (change.merge) await mergeUnit(trx, p, unitId, change.merge.intoUnitId, change.merge.effectiveOn);
      if (change.position !== undefined) await moveUnit(trx, p, unitId, change.position);
      return getUnit(trx, p, unitId);
    },
  );
}

export async function createGroup(
  db: Db,
  actor: Actor,
  input: { name: string; requiredCount?: number; categories?: string[] },
): Promise<Group> {
  assertAdmin(actor);
  const name = normalizeText(input.name);
  if (!name) throw errors.validation('Tên nhóm không được để trống.');
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
    await recordAudit(trx, actor, { entity: 'group', entityId: group.id, action: 'create', after: group });
    return group;
  });
}

export interface GroupChange {
  name?: string;
  position?: number;
  /** The required categories by name; the required count follows the list. */
  categories?: string[];
  /** For groups whose categories are known only by number. */
  requiredCount?: number;
}

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
        const name = normalizeText(change.name);
        if (!name) throw errors.validation('Tên nhóm không được để trống.');
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

export async function updateSettings(
  db: Db,
  actor: Actor,
  input: { name?: string; settings: ProvinceSettings },
): Promise<Province> {
  assertAdmin(actor);
  if (!Number.isInteger(input.settings.cutOffDay) || input.settings.cutOffDay < 1 || input.settings.cutOffDay > 31) {
    throw errors.validation('Ngày chốt kỳ phải từ 1 đến 31.');
  }
  return inTransaction(db, async (trx) => {
    const before = await getProvince(trx, actor.provinceId);
    const after = await saveSettings(trx, actor.provinceId, input.settings, input.name);
    // The cut-off day decides a period's last day, hence the rule set its report is scored with.
    await invalidateProvinceReports(trx, actor.provinceId);
    await recordAudit(trx, actor, { entity: 'settings', entityId: actor.provinceId, action: 'update', before, after });
    return after;
  });
}
