/**
 * The year's results and the scoring rules in a real browser, photographed on a laptop and a phone
 * for a person to look at.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after } from 'node:test';
import { getSpanReport, parseSpan } from '../../src/services/span-report.js';
import { seedCsv } from '../helpers/seed.js';
import { browserSuite, fetchFromPage, SCREENSHOTS, screenshots, signIn } from './harness.js';


browserSuite('browser: the year’s results and the scoring rules', 480_000, (step, stack) => {

  step('a viewer reads the year 2024 ranked as the service ranks it, with its chart and downloads', async () => {
    const { page } = stack();
    await signIn(stack(), 'viewer');
    await page.goto('/year-report?year=2024');
    const tables = page.getByTestId('span-table');
    await tables.first().waitFor();
    const expected = await getSpanReport(stack().db.db, stack().provinceId, parseSpan({ year: '2024' }));
    assert.equal(await tables.count(), expected.groups.length);
    const firstNames = await tables.first().locator('tbody tr.ant-table-row td:nth-child(2)').allTextContents();
    assert.deepEqual(firstNames, expected.groups[0]!.units.map((u) => u.name));
    await page.getByTestId('span-chart').locator('canvas').first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /XLSX/ }).click();
    assert.equal((await download).suggestedFilename(), 'tong-hop-nam-2024.xlsx');
    await screenshots(page, 'year-report');
  });

  step('an admin sees the defaults marked for confirmation and the form for a new rule set', async () => {
    const { page } = stack();
    await signIn(stack(), 'admin');
    await page.goto('/rules');
    await page.getByTestId('rule-set').first().waitFor();
    assert.match(await page.getByTestId('rule-set').first().textContent() ?? '', /Chờ Ban Biên tập xác nhận[\s\S]*Đang áp dụng|Đang áp dụng[\s\S]*Chờ Ban Biên tập xác nhận/);
    await screenshots(page, 'rules');
    await page.getByRole('button', { name: 'Đặt bộ quy tắc mới' }).click();
    await page.getByRole('dialog').waitFor();
    // The dialog zooms in; the picture is of the form, not of its entrance.
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SCREENSHOTS, 'rules-new-desktop.png') });
    await page.getByRole('button', { name: 'Hủy' }).click();
  });

  step('the days off of 2024 with Tết and Giỗ Tổ computed', async () => {
    const { page } = stack();
    await page.goto('/days-off?year=2024');
    const holidays = page.getByTestId('holidays');
    await holidays.waitFor();
    const text = (await holidays.textContent()) ?? '';
    assert.match(text, /10\/02\/2024/);
    assert.match(text, /18\/04\/2024/);
    await screenshots(page, 'days-off');
  });

  step('a reviewer imports PAKN: a bad row is listed by line and nothing is written', async () => {
    const { page } = stack();
    await signIn(stack(), 'reviewer');
    await page.goto('/pakn?period=2024-03');
    await page.getByTestId('pakn-table').waitFor();
    const csv = ['Đơn vị,Ngày tiếp nhận,Nội dung,Hạn trả lời,Ngày trả lời', 'Huyện Tiên Du,05/02/2024 10:30,Hỏi về đất đai,,27/02/2024 16:00', 'Huyện Không Có,01/02/2024,Hỏi,,'].join('\r\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'pakn.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const problems = page.getByTestId('pakn-problems');
    await problems.waitFor();
    assert.match((await problems.textContent()) ?? '', /3\s*Đơn vị\s*Không có đơn vị "Huyện Không Có"/);
    assert.deepEqual((await fetchFromPage(page, '/api/pakn')).body, []);
    await screenshots(page, 'pakn');
  });

  step('a reviewer decides the proposals of a month under review', async () => {
    const { page } = stack();
    const seed = seedCsv();
    // The seed month again as 03/2024, imported the way the import page sends it.
    const status = await page.evaluate(async (bytes) => {
      const csrf = decodeURIComponent(/(?:^|;\s*)ps_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '');
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), 'seed.csv');
      const response = await fetch('/api/periods/2024-03/import', { method: 'POST', body: form, headers: { 'x-csrf-token': csrf } });
      return response.status;
    }, [...seed]);
    assert.equal(status, 200);
    await page.goto('/proposals?period=2024-03');
    const card = page.getByTestId('unit-proposals').filter({ hasText: 'Huyện Tiên Du' });
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /01 chuyên mục cập nhật không đầy đủ/);
    await screenshots(page, 'proposals');
    await card.getByRole('button', { name: 'Lưu quyết định' }).click();
    await page.getByText(/Huyện Tiên Du: \d+ điểm\./).waitFor();
  });

  step('the unit editor’s appeals page shows their published result', async () => {
    const { page } = stack();
    await signIn(stack(), 'unit-editor');
    await page.goto('/appeals');
    await page.getByText('Kết quả của đơn vị').waitFor();
    await page.getByText(/Hạn khiếu nại: 05\/03\/2024 \(đã hết\)/).waitFor();
    await screenshots(page, 'appeals');
  });

  step('an appeal through the pages: the editor appeals a deduction, the reviewer upholds it', async () => {
    const { page } = stack();
    const own = stack().accounts['unit-editor'].unitName!;
    const unit = stack().units.find((u) => u.name === own)!;
    await signIn(stack(), 'reviewer');
    const path = `/api/periods/2024-03/units/${unit.id}`;
    const { version } = (await fetchFromPage(page, `${path}/self-assessment`)).body as { version: number };
    const deducted = await fetchFromPage(page, `${path}/deductions`, { method: 'PUT', body: { version, deductions: [{ points: 1, reason: 'Chuyên mục Lịch công tác cập nhật chậm' }] } });
    assert.equal(deducted.status, 200, JSON.stringify(deducted.body));
    // Published today, so that the appeal window is open.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    assert.equal((await fetchFromPage(page, '/api/periods/2024-03/publish', { method: 'POST', body: { number: '03/BBT-CTTĐT', date: today } })).status, 200);

    await signIn(stack(), 'unit-editor');
    await page.goto('/appeals?period=2024-03');
    await page.getByRole('button', { name: 'Khiếu nại' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Lý do khiếu nại').fill('Lịch công tác đã đăng đủ, có nhật ký');
    await dialog.getByLabel(/Tài liệu, đường dẫn/).fill('https://thanhtra.bacninh.gov.vn/lich-cong-tac');
    await dialog.getByRole('button', { name: 'Gửi khiếu nại' }).click();
    await page.getByTestId('appeals').getByText('Chờ xem xét').waitFor();

    await signIn(stack(), 'reviewer');
    await page.goto('/appeals');
    await page.getByRole('button', { name: 'Xem xét' }).click();
    await page.getByRole('dialog').getByLabel('Lý do').fill('Nhật ký cho thấy đã đăng đủ');
    await page.waitForTimeout(400);
    await screenshots(page, 'appeal-decision');
    await page.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã chấp nhận; kỳ 03/2024 được đính chính (lần 1).').waitFor();
    const ranking = (await fetchFromPage(page, '/api/periods/2024-03/ranking')).body as { groups: { units: { id: string; score: number }[] }[] };
    assert.equal(ranking.groups.flatMap((g) => g.units).find((u) => u.id === unit.id)!.score, 100);
  });

  after(() => {
    assert.deepEqual(stack().pageErrors, []);
  });
});
