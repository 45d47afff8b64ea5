/**
 * WCAG 2.1 AA sweep: axe-core run inside Chromium over every page each role can reach (menu
 * pages, a period's pages both published and open, a unit, the 403 and 404 pages, the login
 * form), failing on any serious or critical violation. Each page also has to have exactly one h1
 * and a title of its own.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { DemoAccount } from '../../src/services/demo-users.js';
import { axeProblems, browserMissing, fetchFromPage, SCREENSHOTS, signIn, startStack, type Stack } from './harness.js';

const missing = browserMissing();
if (missing && process.env.CI) throw new Error(`CI is set and the browser tests cannot run: ${missing}`);
if (missing) console.error(`!! Browser tests SKIPPED: ${missing}`);

const PUBLISHED = '2024-02';
const OPEN = '2024-03';
const SUFFIX = ' — Chấm điểm Cổng TTĐT';

type Role = DemoAccount['role'];

/** Every page of the menu of a role, plus the pages reached from them. */
function pagesOf(role: Role, ownUnit: string | undefined, anyUnit: string): string[] {
  const staff = role === 'admin' || role === 'reviewer';
  const pages = ['/periods', `/periods/${PUBLISHED}/ranking`, `/periods/${OPEN}/ranking`, '/units', `/units/${anyUnit}`, '/compare'];
  if (role === 'unit-editor' && ownUnit) {
    pages.push(`/periods/${OPEN}/units/${ownUnit}/self-assessment`, `/periods/${PUBLISHED}/units/${ownUnit}/self-assessment`);
  }
  if (staff) {
    pages.push(
      `/periods/${PUBLISHED}/review`,
      `/periods/${OPEN}/review`,
      `/periods/${OPEN}/units/${anyUnit}/self-assessment`,
      '/import',
      '/proposals',
      '/sources',
    );
  }
  if (role !== 'viewer') pages.push('/pakn', '/appeals');
  pages.push('/year-report', '/rules', '/days-off');
  if (role === 'admin') pages.push('/settings/province', '/settings/groups', '/settings/units', '/settings/users', '/audit');
  // A page refused to the role (403; the admin is refused none) and addresses that do not exist (404).
  if (role !== 'admin') pages.push('/audit');
  pages.push('/khong-co-trang-nay', '/khong-co-trang-nay/con', `/periods/${PUBLISHED}/khong-co`);
  return pages;
}

interface PageReport {
  path: string;
  title: string;
  problems: string[];
}

/** Waits for the page's heading and for its data (no spinner left), then runs axe on it. */
async function audit(page: Page, path: string): Promise<PageReport> {
  await page.locator('h1').first().waitFor();
  await page.locator('.ant-spin-spinning, .ant-skeleton-active').first().waitFor({ state: 'detached' }).catch(() => undefined);
  const problems = await axeProblems(page);
  // axe rates an empty column header minor; each column header must still be named.
  const emptyHeaders = await page.evaluate(
    () => [...document.querySelectorAll('th')].filter((th) => !th.classList.contains('ant-table-cell-scrollbar') && (th.textContent ?? '').trim() === '' && !th.getAttribute('aria-label')).length,
  );
  if (emptyHeaders > 0) problems.push(`  ${emptyHeaders} empty table header(s)`);
  const h1 = await page.locator('h1').count();
  if (h1 !== 1) problems.push(`  ${h1} h1 on the page`);
  const title = await page.title();
  if (!title.endsWith(SUFFIX) || title === SUFFIX) problems.push(`  title "${title}" does not name the page`);
  return { path, title, problems };
}

// About ten minutes on a busy 2-core machine: four roles × twenty pages, each loaded and audited.
describe('browser: WCAG 2.1 AA on every page for every role (axe-core)', { skip: missing ?? false, timeout: 1_800_000 }, () => {
  let stack: Stack;
  const titles = new Map<string, string>();

  before(async () => {
    stack = await startStack();
    await signIn(stack, 'admin');
    const opened = await fetchFromPage(stack.page, '/api/periods', { method: 'POST', body: { id: OPEN } });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
  });
  after(async () => {
    await stack?.close();
  });

  void it('the login form, signed out', async () => {
    const { page, context } = stack;
    await context.clearCookies();
    await page.goto('/login');
    const report = await audit(page, '/login');
    assert.equal(report.title, `Đăng nhập${SUFFIX}`);
    assert.deepEqual(report.problems, [], `/login:\n${report.problems.join('\n')}`);
  });

  for (const role of ['admin', 'reviewer', 'unit-editor', 'viewer'] as const) {
    void it(`every page of the ${role}`, async () => {
      const { page } = stack;
      await signIn(stack, role);
      const own = stack.units.find((u) => u.name === stack.accounts[role].unitName)?.id;
      const any = stack.units[0]!.id;
      const failures: string[] = [];
      for (const path of pagesOf(role, own, any)) {
        await page.goto(path);
        let report: PageReport;
        try {
          report = await audit(page, path);
        } catch (error) {
          failures.push(`${path}: ${(error as Error).message.split('\n')[0]}`);
          continue;
        }
        titles.set(`${role} ${path}`, report.title);
        if (report.problems.length > 0) {
          failures.push(`${path}:\n${report.problems.join('\n')}`);
          await page.screenshot({ path: join(SCREENSHOTS, `axe-${role}-${path.replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => undefined);
        }
      }
      assert.deepEqual(failures, [], `${role}:\n${failures.join('\n')}`);
    });
  }

  void it('by keyboard: the heading after sign-in and navigation, the skip link, the deduction reasons, the dialog opener', async () => {
    const { page, context, accounts } = stack;
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      return { tag: el?.tagName.toLowerCase() ?? '', id: el?.id ?? '', text: (el?.textContent ?? '').trim() };
    });
    await context.clearCookies();
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập').fill(accounts.reviewer.username);
    await page.getByLabel('Mật khẩu').fill(accounts.reviewer.password);
    await page.getByLabel('Mật khẩu').press('Enter');
    await page.waitForURL('**/periods');
    await page.locator('h1', { hasText: 'Kỳ đánh giá' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    assert.equal((await focused()).text, 'Kỳ đánh giá');

    // The first Tab of a page reaches the skip link; Enter lands in the content.
    await page.goto('/periods');
    // The page itself, not the loading heading that stands in for it meanwhile.
    await page.locator('h1', { hasText: 'Kỳ đánh giá' }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal((await focused()).text, 'Bỏ qua menu, đến nội dung chính');
    await page.keyboard.press('Enter');
    assert.equal((await focused()).id, 'noi-dung');

    // A link followed with Enter moves the focus to the new page's heading.
    await page.locator('tr', { hasText: 'Tháng 02/2024' }).getByRole('link', { name: 'Xếp hạng' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/periods/${PUBLISHED}/ranking`);
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    assert.match((await focused()).text, /^Kết quả chấm điểm tháng 02\/2024/);

    // A deducted score is a link to its reasons, written out under the table.
    const deducted = page.locator('a.deducted').first();
    await deducted.focus();
    await page.getByRole('tooltip').waitFor();
    await page.keyboard.press('Enter');
    const target = new URL(page.url()).hash.slice(1);
    assert.match(target, /^ly-do-tru-/);
    const reason = (await page.locator(`li[id="${target}"]`).textContent()) ?? '';
    assert.match(reason, /\(−\d+\): −\d+: \S/);

    // Closing a dialog gives the focus back to the button that opened it.
    await page.goto('/periods');
    const opener = page.getByRole('button', { name: 'Mở kỳ mới' });
    // It waits for the list of periods (the month it proposes follows the latest): a trial click
    // waits until it can be pressed, and presses nothing.
    await opener.click({ trial: true });
    await opener.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.tagName === 'BUTTON');
    assert.equal((await focused()).text, 'Mở kỳ mới');
  });

  void it('names the page in its title: the ranking of a month, the refused and the missing page', () => {
    assert.equal(titles.get(`viewer /periods/${PUBLISHED}/ranking`), `Bảng xếp hạng tháng 02/2024${SUFFIX}`);
    assert.equal(titles.get('viewer /audit'), `Không có quyền${SUFFIX}`);
    for (const role of ['admin', 'reviewer', 'unit-editor', 'viewer']) {
      assert.equal(titles.get(`${role} /khong-co-trang-nay`), `Không tìm thấy trang${SUFFIX}`);
      if (role !== 'admin') assert.equal(titles.get(`${role} /audit`), `Không có quyền${SUFFIX}`);
    }
    assert.notEqual(titles.get('admin /periods'), titles.get('admin /units'));
  });
});
