/**
 * The permission checks every service makes before it reads or writes, so that the web and the
 * command line (acting as `--as USER` or as the machine's administrator) are refused alike.
 */
import { isAdmin, isStaff, workingDataUnit } from '../domain/access.js';
import { errors } from '../errors.js';
import type { Actor } from './audit.js';

export function assertAdmin(actor: Actor, refusal: string): void {
  if (!isAdmin(actor)) throw errors.forbidden(refusal);
}

export function assertStaff(actor: Actor, refusal: string): void {
  if (!isStaff(actor)) throw errors.forbidden(refusal);
}

/**
 * The unit whose working data the actor reads (undefined: every unit), from the one asked for;
 * a refusal in the words given when the actor asks for another unit's or may read none.
 */
export function workingDataScope(actor: Actor, asked: string | undefined, refusals: { otherUnit: string; none: string }): string | undefined {
  const scope = workingDataUnit(actor, asked);
  if (scope === 'other-unit') throw errors.forbidden(refusals.otherUnit);
  if (scope === 'none') throw errors.forbidden(refusals.none);
  return scope.unitId;
}

/** Refusals for the crawl's working data: portal sources, crawl results, the cross-check. */
export const CRAWL_DATA_REFUSALS = {
  otherUnit: 'Chỉ xem được nguồn tin và kết quả đọc cổng của đơn vị mình.',
  none: 'Nguồn tin và kết quả đọc cổng chỉ dành cho Ban biên tập và biên tập viên của đơn vị.',
};

/** Refusals for PAKN records, working data too. */
export const PAKN_REFUSALS = {
  otherUnit: 'Chỉ xem được PAKN của đơn vị mình.',
  none: 'PAKN chỉ dành cho Ban biên tập và biên tập viên của đơn vị.',
};
