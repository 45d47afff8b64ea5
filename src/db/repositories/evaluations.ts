import { sql } from 'kysely';
import type { Db } from '../connection.js';
import type { DeductionRow, EvaluationCategoryRow, EvaluationRow, GroupCategoryRow, PeriodRow } from '../schema.js';
import { sessionStillValid } from './sessions.js';
import { PREPARED } from '../prepared.js';
import { periodColumns } from './periods.js';
import type { EvaluationCounts } from '../../domain/evaluation.js';
import { newId, nowIso } from '../ids.js';
import { BATCH, chunks } from './batches.js';

const columns = [
  'id',
  'province_id',
  'period_id',
  'unit_id',
  'group_id',
  'unit_name',
  'required',
  'full_count',
  'partial_count',
  'none_count',
  'articles',
  'self_score',
  'state',
  'submitted_at',
  'version',
  'created_at',
  'updated_at',
  'reported',
  'review_overrides',
  'evidence_urls',
] as const;

const deductionColumns = ['id', 'evaluation_id', 'position', 'points', 'reason', 'origin', 'created_at'] as const;
const categoryColumns = ['evaluation_id', 'position', 'category_id', 'name', 'status', 'evidence_url'] as const;


export interface NewEvaluation extends EvaluationCounts {
  unitId: string;
  groupId: string;
  unitName: string;
  state: string;
  submittedAt: string | null;
  /** False for a draft the unit has not sent; true (the default) for submitted or imported figures. */
  reported?: boolean;
  categories: { categoryId: string | null; name: string; status: string; evidenceUrl: string | null }[];
  deductions: { points: number; reason: string; origin: string | null }[];
}

export async function listForPeriod(
  db: Db,
  provinceId: string,
  periodId: string,
  filter: { unitId?: string } = {},
): Promise<EvaluationRow[]> {
  return db
    .selectFrom('evaluations')
    .select(columns)
    .where('province_id', '=', provinceId)
    .where('period_id', '=', periodId)
    .$if(filter.unitId !== undefined, (q) => q.where('unit_id', '=', filter.unitId!))
    // A stable order, the same on every run: without it SQLite answers in storage order, which a
    // rewrite of a row changes. Callers that show units put them in registry order themselves.
    .orderBy('id')
    .execute();
}

/**
 * What a write to one unit's evaluation starts from, in one query: the period (locked for share
 * until the transaction ends, see periodsRepo.getLocked), the evaluation (null
 * when the unit has none in the period), its group's name and, with `session`, whether a session
 * the caller remembers is still good (sessionStillValid). Undefined when the period does not exist.
 * Named (PREPARED) like every query of a save: each runs at every save at the deadline, and parsing
 * and planning them again each time cost PostgreSQL more than running them.
 */
export async function getForWrite(
  db: Db,
  provinceId: string,
  periodId: string,
  unitId: string,
  session?: { id: string; userVersion: string; now: string },
): Promise<{ period: PeriodRow; evaluation: EvaluationRow | null; groupName: string; sessionValid: number | null } | undefined> {
  const row = await db
    .selectFrom('periods as p')
    .leftJoin('evaluations as e', (join) =>
      join.onRef('e.province_id', '=', 'p.province_id').onRef('e.period_id', '=', 'p.id').on('e.unit_id', '=', unitId),
    )
    .leftJoin('unit_groups as g', 'g.id', 'e.group_id')
    .select(periodColumns.map((c) => `p.${c}` as const))
    .select(columns.map((c) => `e.${c} as e_${c}` as const))
    .select('g.name as group_name')
    .$if(session !== undefined, (q) => q.select(sessionStillValid(session!.id, session!.userVersion, session!.now).as('session_valid')))
    .where('p.province_id', '=', provinceId)
    .where('p.id', '=', periodId)
    // The period row shared-locked like periodsRepo.getLocked's 'shared': a transition waits for the write.
    .forShare('p')
    .modifyEnd(sql.raw(PREPARED))
    .executeTakeFirst();
  if (!row) return undefined;
  const record = row as unknown as Record<string, unknown>;
  const period = {} as Record<string, unknown>;
  const evaluation = {} as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (key.startsWith('e_')) evaluation[key.slice(2)] = value;
    else if (key !== 'group_name' && key !== 'session_valid') period[key] = value;
  }
  return {
    period: period as unknown as PeriodRow,
    evaluation: evaluation.id === null || evaluation.id === undefined ? null : (evaluation as unknown as EvaluationRow),
    groupName: (record.group_name as string | null) ?? '',
    sessionValid: (record.session_valid as number | null | undefined) ?? null,
  };
}

/**
 * An evaluation's categories and deductions and the named categories its period keeps for its
 * group (period_categories: the list as the period opened), in one query (a UNION ALL of the
 * three, told apart by `kind`), each in its order.
 */
export async function getParts(
  db: Db,
  evaluation: Pick<EvaluationRow, 'id' | 'province_id' | 'period_id' | 'group_id'>,
): Promise<{
  categories: EvaluationCategoryRow[];
  deductions: Pick<DeductionRow, 'points' | 'reason'>[];
  named: { id: string | null; name: string; name_key: string; position: number }[];
}> {
  const evaluationId = evaluation.id;
  const { rows } = await sql<{ kind: string; position: number; a: string; b: string | null; c: string | null; d: string | null }>`
    select 'c' as kind, position, name as a, status as b, evidence_url as c, category_id as d from evaluation_categories where evaluation_id = ${evaluationId}
    union all
    select 'd', position, reason, cast(points as text), null, null from deductions where evaluation_id = ${evaluationId}
    union all
    select 'g', position, name, name_key, category_id, null from period_categories
      where province_id = ${evaluation.province_id} and period_id = ${evaluation.period_id} and group_id = ${evaluation.group_id}
    order by 1, 2 ${sql.raw(PREPARED)}`.execute(db);
  return {
    categories: rows
      .filter((r) => r.kind === 'c')
      .map((r) => ({ evaluation_id: evaluationId, position: Number(r.position), category_id: r.d, name: r.a, status: r.b!, evidence_url: r.c })),
    deductions: rows.filter((r) => r.kind === 'd').map((r) => ({ points: Number(r.b), reason: r.a })),
    named: rows.filter((r) => r.kind === 'g').map((r) => ({ id: r.c, name: r.a, name_key: r.b!, position: Number(r.position) })),
  };
}

export async function listForUnit(db: Db, provinceId: string, unitId: string): Promise<EvaluationRow[]> {
  return db
    .selectFrom('evaluations')
    .select(columns)
    .where('province_id', '=', provinceId)
    .where('unit_id', '=', unitId)
    .orderBy('period_id')
    .execute();
}

export async function listDeductions(db: Db, evaluationIds: readonly string[]): Promise<DeductionRow[]> {
  if (evaluationIds.length === 0) return [];
  const rows: DeductionRow[] = [];
  for (const chunk of chunks(evaluationIds, BATCH)) {
    rows.push(
      ...(await db
        .selectFrom('deductions')
        .select(deductionColumns)
        .where('evaluation_id', 'in', chunk)
        .orderBy('evaluation_id')
        .orderBy('position')
        .execute()),
    );
  }
  return rows;
}

export async function listCategories(db: Db, evaluationIds: readonly string[]): Promise<EvaluationCategoryRow[]> {
  if (evaluationIds.length === 0) return [];
  const rows: EvaluationCategoryRow[] = [];
  for (const chunk of chunks(evaluationIds, BATCH)) {
    rows.push(
      ...(await db
        .selectFrom('evaluation_categories')
        .select(categoryColumns)
        .where('evaluation_id', 'in', chunk)
        .orderBy('evaluation_id')
        .orderBy('position')
        .execute()),
    );
  }
  return rows;
}

/** Deletes a period's evaluations (their categories and deductions go with them). */
export async function deleteForPeriod(db: Db, provinceId: string, periodId: string): Promise<void> {
  const ids = db
    .selectFrom('evaluations')
    .select('id')
    .where('province_id', '=', provinceId)
    .where('period_id', '=', periodId);
  await db.deleteFrom('deductions').where('evaluation_id', 'in', ids).execute();
  await db.deleteFrom('evaluation_categories').where('evaluation_id', 'in', ids).execute();
  await db.deleteFrom('evaluations').where('province_id', '=', provinceId).where('period_id', '=', periodId).execute();
}

/** Writes a period's evaluations in batches; the caller's transaction makes it all-or-nothing. */
export async function insertMany(
  db: Db,
  provinceId: string,
  periodId: string,
  evaluations: readonly NewEvaluation[],
): Promise<string[]> {
  const now = nowIso();
  const ids: string[] = [];
  const evaluationRows = evaluations.map((e) => {
    const id = newId();
    ids.push(id);
    return {
      id,
      province_id: provinceId,
      period_id: periodId,
      unit_id: e.unitId,
      group_id: e.groupId,
      unit_name: e.unitName,
      required: e.required,
      full_count: e.full,
      partial_count: e.partial,
      none_count: e.none,
      articles: e.articles,
      self_score: e.selfScore,
      state: e.state,
      submitted_at: e.submittedAt,
      reported: e.reported === false ? 0 : 1,
      version: 1,
      created_at: now,
      updated_at: now,
    };
  });
  const categoryRows = evaluations.flatMap((e, i) =>
    e.categories.map((c, position) => ({
      evaluation_id: ids[i]!,
      position: position + 1,
      category_id: c.categoryId,
      name: c.name,
      status: c.status,
      evidence_url: c.evidenceUrl,
    })),
  );
  const deductionRows = evaluations.flatMap((e, i) =>
    e.deductions.map((d, position) => ({
      id: newId(),
      evaluation_id: ids[i]!,
      position: position + 1,
      points: d.points,
      reason: d.reason,
      origin: d.origin,
      created_at: now,
    })),
  );
  for (const chunk of chunks(evaluationRows, BATCH)) await db.insertInto('evaluations').values(chunk).execute();
  for (const chunk of chunks(categoryRows, BATCH * 2)) await db.insertInto('evaluation_categories').values(chunk).execute();
  for (const chunk of chunks(deductionRows, BATCH)) await db.insertInto('deductions').values(chunk).execute();
  return ids;
}


/**
 * Updates an evaluation only when it still has the version the writer read, and bumps the
 * version: false tells the caller someone else wrote first.
 */
export async function updateIfVersion(
  db: Db,
  id: string,
  version: number,
  changes: Partial<
    Pick<
      EvaluationRow,
      | 'required'
      | 'full_count'
      | 'partial_count'
      | 'none_count'
      | 'articles'
      | 'self_score'
      | 'state'
      | 'submitted_at'
      | 'reported'
      | 'review_overrides'
      | 'evidence_urls'
    >
  >,
): Promise<boolean> {
  const result = await db
    .updateTable('evaluations')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** updateIfVersion that also answers the row as written, or null when someone else wrote first. */
export async function updateIfVersionReturning(
  db: Db,
  id: string,
  version: number,
  changes: Parameters<typeof updateIfVersion>[3],
): Promise<EvaluationRow | null> {
  const row = await db
    .updateTable('evaluations')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(columns)
    .modifyEnd(sql.raw(PREPARED))
    .executeTakeFirst();
  return row ?? null;
}

export interface WriteOptions {
  /** The caller already bumped the evaluation's version in this transaction (updateIfVersion). */
  versionBumped?: boolean;
}

export async function replaceCategories(
  db: Db,
  evaluationId: string,
  categories: readonly { categoryId: string | null; name: string; status: string; evidenceUrl: string | null }[],
  options: WriteOptions = {},
): Promise<void> {
  if (!options.versionBumped) await touch(db, evaluationId);
  await db.deleteFrom('evaluation_categories').where('evaluation_id', '=', evaluationId).execute();
  if (categories.length === 0) return;
  await db
    .insertInto('evaluation_categories')
    .values(
      categories.map((c, i) => ({
        evaluation_id: evaluationId,
        position: i + 1,
        category_id: c.categoryId,
        name: c.name,
        status: c.status,
        evidence_url: c.evidenceUrl,
      })),
    )
    .execute();
}

export async function replaceDeductions(
  db: Db,
  evaluationId: string,
  deductions: readonly { points: number; reason: string; origin: string | null }[],
  options: WriteOptions = {},
): Promise<void> {
  if (!options.versionBumped) await touch(db, evaluationId);
  await db.deleteFrom('deductions').where('evaluation_id', '=', evaluationId).execute();
  if (deductions.length === 0) return;
  const now = nowIso();
  await db
    .insertInto('deductions')
    .values(
      deductions.map((d, i) => ({
        id: newId(),
        evaluation_id: evaluationId,
        position: i + 1,
        points: d.points,
        reason: d.reason,
        origin: d.origin,
        created_at: now,
      })),
    )
    .execute();
}

/** A change to an evaluation's parts is a change to the evaluation: new version, new updated_at. */
async function touch(db: Db, evaluationId: string): Promise<void> {
  await db
    .updateTable('evaluations')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('id', '=', evaluationId)
    .execute();
}
