/**
 * Where the keyboard focus goes, and the one h1 of a page that is still loading, in a real
 * browser: held requests (page.route) keep a page in its loading state long enough to look at it.
 * - while a page's code or data loads, the page has one h1 ("Đang tải trang…"), and the page's own
 *   heading takes the focus when it comes;
 * - the menu's ranking arrives in one request, handed to the ranking page without asking twice;
 * - a draft being saved keeps the focus on "Lưu nháp", during the save and after it;
 * - a dialog closed by its own action gives the focus back to the button that opened it;
 * - "Mở kỳ mới" waits for the list of periods, so the month it proposes follows the latest one.
 */
import assert from 'node:assert/strict';
import type { Page, Route } from 'playwright-core';
import { browserSuite, fetchFromPage, pressForRequest, signIn } from './harness.js';


const LOADING = 'Đang tải trang…';

interface Focused {
  tag: string;
  text: string;
}

const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => ({ tag: document.activeElement?.tagName.toLowerCase() ?? '', text: (document.activeElement?.textContent ?? '').trim() }));

const headings = (page: Page): Promise<string[]> => page.locator('h1').allTextContents();

/**
 * Holds every request matching `url` until `release` is called; `held` resolves once one has
 * arrived, so the test looks at the page while it is certainly waiting.
 */
async function hold(page: Page, url: Parameters<Page['route']>[0]): Promise<{ held: Promise<void>; release: () => Promise<void> }> {
  let arrived!: () => void;
  let waiting: ReturnType<typeof setTimeout> | undefined;
  // Bounded, as every wait of these tests: a request that never comes fails the step in 30 s and
  // says where the focus was, instead of holding the suite until its own timeout.
  const held = new Promise<void>((resolve, reject) => {
    arrived = resolve;
    waiting = setTimeout(() => {
      void focused(page).then(
        (where) => reject(new Error(`the held request never came (30 s); the focus was on ${JSON.stringify(where)}`)),
        reject,
      );
    }, 30_000);
  });
  // Marked as handled here: a step that failed before awaiting it must not end the process.
  held.catch(() => undefined);
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const handler = async (route: Route) => {
    clearTimeout(waiting);
    arrived();
    await gate;
    await route.continue().catch(() => undefined);
  };
  await page.route(url, handler);
  return {
    held,
    release: async () => {
      clearTimeout(waiting);
      open();
      await page.unroute(url, handler);
    },
  };
}

/** The page's heading has the focus (it comes once the page has loaded). */
async function headingFocused(page: Page, text: RegExp): Promise<void> {
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent !== 'Đang tải trang…');
  assert.match((await focused(page)).text, text);
}

browserSuite('browser: focus and the loading pages', 300_000, (step, stack) => {

  step('the login page and the session probe show one h1 while they load', async () => {
    const { page, context } = stack();
    await context.clearCookies();
    // The login form's own code, held: the page waiting for it still has its heading.
    const chunk = await hold(page, /\/assets\/LoginPage-[^/]+\.js$/);
    await page.goto('/login');
    await chunk.held;
    assert.deepEqual(await headings(page), [LOADING]);
    assert.equal(await page.locator('main h1').count(), 1, 'the loading heading is inside the main landmark');
    await chunk.release();
    await page.locator('h1', { hasText: 'Chấm điểm mức độ cập nhật' }).waitFor();
    assert.equal((await headings(page)).length, 1);

    // A signed-in address opened afresh: the session is asked for first.
    await signIn(stack(), 'admin');
    const probe = await hold(page, '**/api/auth/me');
    await page.goto('/units');
    await probe.held;
    assert.deepEqual(await headings(page), [LOADING]);
    await probe.release();
    await page.locator('h1', { hasText: 'Đơn vị' }).waitFor();
    assert.equal((await headings(page)).length, 1);
  });

  step('a page whose code is loading has one h1, and its heading takes the focus when it comes', async () => {
    const { page } = stack();
    await page.goto('/periods');
    await page.locator('h1', { hasText: 'Kỳ đánh giá' }).waitFor();
    // Not prefetched: the audit log's code is fetched on the click.
    const chunk = await hold(page, /\/assets\/AuditPage-[^/]+\.js$/);
    await page.getByRole('menuitem', { name: 'Nhật ký thay đổi' }).click();
    await chunk.held;
    assert.deepEqual(await headings(page), [LOADING]);
    await chunk.release();
    await headingFocused(page, /^Nhật ký thay đổi/);
    assert.equal((await headings(page)).length, 1);
  });

  step('the menu’s ranking: one h1 while it loads, one request for the report, the heading focused', async () => {
    const { page } = stack();
    await signIn(stack(), 'viewer');
    await page.locator('h1', { hasText: 'Kỳ đánh giá' }).waitFor();
    const asked: string[] = [];
    const listen = (request: { url(): string }) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/api/')) asked.push(pathname);
    };
    page.on('request', listen);
    const latest = await hold(page, '**/api/ranking/latest');
    await page.getByRole('menuitem', { name: 'Bảng xếp hạng' }).click();
    await latest.held;
    assert.deepEqual(await headings(page), [LOADING]);
    await latest.release();
    await page.locator('[data-testid="ranking-table"] tbody tr.ant-table-row').first().waitFor();
    await headingFocused(page, /^Kết quả chấm điểm tháng 02\/2024/);
    page.off('request', listen);
    assert.equal(new URL(page.url()).pathname, '/periods/2024-02/ranking');
    // The report came with the redirect; the page did not ask for it again.
    assert.ok(asked.includes('/api/ranking/latest'), asked.join(', '));
    assert.ok(!asked.includes('/api/periods/2024-02/ranking'), asked.join(', '));

    // The legend's sample of a deducted score is the red of the scores themselves.
    const colours = await page.evaluate(() => {
      const sample = [...document.querySelectorAll('span.deducted')].find((e) => e.textContent === 'chữ đỏ');
      const score = document.querySelector('a.deducted');
      return { sample: sample && getComputedStyle(sample).color, score: score && getComputedStyle(score).color };
    });
    assert.equal(colours.sample, 'rgb(198, 40, 40)');
    assert.equal(colours.score, colours.sample);
    assert.doesNotMatch(await page.locator('main').innerText(), /rê chuột|di chuột/i);
  });

  step('a draft being saved keeps the focus on “Lưu nháp”, during the save and after it', async () => {
    const { page, accounts, units } = stack();
    await signIn(stack(), 'admin');
    const opened = await fetchFromPage(page, '/api/periods', { method: 'POST', body: { id: '2024-03', deadline: '2999-12-31T00:00:00Z' } });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));

    await signIn(stack(), 'unit-editor');
    const unitId = units.find((u) => u.name === accounts['unit-editor'].unitName)?.id;
    assert.ok(unitId);
    const apiPath = `/api/periods/2024-03/units/${unitId}/self-assessment`;
    // A complete draft, so that the save goes to the server.
    const before = (await fetchFromPage(page, apiPath)).body as { categories: unknown[]; version: number };
    const put = await fetchFromPage(page, apiPath, { method: 'PUT', body: { categories: before.categories, articles: 3, selfScore: 90, version: before.version } });
    assert.equal(put.status, 200, JSON.stringify(put.body));

    await page.goto(`/periods/2024-03/units/${unitId}/self-assessment`);
    // The form as the server has it, every load of the page answered (the board's contact arrives
    // last): nothing re-renders under the focus from here on.
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('input[aria-label="Số lượng tin, bài, video"]')?.value === '3');
    await page.waitForLoadState('networkidle');
    const button = page.getByRole('button', { name: 'Lưu nháp' });
    await button.focus();
    assert.deepEqual(await focused(page), { tag: 'button', text: 'Lưu nháp' });
    const save = await hold(page, (url) => url.pathname === apiPath);
    const isSave = (r: { url(): string; method(): string }) => new URL(r.url()).pathname === apiPath && r.method() === 'PUT';
    await pressForRequest(page, 'Lưu nháp', () => page.keyboard.press('Enter'), isSave);
    await save.held;
    // Saving: the button shows it is busy and still has the focus.
    await page.locator('button.ant-btn-loading', { hasText: 'Lưu nháp' }).waitFor();
    assert.deepEqual(await focused(page), { tag: 'button', text: 'Lưu nháp' });
    await save.release();
    await page.getByText('Đã lưu bản nháp.').waitFor();
    await page.locator('button.ant-btn-loading').waitFor({ state: 'detached' });
    assert.deepEqual(await focused(page), { tag: 'button', text: 'Lưu nháp' });
    // Enter again saves again: the keyboard user never had to find the button anew.
    const again = await pressForRequest(page, 'Lưu nháp, again', () => page.keyboard.press('Enter'), isSave);
    assert.equal((await again.response())?.status(), 200);
    await page.locator('button.ant-btn-loading').waitFor({ state: 'detached' });
    assert.deepEqual(await focused(page), { tag: 'button', text: 'Lưu nháp' });
  });

  step('“Mở kỳ mới” waits for the list of periods and proposes the month after the latest; the dialog, done by keyboard, gives the focus back to it', async () => {
    const { page } = stack();
    // The list, held: before it comes the page does not know the latest period, and the button
    // would propose the current month (12/2026 or whenever the test runs) instead of 04/2024.
    const list = await hold(page, (url) => url.pathname === '/api/periods');
    await signIn(stack(), 'reviewer');
    await list.held;
    await page.locator('h1', { hasText: 'Kỳ đánh giá' }).waitFor();
    const opener = page.getByRole('button', { name: 'Mở kỳ mới' });
    assert.equal(await opener.isDisabled(), true, '“Mở kỳ mới” could be pressed before the list of periods came');
    await list.release();
    await page.locator('tr', { hasText: 'Tháng 03/2024' }).waitFor();
    // A trial click waits until the button can be pressed, and presses nothing.
    await opener.click({ trial: true });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    assert.equal(await dialog.getByLabel('Tháng').inputValue(), '04/2024');
    await dialog.getByRole('button', { name: 'Mở kỳ', exact: true }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.locator('tr', { hasText: 'Tháng 04/2024' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'BUTTON');
    assert.equal((await focused(page)).text, 'Mở kỳ mới');
  });

  step('no error in the page', () => {
    assert.deepEqual(stack().pageErrors, []);
    return Promise.resolve();
  });
});
