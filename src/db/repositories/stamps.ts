import { sql } from 'kysely';
import type { Db } from '../connection.js';
import { compiledOnce, PREPARED } from '../prepared.js';
import { sessionStillValid } from './sessions.js';

/**
 * A fingerprint of what a period's report is computed from, in one cheap query: the period row
 * (status, revision, updated_at, which registry edits touch), its evaluations' count, newest
 * change and version sum (every evaluation write bumps its version), the province's rule sets
 * (added, never edited) and the period's crawl runs. Equal fingerprints, equal reports, whichever
 * app instance or command wrote. `volatile` is true while a crawl run of the period is unfinished:
 * its results arrive one by one and are not fingerprinted. With `session`, the same query confirms
 * a session the caller remembers (sessionStillValid), saving the request a round trip.
 */
export async function periodDataStamp(
  db: Db,
  provinceId: string,
  periodId: string,
  session?: { id: string; userVersion: string; now: string },
): Promise<{ status: string; stamp: string; volatile: boolean; sessionValid: number | null } | undefined> {
  const [row] = session === undefined
    ? await stampQuery(db, { provinceId, periodId })
    : await stampWithSessionQuery(db, { provinceId, periodId, sessionId: session.id, userVersion: session.userVersion, now: session.now });
  if (!row) return undefined;
  return {
    status: row.status,
    stamp: [row.status, row.revision, row.updated_at, row.evaluations, row.rules, row.crawls].join('|'),
    volatile: Number(row.running ?? 0) > 0,
    sessionValid: 'session_valid' in row ? (row.session_valid as number | null) : null,
  };
}

function stampSelect(db: Db, provinceId: string, periodId: string) {
  return db
    .selectFrom('periods as p')
    .select([
      'p.status',
      'p.revision',
      'p.updated_at',
      (eb) =>
        eb
          .selectFrom('evaluations as e')
          .select(sql<string>`count(*) || ':' || coalesce(max(e.updated_at), '') || ':' || coalesce(sum(e.version), 0)`.as('s'))
          .whereRef('e.province_id', '=', 'p.province_id')
          .whereRef('e.period_id', '=', 'p.id')
          .as('evaluations'),
      (eb) =>
        eb
          .selectFrom('rule_sets as r')
          .select(sql<string>`count(*) || ':' || coalesce(max(r.created_at), '')`.as('s'))
          .whereRef('r.province_id', '=', 'p.province_id')
          .as('rules'),
      (eb) =>
        eb
          .selectFrom('crawl_runs as c')
          .select(sql<string>`count(*) || ':' || coalesce(max(c.started_at), '') || ':' || coalesce(max(c.finished_at), '')`.as('s'))
          .whereRef('c.province_id', '=', 'p.province_id')
          .whereRef('c.period_id', '=', 'p.id')
          .as('crawls'),
      (eb) =>
        eb
          .selectFrom('crawl_runs as c')
          .select((c) => c.fn.countAll<number>().as('n'))
          .whereRef('c.province_id', '=', 'p.province_id')
          .whereRef('c.period_id', '=', 'p.id')
          .where('c.finished_at', 'is', null)
          .as('running'),
    ])
    .where('p.province_id', '=', provinceId)
    .where('p.id', '=', periodId);
}

// Run on every ranking request: compiled once per process, planned once per connection (see prepared.ts).
const stampQuery = compiledOnce(['provinceId', 'periodId'], (db, v: { provinceId: string; periodId: string }) =>
  stampSelect(db, v.provinceId, v.periodId).modifyEnd(sql.raw(PREPARED)),
);
const stampWithSessionQuery = compiledOnce(
  ['provinceId', 'periodId', 'sessionId', 'userVersion', 'now'],
  (db, v: { provinceId: string; periodId: string; sessionId: string; userVersion: string; now: string }) =>
    stampSelect(db, v.provinceId, v.periodId)
      .select(sessionStillValid(v.sessionId, v.userVersion, v.now).as('session_valid'))
      .modifyEnd(sql.raw(PREPARED)),
);

/** Marks every period of a province as changed: registry and settings edits alter reports. */
export async function touchPeriods(db: Db, provinceId: string, now: string): Promise<void> {
  await db.updateTable('periods').set({ updated_at: now }).where('province_id', '=', provinceId).execute();
}
