/**
 * The audit log: who changed what, when, with the entity before and after. Every write service
 * records its entry in the same transaction as the change, so the log never misses or invents one.
 */
import { userInfo } from 'node:os';
import type { Db } from '../db/connection.js';
import type { AuditLogRow } from '../db/schema.js';
import * as auditRepo from '../db/repositories/audit.js';
import { newId, nowIso } from '../db/ids.js';
import type { AuditPage } from '../contract/audit.js';
import * as groupsRepo from '../db/repositories/groups.js';
import * as unitsRepo from '../db/repositories/units.js';
import * as usersRepo from '../db/repositories/users.js';
import { isAdmin, type Role } from '../domain/access.js';
import { auditActionLabel, auditChanges, auditEntityLabel, auditValue, formatVietnamTime } from '../domain/audit.js';
import { errors } from '../errors.js';

/** Who acts: a signed-in user, a user named by the command line's --as, or the command line itself (userId null). */
export interface Actor {
  userId: string | null;
  username: string;
  provinceId: string;
  role: Role;
  unitId: string | null;
}

/** A user the command line acts as (`--as USER`), already found in the province. */
export interface CliUser {
  id: string;
  username: string;
  role: Role;
  unitId: string | null;
}

/**
 * The command line as an actor, named in one place: the user given with `--as` (with that user's
 * role and unit, so the same permission checks apply as on the web), else the operating-system
 * account that ran the command, acting as administrator of the machine's database.
 */
export function cliActor(provinceId: string, asUser?: CliUser): Actor {
  if (asUser) return { userId: asUser.id, username: asUser.username, provinceId, role: asUser.role, unitId: asUser.unitId };
  return { userId: null, username: osUsername(), provinceId, role: 'admin', unitId: null };
}

function osUsername(): string {
  try {
    return userInfo().username || 'cli';
  } catch {
    // No passwd entry for the process's uid (some containers): the command line is still named.
    return 'cli';
  }
}

export interface AuditChange {
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(db: Db, actor: Actor, change: AuditChange): Promise<void> {
  await auditRepo.insert(db, auditEntry(actor, change));
}

/** The audit log's entry for a change, for a repository that writes it with the change itself. */
export function auditEntry(actor: Actor, change: AuditChange): AuditLogRow {
  return {
    id: newId(),
    province_id: actor.provinceId,
    at: nowIso(),
    user_id: actor.userId,
    username: actor.username,
    entity: change.entity,
    entity_id: change.entityId,
    action: change.action,
    before: change.before === undefined ? null : JSON.stringify(change.before),
    after: change.after === undefined ? null : JSON.stringify(change.after),
  };
}

/**
 * The audit log for an administrator, newest first, each entry also in the board's words: the
 * action and the kind of record in Vietnamese, the unit, group, user or period by name, each
 * changed field as "before → after", the time in Vietnam's time zone.
 */
export async function listAudit(
  db: Db,
  actor: Actor,
  query: auditRepo.AuditFilter & { limit: number; offset: number },
): Promise<AuditPage> {
  if (!isAdmin(actor)) throw errors.forbidden('Chỉ quản trị viên được xem nhật ký thay đổi.');
  const { limit, offset, to, ...filter } = query;
  // A date alone as the upper bound means the whole of that day.
  const upTo = to === undefined ? {} : { to: /^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T23:59:59.999Z` : to };
  const [{ rows, total }, units, groups, users] = await Promise.all([
    auditRepo.list(db, actor.provinceId, { ...filter, ...upTo }, { limit, offset }),
    unitsRepo.list(db, actor.provinceId),
    groupsRepo.list(db, actor.provinceId),
    usersRepo.list(db, actor.provinceId),
  ]);
  const names = new Map<string, string>([
    ...units.map((u) => [u.id, u.name] as const),
    ...groups.map((g) => [g.id, g.name] as const),
    ...users.map((u) => [u.id, u.display_name || u.username] as const),
  ]);
  return {
    total,
    entries: rows.map((r) => {
      const before = r.before === null ? null : (JSON.parse(r.before) as unknown);
      const after = r.after === null ? null : (JSON.parse(r.after) as unknown);
      return {
        id: r.id,
        at: r.at,
        atText: formatVietnamTime(r.at),
        userId: r.user_id,
        username: r.username,
        actor: r.user_id === null ? `${r.username} (dòng lệnh)` : (names.get(r.user_id) ?? r.username),
        entity: r.entity,
        entityLabel: auditEntityLabel(r.entity),
        entityId: r.entity_id,
        subject: auditSubject(r.entity, r.entity_id, names),
        action: r.action,
        actionLabel: auditActionLabel(r.action),
        before,
        after,
        changes: auditChanges(before, after, names),
      };
    }),
  };
}

/** The record an entry is about, by name: "Sở Y tế", "Kỳ 02/2024", "02/2024 — Sở Y tế". */
function auditSubject(entity: string, entityId: string, names: ReadonlyMap<string, string>): string {
  const period = (id: string) => (/^\d{4}-\d{2}$/.test(id) ? `${id.slice(5)}/${id.slice(0, 4)}` : id);
  const slash = entityId.indexOf('/');
  if (/^\d{4}-\d{2}\//.test(entityId)) {
    const unitId = entityId.slice(slash + 1);
    return `${period(entityId.slice(0, slash))} — ${names.get(unitId) ?? unitId}`;
  }
  switch (entity) {
    case 'period':
      return `Kỳ ${period(entityId)}`;
    case 'settings':
    case 'sources':
      return 'Toàn tỉnh';
    case 'rule-set':
      return `Hiệu lực từ ${auditValue(entityId)}`;
    case 'day-off':
      return auditValue(entityId);
    default:
      return names.get(entityId) ?? entityId;
  }
}
