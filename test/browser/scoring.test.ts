/**
 * The year's results and the scoring rules in a real browser, photographed on a laptop and a phone
 * for a person to look at.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getSpanReport, parseSpan } from '../../src/services/span-report.js';
import { browserMissing, SCREENSHOTS, screenshots, signIn, startStack, type Stack } from './harness.js';

const missing = browserMissing();
if (missing && process.env.CI) throw new Error(`CI is set and the browser tests cannot run: ${missing}`);
if (missing) console.error(`!! Browser tests SKIPPED: ${missing}`);

describe('browser: the year’s results and the scoring rules', { skip: missing ?? false, timeout: 120_000 }, () => {
  let stack: Stack;

  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack?.close();
  });

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

  step('a viewer reads the year 2024 ranked as the service ranks it, with its chart and downloads', async () => {
    const { page } = stack;
    await signIn(stack, 'viewer');
    await page.goto('/year-report?year=2024');
    const tables = page.getByTestId('span-table');
    await tables.first().waitFor();
    const expected = await getSpanReport(stack.db.db, stack.provinceId, parseSpan({ year: '2024' }));
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
    const { page } = stack;
    await signIn(stack, 'admin');
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
    const { page } = stack;
    await page.goto('/days-off?year=2024');
    const holidays = page.getByTestId('holidays');
    await holidays.waitFor();
    const text = (await holidays.textContent()) ?? '';
    assert.match(text, /10\/02\/2024/);
    assert.match(text, /18\/04\/2024/);
    await screenshots(page, 'days-off');
  });

  after(() => {
    assert.deepEqual(stack?.pageErrors ?? [], []);
  });
});
