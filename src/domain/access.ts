/**
 * Who may do what: pure rules the API applies before any service runs, so a refusal is
 * a 403 from the server itself and not only a hidden button.
 */
import type { PeriodStatus } from './period.js';

export const ROLES = ['admin', 'reviewer', 'unit-editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị',
  reviewer: 'Thư ký Ban biên tập',
  'unit-editor': 'Biên tập viên đơn vị',
  viewer: 'Lãnh đạo (xem)',
};

export interface Principal {
  role: Role;
  /** The unit a unit editor edits; null for the other roles. */
  unitId: string | null;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The board's staff: open, review, deduct, publish, correct, import. Admins may act for them. */
export function isStaff(p: Principal): boolean {
  return p.role === 'admin' || p.role === 'reviewer';
}

export function isAdmin(p: Principal): boolean {
  return p.role === 'admin';
}

/** Whether the period shows in one's list at all: viewers (leaders) see only published notices. */
export function canListPeriod(p: Principal, status: PeriodStatus): boolean {
  return status === 'published' || p.role !== 'viewer';
}

/** Data of the whole period (ranking, every evaluation): public once published, else staff only. */
export function canReadPeriodData(p: Principal, status: PeriodStatus): boolean {
  return status === 'published' || isStaff(p);
}

/** One unit's data in a period: as above, and a unit editor may always read their own unit. */
export function canReadUnitData(p: Principal, status: PeriodStatus, unitId: string): boolean {
  return canReadPeriodData(p, status) || (p.role === 'unit-editor' && p.unitId === unitId);
}

/** Filling in a self-assessment: the unit's own editor, or an admin acting for it. */
export function canEditSelfAssessment(p: Principal, unitId: string): boolean {
  return p.role === 'admin' || (p.role === 'unit-editor' && p.unitId === unitId);
}

/**
 * Whose working data (portal sources, crawl results, PAKN records) one may read, asking for one unit
 * or (undefined) for every unit: staff any; a unit editor only their own, which is also what asking
 * for none gives them; viewers none, for leaders read published results, not the working data.
 */
export function workingDataUnit(p: Principal, asked: string | undefined): { unitId: string | undefined } | 'other-unit' | 'none' {
  if (isStaff(p)) return { unitId: asked };
  if (p.role === 'unit-editor' && p.unitId) return asked !== undefined && asked !== p.unitId ? 'other-unit' : { unitId: p.unitId };
  return 'none';
}
