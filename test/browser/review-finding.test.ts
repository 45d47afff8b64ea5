/**
 * The board's finding for a unit that did not report, on the review page in a real browser:
 * recorded through its form, then withdrawn with a reason, both forms checked by axe-core
 * (WCAG 2.0/2.1 A and AA, serious or critical) while open.
 */
import assert from 'node:assert/strict';
import { axeProblems, browserSuite, fetchFromPage, screenshots, signIn } from './harness.js';

const PERIOD = '2024-03';

browserSuite('browser: the board’s finding on the review page', 240_000, (step, stack) => {

  step('a reviewer records the board’s finding for a unit that did not report, then withdraws it with its reason', async () => {
    const { page } = stack();
    await signIn(stack(), 'reviewer');
    const opened = await fetchFromPage(page, '/api/periods', { method: 'POST', body: { id: PERIOD, deadline: '2999-12-31T00:00:00Z' } });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    const started = await fetchFromPage(page, `/api/periods/${PERIOD}/review`, { method: 'POST' });
    assert.equal(started.status, 200, JSON.stringify(started.body));

    await page.goto(`/periods/${PERIOD}/review`);
    const panel = page.locator('.ant-collapse-item', { hasText: 'Sở Y tế' });
    await panel.locator('.ant-collapse-header').click();
    await panel.getByText('Không gửi tự đánh giá.', { exact: true }).waitFor();

    // The finding: every category the board checked, with its grounds.
    await panel.getByRole('button', { name: 'Ghi nhận kết quả của Ban Biên tập…' }).click();
    const form = panel.getByTestId('change-form');
    await form.getByLabel('Căn cứ của Ban Biên tập').fill('Ban Biên tập kiểm tra trực tiếp trên cổng của Sở');
    assert.deepEqual(await axeProblems(page), [], 'the finding form, open');
    await form.getByRole('button', { name: 'Ghi nhận kết quả' }).click();
    await panel.getByText('Không gửi tự đánh giá; tính theo kết quả Ban Biên tập ghi nhận.').waitFor();
    await panel.getByText('Căn cứ: Ban Biên tập kiểm tra trực tiếp trên cổng của Sở').waitFor();

    // Withdrawn: a reason is required, then the unit did not report again.
    await panel.getByRole('button', { name: 'Rút kết luận…' }).click();
    const withdraw = panel.getByTestId('withdraw-finding');
    const confirm = withdraw.getByRole('button', { name: 'Rút kết luận', exact: true });
    assert.equal(await confirm.isDisabled(), true, 'no withdrawal without a reason');
    await withdraw.getByLabel('Lý do rút kết luận').fill('Ghi nhầm đơn vị');
    assert.deepEqual(await axeProblems(page), [], 'the withdrawal form, open');
    await screenshots(page, 'review-withdraw-finding');
    await confirm.click();
    await page.getByText('Đã rút kết luận cho Sở Y tế: đơn vị trở lại “không gửi tự đánh giá”.').waitFor();
    await panel.getByText('Không gửi tự đánh giá.', { exact: true }).waitFor();
    assert.equal(await panel.getByRole('button', { name: 'Rút kết luận…' }).count(), 0);
    await panel.getByRole('button', { name: 'Ghi nhận kết quả của Ban Biên tập…' }).waitFor();

    // The audit log (the admin's) keeps what was withdrawn, and why.
    await signIn(stack(), 'admin');
    const audit = await fetchFromPage(page, '/api/audit?entity=review&limit=5&offset=0');
    assert.equal(audit.status, 200, JSON.stringify(audit.body));
    const [last] = (audit.body as { entries: { actionLabel: string; after: unknown; before: unknown }[] }).entries;
    assert.equal(last?.actionLabel, 'Rút kết luận của Ban Biên tập');
    assert.match(JSON.stringify(last?.before), /Kết luận của Ban Biên tập: Ban Biên tập kiểm tra trực tiếp trên cổng của Sở/);
    assert.match(JSON.stringify(last?.after), /Ghi nhầm đơn vị/);
  });

  step('no error in the page', () => {
    assert.deepEqual(stack().pageErrors, []);
    return Promise.resolve();
  });
});
