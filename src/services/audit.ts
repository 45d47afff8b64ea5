/**
 * The audit log: who changed what, when, with the entity before and after. Every write service
 * records its entry in the same transaction as the change, so the log never misses or invents one.
 */
import type { Db } from '../db/connection.js';
import * as auditRepo from '../db/repositories/audit.js';
import { newId, nowIso } from '../db/ids.js';
import type { Role } from '../domain/access.js';

/** Who acts: a signed-in user, or the command line (userId null). */
export interface Actor {
  userId: string | null;
  username: string;
  provinceId: string;
  role: Role;
  unitId: string | null;
}

export function cliActor(provinceId: string): Actor {
  return { userId: null, username: 'cli', provinceId, role: 'admin', unitId: null };
}

export interface AuditChange {
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(db: Db, actor: Actor, change: AuditChange): Promise<void> {
  await auditRepo.insert(db, {
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
  });
}

export interface AuditEntry {
  id: string;
  at: string;
  userId: string | null;
  username: string;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

export async function listAudit(
  db: Db,
  provinceId: string,
  filter: auditRepo.AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ entries: AuditEntry[]; total: number }> {
  const { rows, total } = await auditRepo.list(db, provinceId, filter, page);
  return {
    total,
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      username: r.username,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      before: r.before === null ? null : (JSON.parse(r.before) as unknown),
      after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    })),
  };
}
