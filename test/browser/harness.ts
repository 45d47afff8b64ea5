/**
 * The stack the browser tests drive: the real Fastify app (buildApp) on a random loopback port,
 * over a fresh SQLite file with the demo month and the demo accounts, serving web/dist (built
 * first when missing or older than its sources); and Debian's chromium through playwright-core,
 * with a fresh profile. No browser is ever downloaded.
 */
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AxeResults } from 'axe-core';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { buildApp } from '../../src/http/app.js';
import { buildFrontEnd, frontEndState, WEB_DIR } from '../../src/http/front-end.js';
import { loadDemo } from '../../src/services/demo.js';
import { ensureDemoUsers, type DemoAccount } from '../../src/services/demo-users.js';
import { cliActor } from '../../src/services/audit.js';
import { changeGroup, listGroups, listUnits, type Unit } from '../../src/services/registry.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = new URL('../../test-artifacts/screenshots/', import.meta.url).pathname;
export const DESKTOP = { width: 1366, height: 860 };
export const PHONE = { width: 390, height: 844 };

/**
 * The first group's 19 categories by name (the demo month knows them only by number), so that the
 * self-assessment form has a status and an evidence link per category.
 */
export const NAMED_CATEGORIES = [
  'Giới thiệu',
  'Tin tức, sự kiện',
  'Hoạt động của lãnh đạo',
  'Chỉ đạo, điều hành',
  'Văn bản quy phạm pháp luật',
  'Chiến lược, quy hoạch, kế hoạch',
  'Thủ tục hành chính',
  'Dịch vụ công trực tuyến',
  'Hỏi đáp, phản ánh kiến nghị',
  'Dự án, đầu tư, đấu thầu, mua sắm công',
  'Chương trình, đề tài khoa học',
  'Báo cáo thống kê',
  'Thông tin tuyển dụng',
  'Thông tin báo chí',
  'Lấy ý kiến dự thảo văn bản',
  'Công khai ngân sách',
  'An toàn thông tin',
  'Thông tin doanh nghiệp',
  'Lịch công tác',
];

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Why the browser tests cannot run here, or null when they can. */
export function browserMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (apt-get install chromium; .ci/run does it)`;
}

export interface Stack {
  baseUrl: string;
  app: FastifyInstance;
  db: DatabaseHandle;
  provinceId: string;
  accounts: Record<DemoAccount['role'], DemoAccount>;
  units: Unit[];
  context: BrowserContext;
  page: Page;
  /** Errors thrown in the page (uncaught), collected for the final check. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Builds web/dist when it is missing or stale, and copies it into `into`. Browser test files run in
 * parallel processes (and people rebuild while they run): one builds while the others wait, and
 * each serves its own copy, so no page meets a half-written or replaced bundle.
 */
async function frontEndCopy(into: string): Promise<void> {
  const lock = join(tmpdir(), 'portal-scorecard-web-build.lock');
  const started = Date.now();
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      // A lock older than any build is left by a process that died: take it over.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 180_000) rmSync(lock, { force: true });
      if (Date.now() - started > 240_000) throw new Error(`waited too long for ${lock}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (frontEndState() !== 'fresh') await buildFrontEnd();
    cpSync(join(WEB_DIR, 'dist'), into, { recursive: true });
  } finally {
    rmSync(lock, { force: true });
  }
}

export async function startStack(): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'ps-browser-'));
  const webRoot = join(dir, 'web');
  await frontEndCopy(webRoot);
  const db = await openDatabase(join(dir, 'test.sqlite'));
  const { province } = await loadDemo(db.db);
  const [firstGroup] = await listGroups(db.db, province.id);
  if (!firstGroup) throw new Error('the demo has no group');
  await changeGroup(db.db, cliActor(province.id), firstGroup.id, { categories: NAMED_CATEGORIES });
  const demoAccounts = await ensureDemoUsers(db.db, province.id);
  const accounts = Object.fromEntries(demoAccounts.map((a) => [a.role, a])) as Stack['accounts'];
  const units = await listUnits(db.db, province.id);

  const app = await buildApp({ db, webRoot });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  const baseUrl = `http://127.0.0.1:${address.port}`;

  // launchPersistentContext is how Playwright takes an explicit, fresh --user-data-dir.
  const profile = mkdtempSync(join(tmpdir(), 'ps-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: DESKTOP,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
    baseURL: baseUrl,
  });
  // Generous: the suite shares the machine with the other test files.
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // The app must run under its own Content Security Policy: a refused script, style or frame is an error.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
  });
  mkdirSync(SCREENSHOTS, { recursive: true });

  return {
    baseUrl,
    app,
    db,
    provinceId: province.id,
    accounts,
    units,
    context,
    page,
    pageErrors,
    async close() {
      await context.close();
      await app.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login form, after dropping whoever was signed in. */
export async function signIn(stack: Stack, role: DemoAccount['role']): Promise<void> {
  const { page, context, accounts } = stack;
  await context.clearCookies();
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(accounts[role].username);
  await page.getByLabel('Mật khẩu').fill(accounts[role].password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** A desktop and a phone screenshot of the page as it is now. */
export async function screenshots(page: Page, name: string): Promise<void> {
  // The tests wait for the content they check before calling this; spinners cover the rest.
  await settle(page);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await settle(page);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  // Playwright waits for elements to be stable before acting, so the next step needs no pause.
  await page.setViewportSize(DESKTOP);
}

/** Waits for spinners to go and for antd's motion and the re-layout after a resize to end. */
async function settle(page: Page): Promise<void> {
  // A full-page capture draws the sticky header where the page is scrolled to.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' }).catch(() => undefined);
  await page.waitForTimeout(250);
}

/** A fetch from inside the page, with its cookies and the CSRF header the app would send. */
export async function fetchFromPage(
  page: Page,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ({ path, method, body }) => {
      const csrf = /(?:^|;\s*)ps_csrf=([^;]+)/.exec(document.cookie)?.[1];
      const response = await fetch(path, {
        method: method ?? 'GET',
        credentials: 'same-origin',
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(csrf ? { 'x-csrf-token': decodeURIComponent(csrf) } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        // Bounded, as every wait of these tests: a server that never answers fails the step and says which request.
        signal: AbortSignal.timeout(30_000),
      }).catch((error: unknown) => {
        throw new Error(`${method ?? 'GET'} ${path}: no answer (${error instanceof Error ? error.message : String(error)})`);
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON: keep the text.
      }
      return { status: response.status, body: parsed };
    },
    { path, method: init.method, body: init.body },
  );
}

/**
 * A test of a describe block that shares one stack (`stack()` gives it once started): when it
 * fails, the page as it was is photographed for a person to look at.
 */
export function step(stack: () => Stack, title: string, body: () => Promise<void>): void {
  // The runner awaits the tests it registers.
  void it(title, async () => {
    try {
      await body();
    } catch (error) {
      const name = `failed-${title.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)}.png`;
      await stack().page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true }).catch(() => undefined);
      throw error;
    }
  });
}

/**
 * A describe block over one stack, started before its tests and closed after them; skipped without
 * the browser (failed under CI). `define` registers the tests with `step`.
 */
export function browserSuite(
  title: string,
  timeout: number,
  define: (step: (title: string, body: () => Promise<void>) => void, stack: () => Stack) => void,
): void {
  const missing = browserMissing();
  if (missing && process.env.CI) throw new Error(`CI is set and the browser tests cannot run: ${missing}`);
  if (missing) console.error(`!! Browser tests SKIPPED: ${missing}`);
  void describe(title, { skip: missing ?? false, timeout }, () => {
    let stack: Stack | undefined;
    const current = (): Stack => {
      if (!stack) throw new Error('the stack has not started');
      return stack;
    };
    before(async () => {
      stack = await startStack();
    });
    after(async () => {
      await stack?.close();
    });
    define((name, body) => step(current, name, body), current);
  });
}

const AXE_SCRIPT = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core's serious and critical WCAG 2.0/2.1 A and AA violations of the page as it is now, each
 * with a few of its elements; empty when there are none.
 */
export async function axeProblems(page: Page): Promise<string[]> {
  // antd's entrance motions fade elements in; colours are read once they have ended.
  await page.waitForTimeout(400);
  // Evaluated through the DevTools protocol rather than added as a <script>: the app's CSP
  // (script-src 'self') rightly refuses inline scripts, and the audit must run under that CSP.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SCRIPT);
  const results = await page.evaluate(
    async (tags) => (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResults> } }).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    WCAG_TAGS,
  );
  const problems: string[] = [];
  for (const v of results.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    const nodes = v.nodes.slice(0, 4).map((n) => `      ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join('').trim() ?? ''}`);
    problems.push(`  ${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help}\n${nodes.join('\n')}`);
  }
  return problems;
}

/**
 * A keyboard user's press that must send a request: `press` is made (it may first wait for its
 * button to be enabled), and the request matching `sent` is awaited for 15 s after it. On a heavily
 * loaded machine Chromium has, rarely, not acted on such a press at all: the focused, enabled
 * button showed no sign of it for minutes (once in CI, and in runs beside two other suites), where
 * a person would simply press again. So does this, once, saying so on stderr; a second press that
 * sends nothing fails the step, naming where the focus was.
 */
export async function pressForRequest(page: Page, what: string, press: () => Promise<void>, sent: (request: Request) => boolean): Promise<Request> {
  // A listener rather than waitForRequest: the 15 s count from the press's end, however long the
  // press waited for its button, and nothing is left pending when the step fails.
  let found: (request: Request) => void = () => undefined;
  const seen = new Promise<Request>((resolve) => (found = resolve));
  const listener = (request: Request): void => {
    if (sent(request)) found(request);
  };
  page.on('request', listener);
  try {
    for (let attempt = 1; ; attempt += 1) {
      await press();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const request = await Promise.race([seen, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 15_000)))]);
      clearTimeout(timer);
      if (request) return request;
      const focus = await page.evaluate(() => `${document.activeElement?.tagName ?? ''} “${(document.activeElement?.textContent ?? '').trim().slice(0, 60)}”`);
      if (attempt === 2) throw new Error(`${what}: two presses sent no request in 15 s each; the focus was on ${focus}`);
      console.error(`!! ${what}: the press sent no request in 15 s (the focus was on ${focus}); pressing once more`);
    }
  } finally {
    page.off('request', listener);
  }
}

/**
 * The page's API requests from now on, each with when it left, when its answer came and its
 * status: what a failed step prints, so that a slow server and a press that sent nothing are told
 * apart from the failure alone.
 */
export function apiTimeline(page: Page): { lines(): string; stop(): void } {
  const start = Date.now();
  const sentAt = new Map<Request, number>();
  const lines: string[] = [];
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const name = (r: Request) => `${r.method()} ${new URL(r.url()).pathname}`;
  const onRequest = (r: Request) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) sentAt.set(r, Date.now());
  };
  const onEnd = (r: Request) => {
    const at = sentAt.get(r);
    if (at === undefined) return;
    sentAt.delete(r);
    void r.response().then(
      (response) => lines.push(`${seconds(at - start)} ${name(r)} → ${response?.status() ?? r.failure()?.errorText ?? '?'} after ${seconds(Date.now() - at)}`),
      () => lines.push(`${seconds(at - start)} ${name(r)} → failed after ${seconds(Date.now() - at)}`),
    );
  };
  page.on('request', onRequest);
  page.on('requestfinished', onEnd);
  page.on('requestfailed', onEnd);
  return {
    lines: () => [...lines, ...[...sentAt].map(([r, at]) => `${seconds(at - start)} ${name(r)} → no answer yet after ${seconds(Date.now() - at)}`)].join('\n'),
    stop: () => {
      page.off('request', onRequest);
      page.off('requestfinished', onEnd);
      page.off('requestfailed', onEnd);
    },
  };
}

