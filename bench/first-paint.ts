/**
 * First paint benchmark: the production front end served by the real app (demo month,
 * demo accounts) to Debian's Chromium with an empty cache, in one run:
 * - the login page: JavaScript transferred (as sent: brotli or gzip) and its uncompressed size;
 * - from signing in to the ranking table through the menu: time, JavaScript transferred on the way
 *   (the prefetch included) and the longest stretch with no request in flight (an idle gap);
 * - the ranking page opened directly by a signed-in user with an empty cache: JavaScript
 *   transferred and time from navigation to the table.
 * Run: `npm run bench -- --only first-paint` (or `node --import tsx bench/first-paint.ts`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startStack } from '../test/browser/harness.js';
import { closure, pageKey, WEB_DIR, type Manifest } from './bundle.js';

/** The files the login page needs before it shows (the shell and its own chunk), by Vite's manifest. */
function loginFiles(): Set<string> {
  const manifest = JSON.parse(readFileSync(join(WEB_DIR, 'dist', '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry) throw new Error('manifest has no entry');
  return closure(manifest, [entry, pageKey(manifest, 'LoginPage')]);
}

interface Transfer {
  files: number;
  /** Bytes on the wire (the body as sent, compressed). */
  sent: number;
  /** Bytes once decompressed. */
  raw: number;
  encodings: string[];
}

export interface FirstPaintResult {
  /** What the login form needs, and what it prefetches for the pages after signing in. */
  login: Transfer;
  prefetched: Transfer;
  menuToTable: { ms: number; js: Transfer; longestIdleMs: number; api: ApiCall[] };
  /** The same click once more, its code and styles already in memory: what is left is data and drawing. */
  menuToTableAgain: number;
  coldRanking: { ms: number; js: Transfer };
}

/** One API request on the way to the table, its start and end in ms after the click. */
interface ApiCall {
  path: string;
  start: number;
  end: number;
}

interface Entry {
  name: string;
  startTime: number;
  responseEnd: number;
  encodedBodySize: number;
  decodedBodySize: number;
}

const entries = (page: Page): Promise<Entry[]> =>
  page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => {
      const r = e as PerformanceResourceTiming;
      return { name: r.name, startTime: r.startTime, responseEnd: r.responseEnd, encodedBodySize: r.encodedBodySize, decodedBodySize: r.decodedBodySize };
    }),
  );

function jsOf(list: Entry[], encodings: Map<string, string>): Transfer {
  const js = list.filter((e) => new URL(e.name).pathname.endsWith('.js'));
  return {
    files: js.length,
    sent: js.reduce((sum, e) => sum + e.encodedBodySize, 0),
    raw: js.reduce((sum, e) => sum + e.decodedBodySize, 0),
    encodings: [...new Set(js.map((e) => encodings.get(e.name) ?? 'identity'))],
  };
}

/** The longest stretch of [from, to] with no request in flight. */
function longestIdle(list: Entry[], from: number, to: number): number {
  const spans = list
    .map((e) => [Math.max(e.startTime, from), Math.min(e.responseEnd, to)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let longest = 0;
  let covered = from;
  for (const [a, b] of spans) {
    longest = Math.max(longest, a - covered);
    covered = Math.max(covered, b);
  }
  return Math.max(longest, to - covered);
}

const TABLE_ROW = '[data-testid="ranking-table"] tbody tr.ant-table-row';

export async function runFirstPaintBench(): Promise<FirstPaintResult> {
  const stack = await startStack();
  try {
    const { page, context } = stack;
    const encodings = new Map<string, string>();
    page.on('response', (response) => {
      encodings.set(response.url(), response.headers()['content-encoding'] ?? 'identity');
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');

    await page.goto('/login');
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    // The prefetch runs when the page is idle: give it the time a person takes to type.
    await page.waitForTimeout(3000);
    const needed = loginFiles();
    const onLogin = await entries(page);
    const isNeeded = (e: Entry) => needed.has(new URL(e.name).pathname.slice(1));
    const login = jsOf(onLogin.filter(isNeeded), encodings);
    const prefetched = jsOf(onLogin.filter((e) => !isNeeded(e)), encodings);

    // Signing in stays in the same document: what the ranking needs was fetched while the login
    // form was up, or is fetched now.
    const before = (await entries(page)).length;
    await page.getByLabel('Tên đăng nhập').fill(stack.accounts.viewer.username);
    await page.getByLabel('Mật khẩu').fill(stack.accounts.viewer.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.locator('h1').first().waitFor();
    const clicked = await page.evaluate(() => performance.now());
    const started = Date.now();
    await page.getByRole('menuitem', { name: 'Bảng xếp hạng' }).click();
    await page.locator(TABLE_ROW).first().waitFor();
    const menuMs = Date.now() - started;
    const shown = await page.evaluate(() => performance.now());
    const afterLogin = (await entries(page)).slice(before);
    // The data requests between the click and the table, in order: one after another is a waterfall.
    const api = afterLogin
      .filter((e) => e.startTime >= clicked - 1000 && new URL(e.name).pathname.startsWith('/api/'))
      .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime - clicked, end: e.responseEnd - clicked }));
    const menuToTable = { ms: menuMs, js: jsOf(afterLogin, encodings), longestIdleMs: longestIdle(afterLogin, clicked, shown), api };

    await page.getByRole('menuitem', { name: 'Kỳ đánh giá' }).click();
    await page.locator('h1', { hasText: 'Kỳ đánh giá' }).waitFor();
    const again = Date.now();
    await page.getByRole('menuitem', { name: 'Bảng xếp hạng' }).click();
    await page.locator(TABLE_ROW).first().waitFor();
    const menuToTableAgain = Date.now() - again;

    // The same page, signed in, opened directly with an empty cache.
    const url = page.url();
    await cdp.send('Network.clearBrowserCache');
    await page.goto('about:blank');
    const coldStart = Date.now();
    await page.goto(url);
    await page.locator(TABLE_ROW).first().waitFor();
    const coldRanking = { ms: Date.now() - coldStart, js: jsOf(await entries(page), encodings) };
    return { login, prefetched, menuToTable, menuToTableAgain, coldRanking };
  } finally {
    await stack.close();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const sizes = (t: Transfer) => `${kb(t.sent)} (${t.encodings.join(', ')}; ${kb(t.raw)} uncompressed, ${t.files} files)`;

export function formatFirstPaintBench(r: FirstPaintResult): string {
  return [
    '| What | JavaScript transferred | Time |',
    '| --- | --- | ---: |',
    `| Login page, empty cache | ${sizes(r.login)} | |`,
    `| Prefetched by the login page for the pages after it | ${sizes(r.prefetched)} | |`,
    `| Signed in → menu "Bảng xếp hạng" → ranking table | ${sizes(r.menuToTable.js)} | ${r.menuToTable.ms} ms |`,
    `| The same, a second time | | ${r.menuToTableAgain} ms |`,
    `| Ranking page opened directly, signed in, empty cache | ${sizes(r.coldRanking.js)} | ${r.coldRanking.ms} ms |`,
    '',
    `Longest stretch with no request in flight between the menu click and the table: ${r.menuToTable.longestIdleMs.toFixed(0)} ms.`,
    `API requests on the way (ms after the click; the pointer reaches the menu entry just before): ${r.menuToTable.api.map((c) => `${c.path} ${c.start.toFixed(0)}–${c.end.toFixed(0)}`).join(', ')}.`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatFirstPaintBench(await runFirstPaintBench()));
}
