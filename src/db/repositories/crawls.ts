import type { Db } from '../connection.js';
import { newId, nowIso } from '../ids.js';
import type { CrawlEvidenceRow, CrawlResultRow, CrawlRunRow } from '../schema.js';

const runColumns = ['id', 'province_id', 'period_id', 'started_at', 'finished_at', 'units', 'requests'] as const;
const resultColumns = [
  'id',
  'run_id',
  'unit_id',
  'position',
  'category_name',
  'category_key',
  'source_type',
  'source_url',
  'min_posts',
  'status',
  'posts',
  'latest_post_at',
  'pages',
  'error_reason',
  'error_message',
  'error_url',
  'crawled_at',
  'complete',
  'complete_basis',
  'listed',
  'listed_total',
  'pagers',
  'only_other_categories',
] as const;

export async function createRun(db: Db, run: { provinceId: string; periodId: string; units: number }): Promise<CrawlRunRow> {
  const row: CrawlRunRow = {
    id: newId(),
    province_id: run.provinceId,
    period_id: run.periodId,
    started_at: nowIso(),
    finished_at: null,
    units: run.units,
    requests: null,
  };
  await db.insertInto('crawl_runs').values(row).execute();
  return row;
}

export async function finishRun(db: Db, runId: string, requests: number): Promise<void> {
  await db.updateTable('crawl_runs').set({ finished_at: nowIso(), requests }).where('id', '=', runId).execute();
}

/** The period's runs, newest first. */
export async function listRuns(db: Db, provinceId: string, periodId: string): Promise<CrawlRunRow[]> {
  return db
    .selectFrom('crawl_runs')
    .select(runColumns)
    .where('province_id', '=', provinceId)
    .where('period_id', '=', periodId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export type NewResult = Omit<CrawlResultRow, 'id' | 'run_id' | 'unit_id'> & {
  evidence: readonly Omit<CrawlEvidenceRow, 'result_id' | 'position'>[];
};

/** One unit's results of a run, with their evidence. */
export async function insertUnitResults(db: Db, runId: string, unitId: string, results: readonly NewResult[]): Promise<void> {
  for (const { evidence, ...result } of results) {
    const id = newId();
    await db.insertInto('crawl_results').values({ ...result, id, run_id: runId, unit_id: unitId }).execute();
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < evidence.length; i += 100) {
      await db
        .insertInto('crawl_evidence')
        .values(evidence.slice(i, i + 100).map((e, j) => ({ ...e, result_id: id, position: i + j + 1 })))
        .execute();
    }
  }
}

/**
 * One category's result of a run, replacing any earlier one (a distributed job that runs again
 * after its worker died must not count its posts twice).
 */
export async function replaceResult(db: Db, runId: string, unitId: string, result: NewResult): Promise<void> {
  const earlier = db
    .selectFrom('crawl_results')
    .select('id')
    .where('run_id', '=', runId)
    .where('unit_id', '=', unitId)
    .where('category_key', '=', result.category_key);
  await db.deleteFrom('crawl_evidence').where('result_id', 'in', earlier).execute();
  await db
    .deleteFrom('crawl_results')
    .where('run_id', '=', runId)
    .where('unit_id', '=', unitId)
    .where('category_key', '=', result.category_key)
    .execute();
  await insertUnitResults(db, runId, unitId, [result]);
}

/** Adds a worker's requests to a distributed run's total. */
export async function addRequests(db: Db, runId: string, requests: number): Promise<void> {
  await db
    .updateTable('crawl_runs')
    .set((eb) => ({ requests: eb(eb.fn.coalesce('requests', eb.lit(0)), '+', requests) }))
    .where('id', '=', runId)
    .execute();
}

/** Marks a distributed run finished once, when its last category is in. */
export async function markFinished(db: Db, runId: string): Promise<void> {
  await db.updateTable('crawl_runs').set({ finished_at: nowIso() }).where('id', '=', runId).where('finished_at', 'is', null).execute();
}

/** Categories of a unit already stored in a run (a job that runs again does not read them twice). */
export async function listResultKeys(db: Db, runId: string, unitId: string): Promise<string[]> {
  const rows = await db.selectFrom('crawl_results').select('category_key').where('run_id', '=', runId).where('unit_id', '=', unitId).execute();
  return rows.map((r) => r.category_key);
}

export async function countResults(db: Db, runId: string): Promise<number> {
  const row = await db
    .selectFrom('crawl_results')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('run_id', '=', runId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function getRun(db: Db, runId: string): Promise<CrawlRunRow | undefined> {
  return db.selectFrom('crawl_runs').select(runColumns).where('id', '=', runId).executeTakeFirst();
}

export async function listResults(db: Db, runIds: readonly string[]): Promise<CrawlResultRow[]> {
  if (runIds.length === 0) return [];
  return db
    .selectFrom('crawl_results')
    .select(resultColumns)
    .where('run_id', 'in', runIds)
    .orderBy('unit_id')
    .orderBy('position')
    .execute();
}

export async function listEvidence(db: Db, resultIds: readonly string[]): Promise<CrawlEvidenceRow[]> {
  if (resultIds.length === 0) return [];
  const rows: CrawlEvidenceRow[] = [];
  for (let i = 0; i < resultIds.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('crawl_evidence')
        .select(['result_id', 'position', 'url', 'title', 'published_at', 'date_text', 'found_on'])
        .where('result_id', 'in', resultIds.slice(i, i + 500))
        .orderBy('result_id')
        .orderBy('position')
        .execute()),
    );
  }
  return rows;
}

