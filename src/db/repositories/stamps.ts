import { sql } from 'kysely';
import type { Db } from '../connection.js';
import { PREPARED } from '../prepared.js';
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
  const row = await db
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
    .$if(session !== undefined, (q) => q.select(sessionStillValid(session!.id, session!.userVersion, session!.now).as('session_valid')))
    .where('p.province_id', '=', provinceId)
    .where('p.id', '=', periodId)
    // Run on every ranking request: planned once per connection (see prepared.ts).
    .modifyEnd(sql.raw(PREPARED))
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    status: row.status,
    stamp: [row.status, row.revision, row.updated_at, row.evaluations, row.rules, row.crawls].join('|'),
    volatile: Number(row.running ?? 0) > 0,
    sessionValid: 'session_valid' in row ? (row.session_valid as number | null) : null,
  };
}

/** Marks every period of a province as changed: registry and settings edits alter reports. */
export async function touchPeriods(db: Db, provinceId: string, now: string): Promise<void> {
  await db.updateTable('periods').set({ updated_at: now }).where('province_id', '=', provinceId).execute();
}
