/**
 * A notice covering several months, as 01/BBT-CTTĐT covered January and February 2023: the
 * months' reports combined into one ranked on the whole range. Articles are summed; each unit's
 * score is combined as the rule set in force on the range's last day says (average, lowest month,
 * or the scale less every month's deductions), and the notice states which.
 */
import { nextPeriodId, type PeriodId, parsePeriodId, periodLabel } from './period.js';
import { type PeriodReport, type ReportDeduction, type ReportRules, reportUnitOf } from './report.js';
import { rankGroups, type RankingInputGroup } from './ranking.js';
import { RANGE_SCORE_LABELS, type RangeScoreMode } from './rules.js';

/** The longest range a notice covers: a year. */
export const MAX_RANGE_MONTHS = 12;

export interface PeriodRange {
  /** "2023-01..2023-02". */
  id: string;
  /** Every month of the range, in order. */
  periods: PeriodId[];
}

export function isPeriodRange(text: string): boolean {
  return text.includes('..');
}

/** "2023-01..2023-02" → its months; a RangeError in Vietnamese when it is not a range of 2–12 months. */
export function parsePeriodRange(text: string): PeriodRange {
  const match = /^(\d{4}-\d{2})\.\.(\d{4}-\d{2})$/u.exec(text.trim());
  if (!match) throw new RangeError(`Khoảng kỳ không hợp lệ: "${text}" (cần dạng YYYY-MM..YYYY-MM, ví dụ 2023-01..2023-02)`);
  const [first, last] = [match[1]!, match[2]!];
  parsePeriodId(first);
  parsePeriodId(last);
  if (last <= first) throw new RangeError(`Khoảng kỳ "${text}": tháng cuối phải sau tháng đầu.`);
  const periods: PeriodId[] = [first];
  while (periods.at(-1)! < last) {
    periods.push(nextPeriodId(periods.at(-1)!));
    if (periods.length > MAX_RANGE_MONTHS) throw new RangeError(`Một công văn gộp nhiều nhất ${MAX_RANGE_MONTHS} tháng.`);
  }
  return { id: `${first}..${last}`, periods };
}

/**
 * The months as a notice names them after "tháng": "01 và tháng 02/2023", "01, 02 và tháng 03/2023",
 * "12/2022 và tháng 01/2023". A single month is "02/2024".
 */
export function rangeLabel(periods: readonly PeriodId[]): string {
  const last = periods.at(-1)!;
  if (periods.length === 1) return periodLabel(last);
  const lastYear = parsePeriodId(last).year;
  const earlier = periods.slice(0, -1).map((p) => {
    const { year, month } = parsePeriodId(p);
    return year === lastYear ? String(month).padStart(2, '0') : periodLabel(p);
  });
  return `${earlier.join(', ')} và tháng ${periodLabel(last)}`;
}

/** How a report names its period after "tháng": one month, or the months of a range. */
export function reportPeriodLabel(report: Pick<PeriodReport, 'period' | 'range'>): string {
  return report.range ? rangeLabel(report.range.periods) : periodLabel(report.period.id);
}

/** The sentence a range's notice states its scoring with. */
export function rangeScoreLine(report: Pick<PeriodReport, 'range'>): string | null {
  if (!report.range) return null;
  return `điểm của ${report.range.periods.length === 2 ? 'hai' : String(report.range.periods.length)} tháng tính theo ${RANGE_SCORE_LABELS[report.range.scoreMode]}`;
}

export interface RangeRules extends ReportRules {
  rangeScore: RangeScoreMode;
  floor: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** A unit's combined score from its monthly scores, under the rule set's mode. */
export function combineScores(scores: readonly number[], rules: Pick<RangeRules, 'rangeScore' | 'scale' | 'floor'>): number {
  if (scores.length === 0) return rules.scale;
  switch (rules.rangeScore) {
    case 'average':
      return round2(scores.reduce((a, b) => a + b, 0) / scores.length);
    case 'lowest':
      return Math.min(...scores);
    case 'summed':
      return Math.max(rules.floor, round2(rules.scale - scores.reduce((lost, s) => lost + (rules.scale - s), 0)));
  }
}

interface UnitAcc {
  id: string;
  name: string;
  group: string;
  categories: number;
  partial: number;
  none: number;
  articles: number;
  scores: number[];
  selfScores: number[];
  deductions: ReportDeduction[];
  reported: boolean;
}

export interface RangeInput {
  range: PeriodRange;
  /** One report a month of the range that has one, in order. */
  reports: readonly PeriodReport[];
  /** The rule set in force on the range's last day. */
  rules: RangeRules;
  /** The groups in their listed order, by name as the reports carry them. */
  groupPositions: ReadonlyMap<string, number>;
  /** Each unit's position in the registry: ties keep this order. */
  unitPositions: ReadonlyMap<string, number>;
}

/**
 * The months' reports ranked as one. A unit's counts are the most categories it had in each status
 * in any one month (required from its latest month); its deductions carry their month.
 */
export function buildRangeReport(input: RangeInput): PeriodReport {
  const { range, reports, rules } = input;
  if (reports.length === 0) throw new RangeError(`Khoảng kỳ ${range.id} chưa có tháng nào để gộp.`);
  const units = new Map<string, UnitAcc>();
  for (const report of reports) {
    const month = periodLabel(report.period.id);
    for (const group of report.groups) {
      for (const u of group.units) {
        const acc =
          units.get(u.id) ??
          ({ id: u.id, name: u.name, group: group.name, categories: 0, partial: 0, none: 0, articles: 0, scores: [], selfScores: [], deductions: [], reported: true } as UnitAcc);
        // The latest month names the unit and its group.
        acc.name = u.name;
        acc.group = group.name;
        acc.categories = u.categories;
        acc.partial = Math.max(acc.partial, u.partial);
        acc.none = Math.max(acc.none, u.none);
        acc.articles += u.articles;
        acc.scores.push(u.score);
        if (u.selfScore !== null) acc.selfScores.push(u.selfScore);
        acc.deductions.push(...u.deductions.map((d) => ({ points: d.points, reason: `${d.reason.replace(/[.;]+$/u, '')} (tháng ${month})` })));
        acc.reported &&= u.reported;
        units.set(u.id, acc);
      }
    }
  }
  const groups = new Map<string, RankingInputGroup>();
  for (const acc of units.values()) {
    const group =
      groups.get(acc.group) ??
      ({ id: acc.group, name: acc.group, position: input.groupPositions.get(acc.group) ?? Number.MAX_SAFE_INTEGER, units: [] } as RankingInputGroup);
    const none = Math.min(acc.none, acc.categories);
    const partial = Math.min(acc.partial, acc.categories - none);
    group.units.push({
      id: acc.id,
      name: acc.name,
      position: input.unitPositions.get(acc.id) ?? Number.MAX_SAFE_INTEGER,
      categories: acc.categories,
      full: acc.categories - none - partial,
      partial,
      none,
      articles: acc.articles,
      selfScore: acc.selfScores.length > 0 ? combineScores(acc.selfScores, rules) : 0,
      score: combineScores(acc.scores, rules),
      deductions: acc.deductions,
    });
    groups.set(acc.group, group);
  }
  const ranking = rankGroups([...groups.values()]);
  const scoreOf = new Map(ranking.groups.flatMap((g) => g.units.map((u) => [u.id, u.score] as const)));
  const first = reports[0]!;
  const last = reports.at(-1)!;
  const status = reports.every((r) => r.period.status === 'published') && reports.length === range.periods.length ? 'published' : 'review';
  return {
    period: { id: range.id, from: first.period.from, to: last.period.to, status },
    rules: { id: rules.id, effectiveFrom: rules.effectiveFrom, note: rules.note, isDefault: rules.isDefault, scale: rules.scale },
    range: { periods: reports.map((r) => r.period.id), scoreMode: rules.rangeScore },
    groups: ranking.groups.map((g) => ({
      name: g.name,
      articles: g.articles,
      units: g.units.map((u) => {
        const acc = units.get(u.id)!;
        return reportUnitOf(u, acc.selfScores.length > 0 ? u.selfScore : null, acc.reported);
      }),
    })),
    // What a unit lost over the range is the scale less its combined score, not its months' sum.
    deducted: ranking.deducted.map((d) => ({ name: d.name, points: round2(rules.scale - scoreOf.get(d.id)!), reasons: d.reasons })),
  };
}
