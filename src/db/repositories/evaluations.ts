import type { Db } from '../connection.js';
import type { DeductionRow, EvaluationCategoryRow, EvaluationRow } from '../schema.js';
import { newId, nowIso } from '../ids.js';

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
] as const;

const deductionColumns = ['id', 'evaluation_id', 'position', 'points', 'reason', 'origin', 'created_at'] as const;
const categoryColumns = ['evaluation_id', 'position', 'category_id', 'name', 'status', 'evidence_url'] as const;

/** Rows per INSERT statement: keeps SQLite under its bound-parameter limit. */
const BATCH = 200;

export interface NewEvaluation {
  unitId: string;
  groupId: string;
  unitName: string;
  required: number;
  full: number;
  partial: number;
  none: number;
  articles: number;
  selfScore: number | null;
  state: string;
  submittedAt: string | null;
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
    .execute();
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

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
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
    Pick<EvaluationRow, 'full_count' | 'partial_count' | 'none_count' | 'articles' | 'self_score' | 'state' | 'submitted_at'>
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
