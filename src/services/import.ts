/**
 * Import of one period from CSV or XLSX, from the CLI or the web alike: by the board's staff, the
 * whole file checked first, then one transaction replaces the period's evaluations and records the
 * audit entry (each unit's figures before and after). Any problem leaves the database as it was.
 */
import type { ImportSummary } from '../contract/periods.js';
import { type Db, inTransaction } from '../db/connection.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';

import { countStatuses, sumPoints } from '../domain/evaluation.js';
import { checkEvaluationRows, type EvaluationLine, type Problem } from '../domain/evaluation-rows.js';
import { IMPORT_COLUMNS } from '../domain/import-columns.js';
import { uncarriedDeductions } from '../domain/proposals.js';
import { periodBounds } from '../domain/period.js';
import { formatNumber, normalizeText } from '../domain/text.js';
import { errors } from '../errors.js';
import { type Actor, recordAudit } from './audit.js';
import { assertWritable, ensurePeriod, lockPeriodRow, presentPeriod, requirePeriodId } from './periods.js';
import { getProvince } from './provinces.js';
import { RegistryMatcher } from './registry.js';
import { ruleSetForPeriod } from './rules.js';
import { readTableFileOffThread } from './table-file.js';
import { assertStaff } from './access.js';

export type { ImportSummary };

const header = (key: string) => IMPORT_COLUMNS.find((c) => c.key === key)!.header;

export async function importPeriodFile(
  db: Db,
  actor: Actor,
  input: { periodId: string; content: Buffer; fileName?: string },
): Promise<ImportSummary> {
  assertStaff(actor, 'Chỉ Ban biên tập được nhập số liệu.');
  const periodId = requirePeriodId(input.periodId);
  const table = await readTableFileOffThread(input.content, input.fileName);
  const { lines, problems } = checkEvaluationRows(table.rows);
  if (problems.length > 0) throw errors.importInvalid(problems);
  return inTransaction(db, async (trx) => {
    const before = await periodFigures(trx, actor.provinceId, periodId);
    const written = await writePeriodEvaluations(trx, { provinceId: actor.provinceId, periodId, lines });
    const [rules, { settings }] = await Promise.all([ruleSetForPeriod(trx, actor.provinceId, periodId), getProvince(trx, actor.provinceId)]);
    const warnings = uncarriedDeductions(lines, rules, settings.portalShortName);
    const summary: ImportSummary = { ...written, format: table.format, warnings };
    await recordAudit(trx, actor, {
      entity: 'period',
      entityId: periodId,
      action: 'import',
      before: { units: before },
      after: { ...(input.fileName === undefined ? {} : { fileName: input.fileName }), ...summary, units: await periodFigures(trx, actor.provinceId, periodId) },
    });
    return summary;
  });
}

/**
 * Each unit's stored figures for a period, by name, as one readable line: what an import's audit
 * entry compares before and after. Read from the evaluations, not a ranked report (nothing to rank).
 */
export async function periodFigures(db: Db, provinceId: string, periodId: string): Promise<Record<string, string>> {
  const evaluations = await evaluationsRepo.listForPeriod(db, provinceId, periodId);
  const deductions = await evaluationsRepo.listDeductions(db, evaluations.map((e) => e.id));
  const pointsOf = new Map<string, number[]>();
  for (const d of deductions) pointsOf.set(d.evaluation_id, [...(pointsOf.get(d.evaluation_id) ?? []), Number(d.points)]);
  return Object.fromEntries(
    evaluations.map((e) => {
      const points = pointsOf.get(e.id) ?? [];
      const self = e.self_score === null ? 'không gửi tự đánh giá' : `tự chấm ${formatNumber(Number(e.self_score))}`;
      const deducted = points.length === 0 ? 'không trừ điểm' : `trừ ${formatNumber(sumPoints(points))} điểm`;
      return [
        e.unit_name,
        `${e.full_count}/${e.partial_count}/${e.none_count} trên ${e.required} chuyên mục, ${formatNumber(e.articles)} tin bài, ${self}, ${deducted}`,
      ];
    }),
  );
}

export type WriteSummary = Omit<ImportSummary, 'format' | 'warnings'>;

/**
 * The one path by which a whole period's evaluations are written (files, earlier notices, bulk
 * loads): matches units and groups by name, registers newcomers at the end of the registry and
 * replaces the period's evaluations, all in one transaction (the caller's, when given one).
 * Refuses a published period.
 */
export async function writePeriodEvaluations(
  db: Db,
  input: { provinceId: string; periodId: string; lines: EvaluationLine[]; state?: string },
): Promise<WriteSummary> {
  const periodId = requirePeriodId(input.periodId);
  return inTransaction(db, async (trx) => {
    const { settings } = await getProvince(trx, input.provinceId);
    const bounds = periodBounds(periodId, settings.cutOffDay);
    await ensurePeriod(trx, input.provinceId, periodId, 'review');
    assertWritable(presentPeriod(await lockPeriodRow(trx, input.provinceId, periodId)));

    const registry = await RegistryMatcher.load(trx, input.provinceId);
    const registryProblems = checkAgainstRegistry(registry, input.lines, bounds.to);
    if (registryProblems.length > 0) throw errors.importInvalid(registryProblems);

    const newUnits: string[] = [];
    const newGroups: string[] = [];
    const evaluations: evaluationsRepo.NewEvaluation[] = [];
    for (const line of input.lines) {
      if (!registry.findGroup(line.group)) newGroups.push(normalizeText(line.group));
      const group = registry.planGroup(line.group, line.required);
      if (!registry.findUnit(line.unit, bounds.to)) newUnits.push(normalizeText(line.unit));
      const unit = registry.planUnit(line.unit, group, bounds.to);
      evaluations.push({
        unitId: unit.id,
        groupId: group.id,
        unitName: unit.name,
        required: line.required,
        full: line.full,
        partial: line.partial,
        none: line.none,
        articles: line.articles,
        selfScore: line.selfScore,
        state: input.state ?? 'reviewed',
        submittedAt: null,
        categories: (line.categories ?? []).map((c) => ({
          categoryId: registry.categoryId(group.id, c.name),
          name: normalizeText(c.name),
          status: c.status,
          evidenceUrl: c.evidenceUrl,
        })),
        deductions: line.deductions.map((d) => ({ points: d.points, reason: normalizeText(d.reason), origin: null })),
      });
    }
    await registry.saveNewcomers();
    const replaced = (await evaluationsRepo.listForPeriod(trx, input.provinceId, periodId)).length;
    await evaluationsRepo.deleteForPeriod(trx, input.provinceId, periodId);
    await evaluationsRepo.insertMany(trx, input.provinceId, periodId, evaluations);
    return { period: periodId, units: evaluations.length, newUnits, newGroups, replaced };
  });
}

/**
 * Problems only the registry can see (a retired unit, two rows naming one unit by old and new
 * names, a count that differs from the group's named categories) and per-category statuses that
 * disagree with the counts.
 */
function checkAgainstRegistry(registry: RegistryMatcher, lines: EvaluationLine[], lastDay: string): Problem[] {
  const problems: Problem[] = [];
  const lineOfUnit = new Map<string, number>();
  for (const line of lines) {
    if (line.categories && line.categories.length > 0) {
      const counted = countStatuses(line.categories.map((c) => c.status));
      if (line.categories.length !== line.required || counted.full !== line.full || counted.partial !== line.partial || counted.none !== line.none) {
        problems.push({ line: line.line, column: header('required'), message: `Trạng thái từng chuyên mục của "${line.unit}" không khớp với số chuyên mục.` });
      }
    }
    const unit = registry.findUnit(line.unit, lastDay);
    if (!unit) continue;
    if (unit.retired_on && unit.retired_on <= lastDay) {
      problems.push({ line: line.line, column: header('unit'), message: `Đơn vị "${unit.name}" đã thôi hoạt động từ ${unit.retired_on}.` });
    }
    const first = lineOfUnit.get(unit.id);
    if (first !== undefined) {
      problems.push({ line: line.line, column: header('unit'), message: `"${line.unit}" là cùng đơn vị với dòng ${first} (${unit.name}).` });
    } else {
      lineOfUnit.set(unit.id, line.line);
    }
    const group = registry.findGroup(line.group);
    const named = group ? registry.namedCategoryCount(group.id) : 0;
    if (named > 0 && named !== line.required) {
      problems.push({
        line: line.line,
        column: header('required'),
        message: `Nhóm "${group!.name}" có ${named} chuyên mục phải cập nhật, tệp ghi ${line.required}.`,
      });
    }
  }
  return problems;
}
