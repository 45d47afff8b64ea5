/**
 * Wide tables scroll sideways inside their own box (antd's scroll={{ x }}); a keyboard user can
 * only scroll a box that can take the focus (WCAG 2.1.1). Every such box under the shell that
 * actually overflows gets tabIndex 0, the region role and a name; it gives them back when the
 * window grows wide enough that it no longer scrolls.
 */
import { useEffect, type RefObject } from 'react';

const SCROLLERS = '.ant-table-content, .ant-table-body';
const MARK = 'data-scroll-focus';

/** The table's own label when its page gave one (data-table-label), else what to do with it. */
function nameOf(box: HTMLElement): string {
  const labelled = box.closest<HTMLElement>('[data-table-label]')?.dataset.tableLabel;
  if (labelled) return labelled;
  return 'Bảng dữ liệu: dùng phím mũi tên để cuộn ngang';
}

function update(root: HTMLElement): void {
  for (const box of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
    const overflows = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
    if (overflows && !box.hasAttribute('tabindex')) {
      box.setAttribute('tabindex', '0');
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', nameOf(box));
      box.setAttribute(MARK, '');
    } else if (!overflows && box.hasAttribute(MARK)) {
      for (const name of ['tabindex', 'role', 'aria-label', MARK]) box.removeAttribute(name);
    }
  }
}

export function useFocusableScrollers(rootRef: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => update(root));
    };
    // Only added and removed nodes: the attributes set here do not wake it again.
    const mutations = new MutationObserver(schedule);
    mutations.observe(root, { childList: true, subtree: true });
    const sizes = new ResizeObserver(schedule);
    sizes.observe(root);
    schedule();
    return () => {
      cancelAnimationFrame(frame);
      mutations.disconnect();
      sizes.disconnect();
    };
  }, [rootRef]);
}
