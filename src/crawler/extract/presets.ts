/** Selectors for portal platforms that many units share, so their sources need only a URL. */
import type { HtmlSelectors } from './html.js';

export const PRESETS = {
  /**
   * The province's shared education platform (*.bacninh.edu.vn), news list: module 22 is the main
   * listing; the sidebar's "Video Clips" articles (Article-Video) are not posts of the category.
   * Its pager is built by script, so only the first page is linked.
   */
  'bacninh-edu-news': {
    item: '#module22 article.Article-News',
    link: 'h4.entry-title > a[href]',
    title: 'h4.entry-title > a',
    date: 'time.post-date',
  },
  /** The same platform's legal-document table; the date is the issue date ("Ngày ban hành"). */
  'bacninh-edu-legal': {
    item: 'div.list-legal-document-table tbody tr',
    link: 'td.tg-yw4l > a[href]',
    title: 'td.tg-yw4l > a',
    date: 'td:nth-child(5)',
  },
} as const satisfies Record<string, HtmlSelectors>;

export type PresetName = keyof typeof PRESETS;

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}
