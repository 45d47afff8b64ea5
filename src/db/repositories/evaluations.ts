import { sql } from 'kysely';
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import { type Db, inTransaction, isPostgres } from '../connection.js';
import type { AuditLogRow, DeductionRow, EvaluationCategoryRow, EvaluationRow, GroupCategoryRow, PeriodRow } from '../schema.js';
import * as auditRepo from './audit.js';
import { sessionStillValid } from './sessions.js';
import { compiledOnce, PREPARED } from '../prepared.js';
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

/** An evaluation's parts, as a save reads them with the evaluation (getForWrite). */
export interface EvaluationParts {
  categories: EvaluationCategoryRow[];
  deductions: Pick<DeductionRow, 'points' | 'reason'>[];
  /** The named categories the period keeps for the evaluation's group (period_categories: the list as the period opened). */
  named: { id: string | null; name: string; name_key: string; position: number }[];
}

/** getForWrite's query; `session` adds whether a remembered session is still good. */
function forWriteQuery(db: Db, v: { provinceId: string; periodId: string; unitId: string }, session?: { sessionId: string; userVersion: string; now: string }) {
  // The same JSON arrays in each database's own functions (Kysely's helpers).
  const jsonArrayFrom = isPostgres(db) ? pgJsonArrayFrom : sqliteJsonArrayFrom;
  return db
    .selectFrom('periods as p')
    .leftJoin('evaluations as e', (join) =>
      join.onRef('e.province_id', '=', 'p.province_id').onRef('e.period_id', '=', 'p.id').on('e.unit_id', '=', v.unitId),
    )
    .leftJoin('unit_groups as g', 'g.id', 'e.group_id')
    .select(periodColumns.map((c) => `p.${c}` as const))
    .select(columns.map((c) => `e.${c} as e_${c}` as const))
    .select('g.name as group_name')
    .select((eb) => [
      jsonArrayFrom(
        eb.selectFrom('evaluation_categories as c').select(['c.position', 'c.category_id', 'c.name', 'c.status', 'c.evidence_url']).whereRef('c.evaluation_id', '=', 'e.id'),
      ).as('parts_categories'),
      jsonArrayFrom(eb.selectFrom('deductions as d').select(['d.position', 'd.points', 'd.reason']).whereRef('d.evaluation_id', '=', 'e.id')).as('parts_deductions'),
      jsonArrayFrom(
        eb
          .selectFrom('period_categories as n')
          .select(['n.position', 'n.category_id', 'n.name', 'n.name_key'])
          .whereRef('n.province_id', '=', 'p.province_id')
          .whereRef('n.period_id', '=', 'p.id')
          .whereRef('n.group_id', '=', 'e.group_id'),
      ).as('parts_named'),
    ])
    .$if(session !== undefined, (q) => q.select(sessionStillValid(session!.sessionId, session!.userVersion, session!.now).as('session_valid')))
    .where('p.province_id', '=', v.provinceId)
    .where('p.id', '=', v.periodId)
    // No lock: the write checks that the period is still as read and locks it then (updateIfVersionAudited).
    .modifyEnd(sql.raw(PREPARED));
}

// Run at every save: compiled once per database (see prepared.ts), with and without a session to confirm.
const forWrite = compiledOnce(['provinceId', 'periodId', 'unitId'], (db, v: { provinceId: string; periodId: string; unitId: string }) => forWriteQuery(db, v));
const forWriteWithSession = compiledOnce(
  ['provinceId', 'periodId', 'unitId', 'sessionId', 'userVersion', 'now'],
  (db, v: { provinceId: string; periodId: string; unitId: string; sessionId: string; userVersion: string; now: string }) => forWriteQuery(db, v, v),
);

/**
 * What a write to one unit's evaluation starts from, in one query: the period (not locked: the
 * write checks it, see updateIfVersionAudited), the evaluation (null when the unit has
 * none in the period), its group's name, its parts (categories, deductions and the period's named
 * categories for its group, each as a JSON array built by the database) and, with `session`,
 * whether a session the caller remembers is still good (sessionStillValid). Undefined when the
 * period does not exist. One query, not a second for the parts: each round trip of a save at the
 * deadline holds a connection and a transaction open (bench/scale.ts).
 * Named (PREPARED) like every query of a save: each runs at every save at the deadline, and parsing
 * and planning them again each time cost PostgreSQL more than running them.
 */
export async function getForWrite(
  db: Db,
  provinceId: string,
  periodId: string,
  unitId: string,
  session?: { id: string; userVersion: string; now: string },
): Promise<{ period: PeriodRow; evaluation: EvaluationRow | null; groupName: string; sessionValid: number | null; parts: EvaluationParts } | undefined> {
  const [row] = session
    ? await forWriteWithSession(db, { provinceId, periodId, unitId, sessionId: session.id, userVersion: session.userVersion, now: session.now })
    : await forWrite(db, { provinceId, periodId, unitId });
  if (!row) return undefined;
  const record = row as unknown as Record<string, unknown>;
  const period = {} as Record<string, unknown>;
  const evaluation = {} as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (key.startsWith('e_')) evaluation[key.slice(2)] = value;
    else if (key !== 'group_name' && key !== 'session_valid' && !key.startsWith('parts_')) period[key] = value;
  }
  const found = evaluation.id === null || evaluation.id === undefined ? null : (evaluation as unknown as EvaluationRow);
  // PostgreSQL answers the arrays parsed, SQLite as JSON text; neither promises their order.
  const parts = <T extends { position: unknown }>(value: unknown): T[] =>
    ((typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as T[]).sort((a, b) => Number(a.position) - Number(b.position));
  type Category = Omit<EvaluationCategoryRow, 'evaluation_id'>;
  type Named = { position: number; category_id: string | null; name: string; name_key: string };
  return {
    period: period as unknown as PeriodRow,
    evaluation: found,
    groupName: (record.group_name as string | null) ?? '',
    sessionValid: (record.session_valid as number | null | undefined) ?? null,
    parts: {
      categories: found
        ? parts<Category>(record.parts_categories).map((c) => ({ ...c, evaluation_id: found.id, position: Number(c.position) }))
        : [],
      deductions: parts<{ position: number; points: unknown; reason: string }>(record.parts_deductions).map((d) => ({ points: Number(d.points), reason: d.reason })),
      named: parts<Named>(record.parts_named).map((n) => ({ id: n.category_id, name: n.name, name_key: n.name_key, position: Number(n.position) })),
    },
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

type EvaluationChanges = Parameters<typeof updateIfVersion>[3];

/** The period as a save read it: its write goes ahead only while the period is still so. */
export type PeriodAsRead = Pick<PeriodRow, 'province_id' | 'id' | 'status' | 'to_date' | 'deadline'>;

/**
 * updateIfVersion that also writes the change's audit entry and answers the row as written, or
 * null when someone else wrote first or the period is no longer as the writer read it (then
 * neither is written). The period's row is locked by the same statement until its transaction
 * ends, with FOR KEY SHARE, which conflicts with the FOR UPDATE every change of a period's status,
 * deadline or revision takes first (lockPeriodRow): a transition under way is waited for and then
 * seen, and one that comes after waits for this write. (FOR SHARE, which also holds off plain
 * updates of the row, gave saves paced at 100 a second a p99 of 87–150 ms against 31–90 ms;
 * bench/scale.ts, 06/12/2026.) So a save needs no lock on its read and, for a group known by
 * counts, no transaction: on PostgreSQL the update and the entry are one statement (a writable
 * CTE: the entry is inserted only from the updated row); SQLite has no writable CTE and runs the
 * two in process, in a transaction.
 */
export async function updateIfVersionAudited(
  db: Db,
  id: string,
  version: number,
  changes: EvaluationChanges,
  entry: AuditLogRow,
  period: PeriodAsRead,
): Promise<EvaluationRow | null> {
  const keys = (Object.keys(changes) as (keyof EvaluationChanges & string)[]).sort();
  const postgres = isPostgres(db);
  const values: Record<string, unknown> = {
    ...changes,
    id,
    version,
    updatedAt: nowIso(),
    periodProvinceId: period.province_id,
    periodId: period.id,
    periodStatus: period.status,
    periodToDate: period.to_date,
    periodDeadline: period.deadline,
  };
  if (postgres) {
    const [row] = await auditedUpdate(keys, true)(db, { ...values, ...Object.fromEntries(auditRepo.columns.map((c) => [`audit_${c}`, entry[c]])) });
    return (row as EvaluationRow | undefined) ?? null;
  }
  return inTransaction(db, async (trx) => {
    const [row] = await auditedUpdate(keys, false)(trx, values);
    if (row) await auditRepo.insert(trx, entry);
    return (row as EvaluationRow | undefined) ?? null;
  });
}

const PERIOD_AS_READ = ['periodProvinceId', 'periodId', 'periodStatus', 'periodToDate', 'periodDeadline'] as const;

// Run at every save: compiled once per database and set of changed columns (see prepared.ts).
const auditedUpdates = new Map<string, (db: Db, values: Record<string, unknown>) => Promise<unknown[]>>();
function auditedUpdate(keys: readonly (keyof EvaluationChanges & string)[], postgres: boolean) {
  const key = `${postgres ? 'postgres' : 'sqlite'}:${keys.join()}`;
  let run = auditedUpdates.get(key);
  if (!run) {
    const names = [...keys, 'id', 'version', 'updatedAt', ...PERIOD_AS_READ, ...(postgres ? auditRepo.columns.map((c) => `audit_${c}`) : [])];
    run = compiledOnce(names, (db, v: Record<string, unknown>) => {
      const update = db
        .updateTable('evaluations')
        .set((eb) => ({ ...(Object.fromEntries(keys.map((k) => [k, v[k]])) as EvaluationChanges), version: eb('version', '+', 1), updated_at: v.updatedAt as string }))
        .where('id', '=', v.id as string)
        .where('version', '=', v.version as number)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('periods')
              .select(sql<number>`1`.as('still'))
              .where('province_id', '=', v.periodProvinceId as string)
              .where('id', '=', v.periodId as string)
              .where('status', '=', v.periodStatus as string)
              .where('to_date', '=', v.periodToDate as string)
              .where('deadline', 'is not distinct from', v.periodDeadline as string | null)
              // Dropped on SQLite (sqlite-dialect.ts), where the transaction holds the database.
              .forKeyShare(),
          ),
        )
        .returning(columns);
      if (!postgres) return update.modifyEnd(sql.raw(PREPARED));
      // Each value typed as text, as its column: PostgreSQL cannot infer a parameter's type from an
      // INSERT … SELECT's target.
      const audited = auditRepo.columns.map((c) => sql<string | null>`cast(${v[`audit_${c}`]} as text)`.as(c));
      return db
        .with('written', () => update)
        .with('audited', (qb) => qb.insertInto('audit_log').columns(auditRepo.columns).expression((eb) => eb.selectFrom('written').select(audited)))
        .selectFrom('written')
        .select(columns)
        .modifyEnd(sql.raw(PREPARED));
    });
    auditedUpdates.set(key, run);
  }
  return run;
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
