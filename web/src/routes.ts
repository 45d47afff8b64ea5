/**
 * The page chunks, each loaded on first use, and the prefetch of the ones a user opens next, so
 * that a click meets a chunk already in the cache instead of an idle wait for it.
 */
import { createElement, lazy, useState, type ComponentProps, type ComponentType } from 'react';
import { prefetchLatestRanking } from './api/handoff';

export const pageChunks = {
  LoginPage: () => import('./pages/LoginPage'),
  PeriodsPage: () => import('./pages/PeriodsPage'),
  RankingPage: () => import('./pages/RankingPage'),
  SelfAssessmentPage: () => import('./pages/SelfAssessmentPage'),
  ReviewPage: () => import('./pages/ReviewPage'),
  ImportPage: () => import('./pages/ImportPage'),
  UnitsPage: () => import('./pages/UnitsPage'),
  UnitPage: () => import('./pages/UnitPage'),
  ComparePage: () => import('./pages/ComparePage'),
  AuditPage: () => import('./pages/AuditPage'),
  MailLogPage: () => import('./pages/MailLogPage'),
  ProvinceSettingsPage: () => import('./pages/settings/ProvinceSettingsPage'),
  GroupsSettingsPage: () => import('./pages/settings/GroupsSettingsPage'),
  UnitsSettingsPage: () => import('./pages/settings/UnitsSettingsPage'),
  UsersSettingsPage: () => import('./pages/settings/UsersSettingsPage'),
  LatestPeriodRedirect: () => import('./pages/LatestPeriodRedirect'),
  RulesPage: () => import('./pages/RulesPage'),
  PaknPage: () => import('./pages/PaknPage'),
  DaysOffPage: () => import('./pages/DaysOffPage'),
  ProposalsPage: () => import('./pages/ProposalsPage'),
  AppealsPage: () => import('./pages/AppealsPage'),
  YearReportPage: () => import('./pages/YearReportPage'),
  SourcesPage: () => import('./pages/SourcesPage'),
};

type PageName = keyof typeof pageChunks;
type PropsOf<N extends PageName> = ComponentProps<Awaited<ReturnType<(typeof pageChunks)[N]>>['default']>;

/** Pages whose code has arrived (prefetched or shown once), by name. */
const loaded: Partial<Record<PageName, ComponentType<never>>> = {};

function loadPage(name: PageName): Promise<{ default: ComponentType<never> }> {
  return pageChunks[name]().then((module) => {
    const page = module.default as ComponentType<never>;
    loaded[name] = page;
    return { default: page };
  });
}

/**
 * A page as a component: drawn at once when its code has arrived, through React.lazy otherwise.
 * React.lazy alone suspends on the first drawing even of a chunk already fetched, and React holds
 * a suspended page back for up to 300 ms before showing it: the idle gap on the way to the
 * ranking. Each mounted page keeps the form it started with, so it never remounts (and loses its
 * state) when its chunk arrives.
 */
export function pageComponent<N extends PageName>(name: N): ComponentType<PropsOf<N>> {
  const Lazy = lazy(() => loadPage(name) as Promise<{ default: ComponentType<PropsOf<N>> }>) as ComponentType<PropsOf<N>>;
  function Page(props: PropsOf<N>) {
    const [Component] = useState(() => (loaded[name] as ComponentType<PropsOf<N>> | undefined) ?? Lazy);
    // The props are the page's own (PropsOf); createElement cannot follow that through the generic.
    return createElement(Component as ComponentType<object>, props as object);
  }
  Page.displayName = name;
  return Page;
}

function whenIdle(task: () => void): void {
  if ('requestIdleCallback' in window) window.requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 300);
}

/** Fetched and evaluated once; a failed prefetch is tried again by the real navigation. */
function prefetch(...pages: PageName[]): void {
  for (const page of pages) if (!loaded[page]) loadPage(page).catch(() => undefined);
}

/** On the login form: the shell's first page and the ranking, the pages right after signing in. */
export function prefetchForLogin(): void {
  whenIdle(() => prefetch('PeriodsPage', 'LatestPeriodRedirect', 'RankingPage'));
}

/** In the signed-in shell: the ranking and the menu's most used pages. */
export function prefetchAfterSignIn(): void {
  whenIdle(() => prefetch('LatestPeriodRedirect', 'RankingPage', 'PeriodsPage', 'UnitsPage'));
}

/**
 * The pointer on the menu's "Bảng xếp hạng": its code (in case the idle prefetch has not run) and
 * the latest ranking itself start now, while the hand moves to click.
 */
export function prefetchRankingMenu(): void {
  prefetch('LatestPeriodRedirect', 'RankingPage');
  prefetchLatestRanking();
}
