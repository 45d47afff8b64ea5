/** Turning hrefs into absolute URLs, and URLs into the key posts are counted by. */

/** Resolves an href against the page (or its <base>); null for hrefs that name no page. */
export function resolveHref(href: string | undefined | null, base: string): string | null {
  const value = href?.trim();
  if (!value || value.startsWith('#') || /^(javascript|mailto|tel|data):/i.test(value)) return null;
  try {
    const url = new URL(value, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

const TRACKING = /^(utm_\w+|fbclid|gclid|zarsrc|_ga)$/i;

/**
 * The key a post is counted by: scheme and host case-folded by URL itself, no fragment, no tracking
 * parameters, remaining parameters sorted, so that one post linked two ways is counted once.
 */
export function canonicalUrl(url: string): string {
  const u = new URL(url);
  u.hash = '';
  const kept = [...u.searchParams.entries()].filter(([name]) => !TRACKING.test(name));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  u.search = new URLSearchParams(kept).toString();
  return u.href;
}

/**
 * Zero-width characters, soft hyphens and bidi controls: invisible, yet they make two equal titles
 * differ and leak into the notice when copied.
 */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Visible text as one line, whitespace collapsed (including &nbsp;). Bodies are NFC already (decodeBody). */
export function cleanText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/[\s\u00a0]+/g, ' ').trim();
}
