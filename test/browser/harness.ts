/**
 * The stack the browser tests drive: the real Fastify app (buildApp) on a random loopback port,
 * over a fresh SQLite file with the demo month and the demo accounts, serving web/dist (built
 * first when missing or older than its sources); and Debian's chromium through playwright-core,
 * with a fresh profile. No browser is ever downloaded.
 */
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { buildApp } from '../../src/http/app.js';
import { buildFrontEnd, frontEndState, WEB_DIR } from '../../src/http/front-end.js';
import { loadDemo } from '../../src/services/demo.js';
import { ensureDemoUsers, type DemoAccount } from '../../src/services/demo-users.js';
import { listGroups, listUnits, setGroupCategories, type Unit } from '../../src/services/registry.js';

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
  await setGroupCategories(db.db, province.id, firstGroup.id, NAMED_CATEGORIES);
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
