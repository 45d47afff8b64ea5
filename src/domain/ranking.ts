/**
 * Ranking exactly as the board's notice ranks: within each group, reviewed score descending,
 * then articles descending, then registry order. Groups keep their own order.
 */
import { type Deduction, totalDeducted } from './evaluation.js';

export interface RankingInputUnit {
  id: string;
  name: string;
  /** Position in the province's registry; ties in score and articles keep this order. */
  position: number;
  categories: number;
  full: number;
  partial: number;
  none: number;
  articles: number;
  selfScore: number;
  score: number;
  deductions: Deduction[];
}

export interface RankingInputGroup {
  id: string;
  name: string;
  position: number;
  units: RankingInputUnit[];
}

export interface RankedUnit extends RankingInputUnit {
  rank: number;
}

export interface RankedGroup {
  id: string;
  name: string;
  articles: number;
  units: RankedUnit[];
}

export interface DeductedUnit {
  id: string;
  name: string;
  points: number;
  reasons: string[];
}

export interface Ranking {
  groups: RankedGroup[];
  deducted: DeductedUnit[];
}

export function compareForRanking(a: RankingInputUnit, b: RankingInputUnit): number {
  return b.score - a.score || b.articles - a.articles || a.position - b.position;
}

export function rankGroups(groups: readonly RankingInputGroup[]): Ranking {
  const ordered = [...groups].sort((a, b) => a.position - b.position);
  const ranked: RankedGroup[] = ordered
    .filter((group) => group.units.length > 0)
    .map((group) => ({
      id: group.id,
      name: group.name,
      articles: group.units.reduce((sum, unit) => sum + unit.articles, 0),
      units: [...group.units].sort(compareForRanking).map((unit, index) => ({ ...unit, rank: index + 1 })),
    }));
  const deducted = ranked.flatMap((group) =>
    group.units
      .filter((unit) => unit.deductions.length > 0 && totalDeducted(unit.deductions) > 0)
      .map((unit) => ({
        id: unit.id,
        name: unit.name,
        points: totalDeducted(unit.deductions),
        reasons: unit.deductions.map((d) => d.reason),
      })),
  );
  return { groups: ranked, deducted };
}
