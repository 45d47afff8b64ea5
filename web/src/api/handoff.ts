/**
 * The ranking fetched ahead of the page that shows it, handed over once: the menu entry starts
 * the request when the pointer reaches it, the redirect hands the answer to the ranking page, and
 * neither the redirect nor the page waits for a request it could have started earlier. An answer
 * older than a few seconds is not handed over, so a page never shows what an old request said.
 */
import type { PeriodReport } from './types';
import { api } from './index';

const FRESH_MS = 5_000;

interface Waiting {
  at: number;
  answer: Promise<PeriodReport>;
}

let latest: Waiting | null = null;
const byPeriod = new Map<string, Waiting>();

const fresh = (w: Waiting | null | undefined): w is Waiting => !!w && Date.now() - w.at < FRESH_MS;

function waiting(answer: Promise<PeriodReport>): Waiting {
  // A failed early request is not an unhandled rejection: whoever takes it over sees the failure.
  answer.catch(() => undefined);
  return { at: Date.now(), answer };
}

/** Starts the latest ranking's request unless one started moments ago is still to be taken. */
export function prefetchLatestRanking(): void {
  if (!fresh(latest)) latest = waiting(api.latestRanking());
}

/**
 * The latest ranking (the one started early, or a new request); once it is in, the report is
 * waiting for its period's ranking page.
 */
export function takeLatestRanking(): Promise<PeriodReport> {
  const answer = fresh(latest) ? latest.answer : api.latestRanking();
  latest = null;
  return answer.then((report) => {
    byPeriod.set(report.period.id, waiting(Promise.resolve(report)));
    return report;
  });
}

/** A period's ranking: the report handed over by the redirect, or a new request. */
export function takeRanking(periodId: string): Promise<PeriodReport> {
  const found = byPeriod.get(periodId);
  byPeriod.delete(periodId);
  return fresh(found) ? found.answer : api.ranking(periodId);
}
