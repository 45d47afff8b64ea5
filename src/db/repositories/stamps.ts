import { sql } from 'kysely';
import type { Db } from '../connection.js';
import { Coalescer } from '../coalesce.js';
import { compiledOnce, PREPARED } from '../prepared.js';
import { sessionStillValid } from './sessions.js';

/** A session the caller remembers, to be confirmed by the fingerprint's query (sessionStillValid). */
export interface SessionToConfirm {
  id: string;
  userVersion: string;
  now: string;
}

export interface PeriodDataStamp {
  status: string;
  stamp: string;
  volatile: boolean;
  /** 1 when the session given is still valid, null when it is not (or none was given). */
  sessionValid: number | null;
}

/**
 * A fingerprint of what a period's report is computed from, in one cheap query: the period row
 * (status, revision, updated_at, which registry edits touch), its evaluations' count, newest
 * change and version sum (every evaluation write bumps its version), the province's rule sets
 * (added, never edited) and the period's crawl runs. Equal fingerprints, equal reports, whichever
 * app instance or command wrote. `volatile` is true while a crawl run of the period is unfinished:
 * its results arrive one by one and are not fingerprinted. With `session`, the same query confirms
 * a session the caller remembers (sessionStillValid), saving the request a round trip.
 *
 * Requests of one period at once share the query, up to SESSION_SLOTS distinct sessions each, and
 * each is answered by a query sent after it arrived (Coalescer): a hundred viewers of the ranking
 * cost the database one query per round trip, and a logout or a write is still seen at once.
 */
export function periodDataStamp(db: Db, provinceId: string, periodId: string, session?: SessionToConfirm): Promise<PeriodDataStamp | undefined> {
  let coalescer = coalescers.get(db);
  if (!coalescer) {
    coalescer = new Coalescer(SESSION_SLOTS, (asks) => readStamps(db, asks));
    coalescers.set(db, coalescer);
  }
  const group = `${provinceId}\u0000${periodId}`;
  return coalescer.load(group, session ? `${session.id}\u0000${session.userVersion}` : '', { provinceId, periodId, session });
}

/** Distinct sessions one fingerprint query confirms. */
export const SESSION_SLOTS = 8;

interface StampAsk {
  provinceId: string;
  periodId: string;
  session: SessionToConfirm | undefined;
}

const coalescers = new WeakMap<Db, Coalescer<StampAsk, PeriodDataStamp | undefined>>();

async function readStamps(db: Db, asks: StampAsk[]): Promise<(PeriodDataStamp | undefined)[]> {
  const { provinceId, periodId } = asks[0]!;
  const values: Record<string, string> = { provinceId, periodId, now: latestNow(asks) };
  // Free slots ask for a session id no session has (ids are never empty): null, as for an ended one.
  for (let slot = 0; slot < SESSION_SLOTS; slot += 1) {
    values[`sessionId${slot}`] = asks[slot]?.session?.id ?? '';
    values[`userVersion${slot}`] = asks[slot]?.session?.userVersion ?? '';
  }
  const [row] = await stampQuery(db, values);
  if (!row) return asks.map(() => undefined);
  const stamp = {
    status: row.status,
    stamp: [row.status, row.revision, row.updated_at, row.evaluations, row.rules, row.crawls].join('|'),
    volatile: Number(row.running ?? 0) > 0,
  };
  return asks.map((ask, slot) => ({ ...stamp, sessionValid: ask.session ? ((row as Record<string, unknown>)[`session_valid_${slot}`] as number | null) : null }));
}

/**
 * The batch's time: the latest of its requests'. A session that ended between two of them is
 * refused to both, never accepted for either after its end.
 */
function latestNow(asks: StampAsk[]): string {
  const times = asks.flatMap((a) => (a.session ? [a.session.now] : []));
  return times.length === 0 ? new Date().toISOString() : times.reduce((a, b) => (b > a ? b : a));
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
const SLOT_NAMES = Array.from({ length: SESSION_SLOTS }, (_, slot) => [`sessionId${slot}`, `userVersion${slot}`]).flat();
const stampQuery = compiledOnce(['provinceId', 'periodId', 'now', ...SLOT_NAMES], (db, v: Record<string, string>) =>
  Array.from({ length: SESSION_SLOTS }, (_, slot) => slot)
    .reduce(
      (query, slot) => query.select(sessionStillValid(v[`sessionId${slot}`]!, v[`userVersion${slot}`]!, v.now!).as(`session_valid_${slot}`)),
      stampSelect(db, v.provinceId!, v.periodId!) as ReturnType<typeof stampSelect>,
    )
    .modifyEnd(sql.raw(PREPARED)),
);

/** Marks every period of a province as changed: registry and settings edits alter reports. */
export async function touchPeriods(db: Db, provinceId: string, now: string): Promise<void> {
  await db.updateTable('periods').set({ updated_at: now }).where('province_id', '=', provinceId).execute();
}
