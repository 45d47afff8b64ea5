/**
 * The ranking of a period for the API: the core report (the CLI's JSON), readable by everyone
 * once published and by the board's staff before. Serialised reports are cached per instance,
 * keyed by a fingerprint of the period's data read from the database on every request, so a
 * write through any instance is seen at once by all of them. The cache holds the UTF-8 bytes, not
 * the text: a 130-unit month is 46 KB, and encoding it again for every answer cost more CPU (and
 * garbage) than everything else the request does.
 */
import type { Db } from '../db/connection.js';
import { nowIso } from '../db/ids.js';
import { periodDataStamp, touchPeriods } from '../db/repositories/stamps.js';
import * as periodsRepo from '../db/repositories/periods.js';
import { canListPeriod, canReadPeriodData } from '../domain/access.js';
import { latestPeriodOf, RANKING_PREFERENCE, type PeriodStatus } from '../domain/period.js';
import { errors } from '../errors.js';
import type { Actor } from './audit.js';
import { confirmSession, type SessionActor } from './auth.js';
import { requirePeriodId } from './periods.js';
import type { PeriodReport } from '../domain/report.js';
import { getPeriodReport } from './report.js';

const MAX_ENTRIES = 500;
const cache = new Map<string, { stamp: string; body: Buffer }>();
/** Reports being built, so that a hundred requests missing the cache at once build it once. */
const building = new Map<string, { stamp: string; body: Promise<Buffer> }>();

/**
 * The period's report as UTF-8 JSON bytes, after checking the actor may read it. A session the HTTP layer
 * remembers is confirmed by the fingerprint's query: one round trip for a cached report.
 */
export async function getRankingBody(db: Db, actor: SessionActor, periodId: string): Promise<Buffer> {
  const found = await periodDataStamp(db, actor.provinceId, requirePeriodId(periodId), actor.unconfirmedSession);
  // An unknown period is not told to a session that may have ended.
  confirmSession(actor, found?.sessionValid);
  if (!found) throw errors.notFound(`kỳ ${periodId}`);
  if (!canReadPeriodData(actor, found.status as PeriodStatus)) {
    throw errors.forbidden('Kết quả kỳ này chưa công bố.');
  }
  return cachedBody(db, actor.provinceId, periodId, found);
}

/**
 * The ranking the menu's "Bảng xếp hạng" opens (the latest published period, else the one under
 * review, else the open one, among the periods the actor sees), in one request: the page need not
 * wait for the period list before asking for the ranking. The report names its period.
 */
export async function getLatestRankingBody(db: Db, actor: Actor): Promise<Buffer> {
  const rows = await periodsRepo.list(db, actor.provinceId);
  const visible = rows
    .map((r) => ({ id: r.id, status: r.status as PeriodStatus }))
    .filter((r) => canListPeriod(actor, r.status));
  const latest = latestPeriodOf(visible, RANKING_PREFERENCE);
  if (!latest) throw errors.notFound('kỳ đánh giá nào');
  return getRankingBody(db, actor, latest.id);
}

/** The report without an access check, for services that show only the parts one may read. */
export async function getCachedReport(db: Db, provinceId: string, periodId: string): Promise<PeriodReport> {
  const found = await stampOf(db, provinceId, periodId);
  return JSON.parse((await cachedBody(db, provinceId, periodId, found)).toString('utf8')) as PeriodReport;
}

async function stampOf(db: Db, provinceId: string, periodId: string): Promise<{ status: string; stamp: string; volatile: boolean }> {
  const found = await periodDataStamp(db, provinceId, requirePeriodId(periodId));
  if (!found) throw errors.notFound(`kỳ ${periodId}`);
  return found;
}

async function cachedBody(
  db: Db,
  provinceId: string,
  periodId: string,
  { stamp, volatile }: { stamp: string; volatile: boolean },
): Promise<Buffer> {
  const key = `${provinceId}/${periodId}`;
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp && !volatile) return hit.body;
  // While a crawl run is unfinished its results arrive between two reads: each request builds its own.
  if (volatile) return Buffer.from(JSON.stringify(await getPeriodReport(db, provinceId, periodId)));
  const pending = building.get(key);
  if (pending && pending.stamp === stamp) return pending.body;
  const body = buildAndCache(db, provinceId, periodId, key, stamp);
  const entry = { stamp, body };
  building.set(key, entry);
  try {
    return await body;
  } finally {
    if (building.get(key) === entry) building.delete(key);
  }
}

async function buildAndCache(db: Db, provinceId: string, periodId: string, key: string, stamp: string): Promise<Buffer> {
  const body = Buffer.from(JSON.stringify(await getPeriodReport(db, provinceId, periodId)));
  // Re-read the fingerprint: a write that landed while the report was built must not be cached under the older one.
  const after = await periodDataStamp(db, provinceId, periodId);
  if (after?.stamp === stamp) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, { stamp, body });
  }
  return body;
}

/** Called by registry and settings edits, whose effect on reports no evaluation row records. */
export async function invalidateProvinceReports(db: Db, provinceId: string): Promise<void> {
  await touchPeriods(db, provinceId, nowIso());
}
