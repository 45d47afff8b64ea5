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
import { browserMissing, DESKTOP, fetchFromPage, NAMED_CATEGORIES, PHONE, SCREENSHOTS, screenshots, signIn, startStack, type Stack } from './harness.js';

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
describe('browser: the monthly workflow', { skip: missing ?? false, timeout: 240_000 }, () => {
  let stack: Stack;

  /** A test whose failure leaves a screenshot of the page as it was, to see why. */
  const step = (title: string, body: () => Promise<void>): void => {
    // The runner awaits the tests it registers.
    void it(title, async () => {
      try {
        await body();
      } catch (error) {
        const name = `failed-${title.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)}.png`;
        await stack.page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true }).catch(() => undefined);
        throw error;
      }
    });
  };

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
    // The first category fully updated, the second partly, the rest left as opened: not updated.
    const fill = async () => {
      for (const [i, status] of ['Đầy đủ', 'Không đầy đủ'].entries()) {
        const category = categories.nth(i);
        await category.getByText(status, { exact: true }).click();
        await category.getByRole('textbox').fill(`https://thanhtra.bacninh.gov.vn/chuyen-muc/${i + 1}`);
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
      NAMED_CATEGORIES.map((_, i) => (['full', 'partial'][i] ?? 'none')),
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
    // The page itself shows the refusal rather than an empty form.
    await page.goto(`/periods/${NEW_PERIOD}/units/${other.id}/self-assessment`);
    await page.locator('.ant-alert-error').waitFor();
  });

  step('lets a reviewer add a deduction and publish', async () => {
    const { page, accounts } = stack;
    const unitName = accounts['unit-editor'].unitName!;
    await signIn(stack, 'reviewer');
    await page.goto(`/periods/${NEW_PERIOD}/review`);
    // Deductions come with the review: close self-assessment first.
    await page.getByRole('button', { name: 'Kết thúc tự đánh giá' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Bắt đầu rà soát' }).click();
    await page.locator('h3').getByText('Đang rà soát').waitFor();
    const panel = page.locator('.ant-collapse-item', { hasText: unitName });
    await panel.locator('.ant-collapse-header').click();
    await panel.getByRole('button', { name: 'Thêm điểm trừ' }).click();
    await panel.getByLabel('Số điểm trừ').fill('2');
    await panel.getByLabel('Lý do trừ điểm').fill('Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn');
    await panel.getByRole('button', { name: 'Lưu điểm trừ' }).click();
    await panel.locator('.ant-collapse-header').getByText('trừ 1 mục').waitFor();
    await screenshots(page, '05-review');

    await page.getByRole('button', { name: 'Công bố kết quả' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Công bố', exact: true }).click();
    await page.locator('h3').getByText('Đã công bố').waitFor();

    await page.goto(`/periods/${NEW_PERIOD}/ranking`);
    const row = page.getByTestId('ranking-table').locator('tr', { hasText: unitName });
    assert.match(await row.locator('.deducted').innerText(), /^98\b/);
    assert.equal(await row.locator('td.differs').count(), 2, 'self-score 95 and reviewed 98 are both highlighted');
    const summary = await page.getByTestId('summary').innerText();
    assert.match(summary, new RegExp(`Có 01 đơn vị \\(${unitName}\\)`));
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
    await page.goto('/periods/2024-02/ranking');
    const table = page.getByTestId('ranking-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
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
    await page.locator('.ant-select-dropdown').getByText('Huyện Tiên Du', { exact: true }).click();
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
