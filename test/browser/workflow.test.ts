/**
 * The month's workflow in a real browser against the real server: a reviewer opens a period, a
 * unit editor fills and submits the self-assessment (and meets a stale save and another unit's
 * data), the reviewer deducts and publishes; the seed month's ranking and its DOCX; the other
 * pages, photographed on a laptop and a phone for a person to look at.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import mammoth from 'mammoth';
import { apiTimeline, axeProblems, browserMissing, DESKTOP, fetchFromPage, NAMED_CATEGORIES, PHONE, pressForRequest, SCREENSHOTS, screenshots, signIn, startStack, type Stack, step as harnessStep } from './harness.js';

const missing = browserMissing();
if (missing && process.env.CI) throw new Error(`CI is set and the browser tests cannot run: ${missing}`);
if (missing) console.error(`!! Browser tests SKIPPED: ${missing}`);

const SEED = new URL('../fixtures/seed-02-2024.txt', import.meta.url);
const NEW_PERIOD = '2024-03';

/** Unit names of the seed notice, in the order it ranks them (group by group). */
async function seedOrder(): Promise<string[]> {
  const text = await readFile(SEED, 'utf8');
  return text
    .split('\n')
    .map((line) => /^\d+\t([^\t]+)\t\d+\t/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

/** dd/mm/yyyy of a week from today, in Vietnam. */
function weekFromToday(): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
  return parts.format(new Date(Date.now() + 7 * 24 * 3600 * 1000));
}

interface SelfAssessmentBody {
  unitId: string;
  state: string;
  version: number;
  articles: number;
  selfScore: number | null;
  categories: { name: string; status: string; evidenceUrl: string | null }[];
}

// About a minute alone; the limit leaves room for a machine busy with the other test files.
describe('browser: the monthly workflow', { skip: missing ?? false, timeout: 600_000 }, () => {
  let stack: Stack;

  /** A test whose failure leaves a screenshot of the page as it was, to see why. */
  const step = (title: string, body: () => Promise<void>): void => harnessStep(() => stack, title, body);

  before(async () => {
    stack = await startStack();
  });

  after(async () => {
    await stack?.close();
  });

  step('refuses a wrong password with the server message, then shows the login page on both screens', async () => {
    const { page } = stack;
    await page.goto('/periods');
    await page.waitForURL('**/login');
    await page.getByLabel('Tên đăng nhập').fill(stack.accounts.reviewer.username);
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('.ant-alert-error').waitFor();
    assert.match(await page.locator('.ant-alert-error').innerText(), /\S/);
    await screenshots(page, '01-login');
  });

  step('lets a reviewer open a new period', async () => {
    const { page } = stack;
    await signIn(stack, 'reviewer');
    await page.waitForURL('**/periods');
    const seedRow = page.locator('tr', { hasText: 'Tháng 02/2024' });
    await assert.doesNotReject(seedRow.getByText('Đã công bố').waitFor());
    await page.getByRole('button', { name: 'Mở kỳ mới' }).click();
    const dialog = page.getByRole('dialog');
    // The month after the latest is proposed; March 2024 ended long ago, so the board gives the
    // units until a week from today.
    assert.equal(await dialog.getByLabel('Tháng').inputValue(), '03/2024');
    await dialog.getByLabel('Hạn nộp tự đánh giá').fill(weekFromToday());
    await dialog.getByLabel('Hạn nộp tự đánh giá').press('Enter');
    await dialog.getByRole('button', { name: 'Mở kỳ' }).click();
    await page.locator('tr', { hasText: 'Tháng 03/2024' }).getByText('Đang mở').waitFor();
    await screenshots(page, '02-periods');
    // On a phone the menu is a drawer behind a button.
    await page.setViewportSize(PHONE);
    await page.getByRole('button', { name: 'Mở menu' }).click();
    await page.locator('.ant-drawer').getByRole('menuitem', { name: 'Rà soát, chấm điểm' }).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOTS, '02-menu-phone.png') });
    await page.keyboard.press('Escape');
    await page.setViewportSize(DESKTOP);
  });

  step('lets a unit editor fill and submit the self-assessment, and explains a stale save', async () => {
    const { page, accounts } = stack;
    const unitId = stack.units.find((u) => u.name === accounts['unit-editor'].unitName)?.id;
    assert.ok(unitId, 'the demo editor has a unit');
    const apiPath = `/api/periods/${NEW_PERIOD}/units/${unitId}/self-assessment`;
    await signIn(stack, 'unit-editor');
    await page.getByRole('menuitem', { name: 'Tự đánh giá' }).click();
    await page.waitForURL(`**/periods/${NEW_PERIOD}/units/${unitId}/self-assessment`);
    assert.match(await page.getByTestId('deadline').innerText(), /^Hạn nộp phiếu tự đánh giá: \d{2}\/\d{2}\/\d{4} 23:59\.$/);

    const before = (await fetchFromPage(page, apiPath)).body as SelfAssessmentBody;
    assert.deepEqual(before.categories.map((c) => c.name), NAMED_CATEGORIES);
    const categories = page.getByTestId('categories').locator('li');
    assert.equal(await categories.count(), NAMED_CATEGORIES.length);
    // A realistic month: 18 categories fully updated, the last one partly; evidence for the first two.
    const fill = async () => {
      for (let i = 0; i < NAMED_CATEGORIES.length; i++) {
        const category = categories.nth(i);
        await category.getByText(i === NAMED_CATEGORIES.length - 1 ? 'Không đầy đủ' : 'Đầy đủ', { exact: true }).click();
        if (i < 2) await category.getByRole('textbox').fill(`https://thanhtra.bacninh.gov.vn/chuyen-muc/${i + 1}`);
      }
      await page.getByLabel('Số lượng tin, bài, video').fill('42');
      await page.getByLabel('Điểm tự chấm').fill('95');
    };
    await fill();

    // Someone else saves first: the page's version is now stale and its save must say so.
    const raced = await fetchFromPage(page, apiPath, {
      method: 'PUT',
      body: { categories: before.categories, articles: 1, selfScore: 100, version: before.version },
    });
    assert.equal(raced.status, 200, JSON.stringify(raced.body));
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.getByTestId('stale-alert').waitFor();
    assert.match(await page.getByTestId('stale-alert').innerText(), /thay đổi ở nơi khác/);

    await page.getByRole('button', { name: 'Tải lại phiếu' }).click();
    await page.getByTestId('stale-alert').waitFor({ state: 'detached' });
    await fill();
    await page.getByRole('button', { name: 'Nộp phiếu' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Nộp', exact: true }).click();
    await page.getByTestId('assessment-state').filter({ hasText: 'Đã nộp' }).waitFor();

    const saved = (await fetchFromPage(page, apiPath)).body as SelfAssessmentBody;
    assert.equal(saved.state, 'submitted');
    assert.equal(saved.articles, 42);
    assert.equal(saved.selfScore, 95);
    assert.deepEqual(
      saved.categories.map((c) => c.status),
      NAMED_CATEGORIES.map((_, i) => (i === NAMED_CATEGORIES.length - 1 ? 'partial' : 'full')),
    );
    assert.deepEqual(
      saved.categories.map((c) => c.evidenceUrl),
      NAMED_CATEGORIES.map((_, i) => (i < 2 ? `https://thanhtra.bacninh.gov.vn/chuyen-muc/${i + 1}` : null)),
    );
    await screenshots(page, '04-self-assessment');
  });

  step("refuses a unit editor another unit's data (403 from the API)", async () => {
    const { page, accounts } = stack;
    const other = stack.units.find((u) => u.name !== accounts['unit-editor'].unitName && !u.retiredOn);
    assert.ok(other);
    const path = `/api/periods/${NEW_PERIOD}/units/${other.id}/self-assessment`;
    const read = await fetchFromPage(page, path);
    assert.equal(read.status, 403);
    assert.equal((read.body as { error: { code: string } }).error.code, 'forbidden');
    const write = await fetchFromPage(page, path, {
      method: 'PUT',
      body: { categories: [], articles: 1, selfScore: 100, version: 1 },
    });
    assert.equal(write.status, 403);
    // The page itself shows the refusal rather than an empty form, under its one h1.
    await page.goto(`/periods/${NEW_PERIOD}/units/${other.id}/self-assessment`);
    await page.locator('h1', { hasText: 'Không có quyền xem trang này' }).waitFor();
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await page.title(), 'Không có quyền xem trang này — Chấm điểm Cổng TTĐT');
  });

  step('walks the month of one reporting unit and 28 silent ones: computed results, accept all, 409, checklist, preview, publish under the rule', async () => {
    const { page, accounts } = stack;
    const unitName = accounts['unit-editor'].unitName!;
    await signIn(stack, 'reviewer');
    await page.goto(`/periods/${NEW_PERIOD}/review`);
    // The results are computed once self-assessment is closed.
    await page.getByRole('button', { name: 'Kết thúc tự đánh giá' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Bắt đầu rà soát' }).click();
    await page.locator('h1').getByText('Đang rà soát').waitFor();
    assert.match(await page.getByTestId('reporting-count').innerText(), /Đã gửi tự đánh giá: 1\/29 đơn vị · Không gửi tự đánh giá: 28\./);
    const summaries = (await page.getByTestId('unit-summary').allInnerTexts()).map((t) => t.trim());
    assert.equal(summaries.length, 29);
    assert.equal(summaries.filter((t) => t === 'tự chấm 95 → kết quả 98').length, 1, summaries.join(' | '));
    assert.equal(summaries.filter((t) => t.startsWith('không gửi tự đánh giá → theo quy tắc')).length, 28, summaries.join(' | '));
    assert.ok(!summaries.some((t) => /kết quả 100/.test(t)), 'no unit that did not report shows full marks');

    // The reporting unit: one partial category, computed, with its origin.
    const panel = page.locator('.ant-collapse-item', { hasText: unitName });
    await panel.locator('.ant-collapse-header').click();
    const result = panel.getByTestId('unit-result');
    await result.waitFor();
    assert.match(await result.innerText(), /−2 01 chuyên mục cập nhật không đầy đủ\s*Chuyên mục không đầy đủ \(tự đánh giá\)/);
    assert.match(await result.getByTestId('unit-score').innerText(), /^98 điểm$/);
    // A unit that did not report: marked, with the rule's treatment beside it.
    const silent = page.locator('.ant-collapse-item', { hasText: 'Sở Y tế' });
    await silent.locator('.ant-collapse-header').click();
    await silent.getByText('Không gửi tự đánh giá.', { exact: true }).waitFor();
    assert.match(await silent.getByTestId('unit-result').innerText(), /Quy tắc cho đơn vị không gửi tự đánh giá/);
    await screenshots(page, '05-review');

    // Every proposal accepted at once: here the one unit that reported.
    await page.getByRole('button', { name: 'Chấp nhận mọi đề xuất…' }).click();
    const accept = page.getByRole('dialog', { name: 'Chấp nhận mọi đề xuất trừ điểm' });
    const acceptButton = accept.getByRole('button', { name: 'Chấp nhận 1 đơn vị' });
    await acceptButton.waitFor();
    assert.deepEqual(await axeProblems(page), [], 'the accept-all dialog, open');
    const accepting = (r: { url(): string; method(): string }) => r.method() === 'POST' && new URL(r.url()).pathname === `/api/periods/${NEW_PERIOD}/proposals/accept-all`;
    // Waiting on the request and its answer, then on what stays on the page: a failed step then says
    // whether the press was lost, the server refused, or the page did not show the summary.
    const acceptRequest = await pressForRequest(page, 'Chấp nhận 1 đơn vị', () => acceptButton.click(), accepting);
    // The server computes every unit's result first: under a doubled suite that takes more than 20 s.
    const acceptAnswer = await acceptRequest.response();
    assert.equal(acceptAnswer?.status(), 200, `accept-all answered ${acceptAnswer?.status()}: ${await acceptAnswer?.text()}`);
    const acceptedSummary = page.getByTestId('accept-all-summary');
    await acceptedSummary.waitFor({ timeout: 120_000 });
    assert.match(await acceptedSummary.innerText(), /Đã chấp nhận đề xuất của 1 đơn vị; 28 đơn vị không gửi tự đánh giá/);
    await panel.locator('.ant-collapse-header').getByText('Đã xác nhận').waitFor({ timeout: 120_000 });
    assert.deepEqual(await axeProblems(page), [], 'the review page with the summary of accept-all');

    const timeline = apiTimeline(page);
    await page.getByRole('button', { name: 'Công bố kết quả' }).click();
    const dialog = page.getByRole('dialog', { name: /Công bố kết quả tháng/ });
    await dialog.getByTestId('notice-preview').waitFor({ timeout: 120_000 });
    // The checklist names the 28 units before anything is tried.
    assert.equal(await dialog.getByTestId('checklist-not-reported').locator('li').count(), 28);
    // The dialog's buttons are pressed from the keyboard, as a keyboard user does. A pointer click
    // beside the PDF preview is routed by Chromium through the out-of-process viewer's hit-test
    // regions, which lag behind the layout on a loaded machine: the click was sometimes delivered to
    // the viewer and lost (seen in the suite run twice at once), although a person never sees it.
    const publishButton = dialog.getByRole('button', { name: 'Công bố', exact: true });
    // Pressed once enabled (a loaded machine takes long to build each preview). A trial click, used
    // before, also waited for the button to take pointer events, which beside the PDF's
    // out-of-process frame it sometimes never did under load: a keyboard press needs no such thing.
    const press = async (button: typeof publishButton, options = { timeout: 20_000 }) => {
      await button.and(page.locator(':enabled')).waitFor(options);
      await button.press('Enter');
    };
    const publishing = (r: { url(): string; method(): string }) => r.method() === 'POST' && new URL(r.url()).pathname === `/api/periods/${NEW_PERIOD}/publish`;
    const previewing = (r: { url(): string; method(): string }) => r.method() === 'POST' && new URL(r.url()).pathname === `/api/periods/${NEW_PERIOD}/publish/preview`;
    await pressForRequest(page, 'Công bố', () => press(publishButton), publishing);
    // The server refuses while they have neither a report nor the board's finding.
    const refusal = dialog.getByTestId('not-reported-refusal');
    // Each answer below is the server building the whole month's notice: minutes are possible when
    // the machine runs the suite twice at once.
    const slow = { timeout: 120_000 };
    await refusal.waitFor(slow);
    assert.equal(await refusal.getByTestId('not-reported-units').locator('li').count(), 28);
    await pressForRequest(page, 'Áp dụng cách xử lý của quy tắc', () => press(refusal.getByRole('button', { name: /Áp dụng cách xử lý của quy tắc/ })), previewing);
    await refusal.waitFor({ state: 'detached' });
    const ruleBox = dialog.getByRole('checkbox', { name: /Áp dụng cách xử lý của quy tắc/, checked: true });
    await ruleBox.waitFor(slow);
    // The refusal went with the button pressed: the keyboard user is on the rule's checkbox, not lost on the page's body.
    assert.equal(await ruleBox.evaluate((box) => box === document.activeElement), true, 'the focus is on the rule’s checkbox');
    await dialog.getByTestId('notice-preview').waitFor(slow);
    const published = page.locator('h1').getByText('Đã công bố');
    try {
      await pressForRequest(page, 'Công bố, under the rule', () => press(publishButton, { timeout: 60_000 }), publishing);
      await published.waitFor(slow);
    } catch (error) {
      // What the dialog showed, for the person reading the failure (the screenshot is taken too).
      const seen = await page.evaluate(() => ({
        focus: `${document.activeElement?.tagName ?? ''} ${(document.activeElement?.textContent ?? '').trim().slice(0, 60)}`,
        buttons: [...document.querySelectorAll('.ant-modal button')].map((b) => `${(b.textContent ?? '').trim()}${(b as HTMLButtonElement).disabled ? ' (disabled)' : ''}`),
      }));
      // The whole message, Playwright's call log included, and the requests since the dialog opened.
      throw new Error(`publishing from the dialog did not take effect: ${(error as Error).message}\nseen: ${JSON.stringify(seen)}\nrequests:\n${timeline.lines()}`);
    } finally {
      timeline.stop();
    }

    await page.goto(`/periods/${NEW_PERIOD}/ranking`);
    const table = page.getByTestId('ranking-table');
    const row = table.locator('tr', { hasText: unitName });
    assert.match(await row.locator('.deducted').innerText(), /^98\b/);
    assert.equal(await row.locator('td.differs').count(), 2, 'self-score 95 and reviewed 98 are both highlighted');
    assert.equal(await row.getByTestId('not-reported').count(), 0);
    assert.equal(await table.getByTestId('not-reported').count(), 28, 'the 28 units are marked');
    const yTe = table.locator('tr', { hasText: 'Sở Y tế' });
    assert.match(await yTe.locator('.deducted').innerText(), /\(−95\)/);
    const summary = await page.getByTestId('summary').innerText();
    assert.match(summary, /Có 28 đơn vị không gửi tự đánh giá \([^)]*Sở Y tế[^)]*\)/);
    assert.match(summary, new RegExp(unitName));
    // The notice as published names them too.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải DOCX' }).click()]);
    const { value: notice } = await mammoth.extractRawText({ buffer: await readFile(await download.path()) });
    assert.match(notice.normalize('NFC').replace(/\s+/gu, ' '), /Có 28 đơn vị không gửi tự đánh giá \([^)]*Sở Y tế[^)]*\)/);
  });

  step('records a change after publishing as a correction with its reason, keeping the first version', async () => {
    const { page, accounts } = stack;
    const unitName = accounts['unit-editor'].unitName!;
    await page.goto(`/periods/${NEW_PERIOD}/review`);
    const panel = page.locator('.ant-collapse-item', { hasText: unitName });
    await panel.locator('.ant-collapse-header').click();
    await panel.getByLabel('Lý do đính chính').fill('Đơn vị đã giải trình một câu trả lời PAKN');
    await panel.getByLabel('Số điểm trừ').fill('1');
    await panel.getByRole('button', { name: 'Ghi đính chính' }).click();
    await page.locator('.ant-alert-info', { hasText: 'đính chính 1 lần' }).waitFor();

    await page.goto(`/periods/${NEW_PERIOD}/ranking`);
    const row = page.getByTestId('ranking-table').locator('tr', { hasText: unitName });
    assert.match(await row.locator('.deducted').innerText(), /^99 \(−1\)/);
    const revisions = page.getByTestId('revisions').locator('tbody tr.ant-table-row');
    // The revisions load after the ranking: wait for both rows before reading them.
    await revisions.nth(1).waitFor();
    assert.deepEqual(
      (await revisions.locator('td:first-child').allInnerTexts()).map((t) => t.trim()),
      ['Đính chính lần 1', 'Bản công bố'],
    );
    assert.match(await revisions.first().innerText(), /Đơn vị đã giải trình một câu trả lời PAKN/);
  });

  step("shows the seed month's ranking in the notice's order, with its groups and deduction", async () => {
    const { page } = stack;
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/periods/2024-02/ranking');
    await page.goto('/periods/2024-02/ranking');
    const table = page.getByTestId('ranking-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    // Chromium asked for brotli and got it: the table below is read from the compressed ranking.
    assert.equal((await answered).headers()['content-encoding'], 'br');
    const names = await table.locator('tbody tr.ant-table-row:not(.group-row) td:nth-child(2)').allInnerTexts();
    assert.deepEqual(names, await seedOrder());
    const groups = await table.locator('tbody tr.ant-table-row.group-row').allInnerTexts();
    assert.equal(groups.length, 2);
    assert.match(groups[0]!, /^I\.\s+Các Sở, ban, ngành tỉnh\s+1\.389/);
    assert.match(groups[1]!, /^II\.\s+UBND huyện, thị xã, thành phố\s+650/);
    const tienDu = table.locator('tr', { hasText: 'Huyện Tiên Du' });
    assert.match(await tienDu.locator('.deducted').innerText(), /^98 \(−2\)/);
    assert.match(await page.getByTestId('summary').innerText(), /Có 01 đơn vị \(huyện Tiên Du\)/);
    await screenshots(page, '06-ranking');
  });

  step('downloads the DOCX notice of the seed month', async () => {
    const { page } = stack;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải DOCX' }).click()]);
    assert.match(download.suggestedFilename(), /\.docx$/);
    const path = await download.path();
    const bytes = await readFile(path);
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
    const { value: text } = await mammoth.extractRawText({ buffer: bytes });
    assert.match(text, /Thanh tra tỉnh/);
    assert.match(text, /Huyện Tiên Du/);
  });

  step('shows a unit month by month, and the units of a group side by side', async () => {
    const { page } = stack;
    const tienDu = stack.units.find((u) => u.name === 'Huyện Tiên Du');
    assert.ok(tienDu);
    await page.goto(`/units/${tienDu.id}`);
    await page.getByTestId('history-chart').locator('canvas').waitFor();
    await page.locator('tr', { hasText: '02/2024' }).first().waitFor();
    await screenshots(page, '07-unit');
    await page.goto('/compare');
    await page.getByTestId('compare-chart').locator('canvas').waitFor();
    await screenshots(page, '08-compare');
  });

  step('lists every row problem of a bad import and writes nothing', async () => {
    const { page } = stack;
    await signIn(stack, 'admin');
    await page.goto('/import?period=2024-04');
    // The template offered on the page starts with the header a file needs.
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV', exact: true }).click()]);
    const header = (await readFile(await template.path(), 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
    assert.match(header, /^Nhóm,Tên đơn vị,Tổng số chuyên mục phải cập nhật,/);
    const csv = [
      header,
      '"Các Sở, ban, ngành tỉnh",Sở Y tế,19,19,0,0,69,100,0,',
      '"Các Sở, ban, ngành tỉnh",Sở Tư pháp,19,18,0,0,abc,100,0,',
      '"Các Sở, ban, ngành tỉnh",Sở Nội vụ,19,19,0,0,24,100,5,',
    ].join('\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'thang-04.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const problems = page.getByTestId('import-problems');
    await problems.locator('tbody tr.ant-table-row').first().waitFor();
    const lines = await problems.locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
    assert.ok(lines.length >= 2, `problems listed: ${lines.join(', ')}`);
    assert.ok(lines.includes('3') && lines.includes('4'), `lines 3 and 4 are named: ${lines.join(', ')}`);
    const periods = (await fetchFromPage(page, '/api/periods')).body as { id: string }[];
    assert.ok(!periods.some((p) => p.id === '2024-04'), 'a rejected file creates no period');
    await screenshots(page, '09-import-errors');
  });

  step('shows the settings pages and the audit log to an admin', async () => {
    const { page } = stack;
    await page.goto('/settings/units');
    const firstRow = page.locator('tr.ant-table-row').first();
    await firstRow.getByRole('cell', { name: 'Thanh tra tỉnh', exact: true }).waitFor();
    await screenshots(page, '10-settings-units');
    // The registry order (which keeps ties in the notice) changes by moving a unit down.
    await firstRow.getByRole('button', { name: 'Xuống' }).click();
    await firstRow.getByRole('cell', { name: 'Sở Khoa học và Công nghệ', exact: true }).waitFor();
    const units = (await fetchFromPage(page, '/api/units')).body as { name: string; position: number }[];
    assert.deepEqual(
      units.filter((u) => u.position <= 2).sort((a, b) => a.position - b.position).map((u) => u.name),
      ['Sở Khoa học và Công nghệ', 'Thanh tra tỉnh'],
    );
    await page.goto('/settings/groups');
    await page.getByText('I. Các Sở, ban, ngành tỉnh').waitFor();
    assert.equal(await page.getByLabel('Chuyên mục của Các Sở, ban, ngành tỉnh').inputValue(), NAMED_CATEGORIES.join('\n'));
    await screenshots(page, '11-settings-groups');
    await page.goto('/settings/users');
    await page.getByRole('cell', { name: stack.accounts['unit-editor'].username, exact: true }).waitFor();
    await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tên đăng nhập').fill('bbt.tiendu');
    await dialog.getByLabel('Họ và tên').fill('Nguyễn Thị Hà');
    await dialog.getByLabel('Đơn vị').fill('Tiên Du');
    // Chosen from the keyboard once the filtered list shows it: a pointer click could land on the
    // list while it was still re-rendering on a loaded machine, and nothing was chosen.
    await page.locator('.ant-select-dropdown .ant-select-item-option-active', { hasText: 'Huyện Tiên Du' }).waitFor();
    await dialog.getByLabel('Đơn vị').press('Enter');
    await dialog.locator('.ant-select', { hasText: 'Huyện Tiên Du' }).waitFor();
    await dialog.getByLabel('Mật khẩu').fill('mat-khau-tien-du');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    const created = page.locator('tr.ant-table-row', { hasText: 'bbt.tiendu' });
    await created.waitFor();
    assert.match(await created.innerText(), /Nguyễn Thị Hà\s+Biên tập viên đơn vị\s+Huyện Tiên Du/);
    await screenshots(page, '12-settings-users');
    await page.goto('/audit');
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await screenshots(page, '13-audit');
    const settings = await fetchFromPage(page, '/api/settings');
    assert.equal(settings.status, 200, `GET /api/settings: ${JSON.stringify(settings.body)}`);
    await page.goto('/settings/province');
    // The form fills in once the settings arrive.
    await page.waitForFunction(() => [...document.querySelectorAll('input')].some((i) => i.value === 'Vũ Huy Phương'));
    await screenshots(page, '14-settings-province');
    await page.getByLabel('Họ và tên').fill('Nguyễn Văn An');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Đã lưu thông tin tỉnh.').waitFor();
    const saved = (await fetchFromPage(page, '/api/settings')).body as { settings: { signer: { name: string }; distribution: string[] } };
    assert.equal(saved.settings.signer.name, 'Nguyễn Văn An');
    assert.equal(saved.settings.distribution.at(-1), 'Lưu: VT.');
  });

  step('shows a viewer the published months only, with a menu without the board\'s pages', async () => {
    const { page } = stack;
    // Still signed in as the admin: a month that is open, not published.
    const opened = await fetchFromPage(page, '/api/periods', { method: 'POST', body: { id: '2024-05' } });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    await signIn(stack, 'viewer');
    await page.waitForURL('**/periods');
    await page.locator('tr.ant-table-row').first().waitFor();
    const months = await page.locator('tr.ant-table-row td:first-child a').allInnerTexts();
    assert.deepEqual(months, ['Tháng 03/2024', 'Tháng 02/2024']);
    const menu = await page.getByRole('menuitem').allInnerTexts();
    for (const item of ['Kỳ đánh giá', 'Bảng xếp hạng', 'Đơn vị', 'So sánh trong nhóm']) assert.ok(menu.includes(item), item);
    for (const item of ['Tự đánh giá', 'Rà soát, chấm điểm', 'Nhập dữ liệu', 'Cài đặt', 'Nhật ký thay đổi']) {
      assert.ok(!menu.includes(item), `a viewer's menu has no "${item}"`);
    }
    assert.equal((await fetchFromPage(page, '/api/periods/2024-05/ranking')).status, 403);
    assert.equal((await fetchFromPage(page, '/api/periods/2024-05/evaluations')).status, 403);
  });

  it('raised no uncaught error in the pages', () => {
    assert.deepEqual(stack.pageErrors, []);
  });
});
