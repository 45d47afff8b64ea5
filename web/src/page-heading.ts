/**
 * Where keyboard and screen-reader users land: after every navigation (and after signing in) the
 * focus moves to the new page's h1, and the window's title names the page, so the tab strip, the
 * history and a screen reader all say where one is.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { useLocation } from 'react-router-dom';

export const APP_NAME = 'Chấm điểm Cổng TTĐT';

let focusPending = false;

function focusHeading(heading: HTMLElement): void {
  focusPending = false;
  heading.focus({ preventScroll: false });
}

/**
 * Mounted once above the routes: a change of address asks for the heading to be focused. A page
 * that shows its heading at once is focused here; one still loading is focused by its heading
 * when it mounts (usePageHeading).
 */
export function useFocusHeadingOnNavigation(): void {
  const { pathname } = useLocation();
  const previous = useRef<string | undefined>(undefined);
  useEffect(() => {
    const before = previous.current;
    previous.current = pathname;
    if (before === undefined || before === pathname) return;
    focusPending = true;
    const heading = document.querySelector<HTMLElement>('h1[data-page-heading]');
    if (heading) focusHeading(heading);
  }, [pathname]);
}

/** Text of a heading without its status tags ("Đã công bố"), for the window's title. */
function headingText(heading: HTMLElement): string {
  const copy = heading.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('.ant-tag, [data-not-in-title]').forEach((node) => node.remove());
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * For the page's h1: sets the window title ("<title> — Chấm điểm Cổng TTĐT", from `title` or the
 * heading's own text) on every render, and takes the focus when a navigation asked for it.
 */
export function usePageHeading(ref: RefObject<HTMLElement | null>, title?: string): void {
  useEffect(() => {
    const heading = ref.current;
    if (!heading) return;
    const name = title ?? headingText(heading);
    const wanted = name ? `${name} — ${APP_NAME}` : APP_NAME;
    if (document.title !== wanted) document.title = wanted;
  });
  useEffect(() => {
    if (focusPending && ref.current) focusHeading(ref.current);
  }, [ref]);
}
