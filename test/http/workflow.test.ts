import assert from 'node:assert/strict';
import { dbTest } from '../helpers/db.js';
import { seedUsers, signIn, startApp } from '../helpers/http.js';
import { seedRows } from '../helpers/seed.js';

interface Assessment {
  unitId: string;
  state: string;
  version: number;
  categories: { name: string; status: string; evidenceUrl: string | null }[];
  required: number;
  full: number;
  partial: number;
  none: number;
  deductions: { points: number; reason: string }[];
  score: number;
}

dbTest('the month: open, self-assess, submit, deduct, publish, rank, correct, audit', async (db) => {
  const { unit } = await seedUsers(db);
  const app = await startApp(db);
  try {
    const [reviewer, editor, viewer, admin] = [
      await signIn(app, 'reviewer'),
      await signIn(app, 'editor'),
      await signIn(app, 'viewer'),
      await signIn(app, 'admin'),
    ];

    // The seed month is published: everyone reads its ranking, in the seed's order.
    const seedRanking = await viewer.request({ method: 'GET', url: '/api/periods/2024-02/ranking' });
    assert.equal(seedRanking.statusCode, 200);
    const names = seedRanking.json().groups.flatMap((g: { units: { name: string }[] }) => g.units.map((u) => u.name));
    assert.deepEqual(names, seedRows().map((r) => r[1]));

    // Give Sở Y tế's group its named categories so the self-assessment is per category.
    const groups = (await admin.request({ method: 'GET', url: '/api/groups' })).json() as { id: string; name: string; requiredCount: number }[];
    const group = groups.find((g) => g.name === unit.groupName)!;
    const categoryNames = Array.from({ length: group.requiredCount }, (_, i) => `Chuyên mục ${i + 1}`);
    const named = await admin.request({ method: 'PUT', url: `/api/groups/${group.id}`, payload: { categories: categoryNames } });
    assert.equal(named.statusCode, 200, named.body);

    // Only staff open a period.
    assert.equal((await editor.request({ method: 'POST', url: '/api/periods', payload: { id: '2024-03' } })).statusCode, 403);
    const opened = await reviewer.request({ method: 'POST', url: '/api/periods', payload: { id: '2024-03', deadline: '2999-01-01T00:00:00Z' } });
    assert.equal(opened.statusCode, 201, opened.body);
    assert.equal(opened.json().status, 'open');
    assert.equal((await reviewer.request({ method: 'POST', url: '/api/periods', payload: { id: '2024-03' } })).statusCode, 409);

    // The viewer does not see the open period, nor its data.
    const viewerPeriods = (await viewer.request({ method: 'GET', url: '/api/periods' })).json() as { id: string }[];
    assert.deepEqual(viewerPeriods.map((p) => p.id), ['2024-02']);
    assert.equal((await viewer.request({ method: 'GET', url: '/api/periods/2024-03/ranking' })).statusCode, 403);

    const path = `/api/periods/2024-03/units/${unit.id}/self-assessment`;
    const draft = (await editor.request({ method: 'GET', url: path })).json() as Assessment;
    assert.equal(draft.state, 'draft');
    assert.equal(draft.categories.length, group.requiredCount);
    assert.ok(draft.categories.every((c) => c.status === 'none'));

    // Save: per-category statuses with evidence; names arrive decomposed (NFD) and are matched.
    const categories = draft.categories.map((c, i) => ({
      name: c.name.normalize('NFD'),
      status: i < 2 ? 'partial' : 'full',
      evidenceUrl: `https://syt.bacninh.gov.vn/chuyen-muc-${i + 1}`,
    }));
    const saved = await editor.request({ method: 'PUT', url: path, payload: { categories, articles: 42, selfScore: 98, version: draft.version } });
    assert.equal(saved.statusCode, 200, saved.body);
    const afterSave = saved.json() as Assessment;
    assert.deepEqual([afterSave.full, afterSave.partial, afterSave.none], [group.requiredCount - 2, 2, 0]);
    assert.equal(afterSave.version, draft.version + 1);
    assert.equal(afterSave.categories[0]!.evidenceUrl, 'https://syt.bacninh.gov.vn/chuyen-muc-1');

    // A second writer holding the old version is told, not silently overwritten.
    const stale = await editor.request({ method: 'PUT', url: path, payload: { categories, articles: 1, selfScore: 50, version: draft.version } });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'stale_version');

    const submitted = await editor.request({ method: 'POST', url: `${path}/submit`, payload: { version: afterSave.version } });
    assert.equal(submitted.statusCode, 200, submitted.body);
    assert.equal(submitted.json().state, 'submitted');
    assert.ok(submitted.json().submittedAt);
    // Once submitted it can no longer be edited.
    const late = await editor.request({ method: 'PUT', url: path, payload: { categories, articles: 1, selfScore: 50, version: submitted.json().version } });
    assert.equal(late.statusCode, 409);

    // Deductions wait for the review step.
    const early = await reviewer.request({
      method: 'PUT',
      url: `/api/periods/2024-03/units/${unit.id}/deductions`,
      payload: { deductions: [{ points: 2, reason: 'PAKN quá hạn' }], version: submitted.json().version },
    });
    assert.equal(early.statusCode, 409);
    assert.equal((await editor.request({ method: 'POST', url: '/api/periods/2024-03/review' })).statusCode, 403);
    const review = await reviewer.request({ method: 'POST', url: '/api/periods/2024-03/review' });
    assert.equal(review.json().status, 'review');

    const evaluations = (await reviewer.request({ method: 'GET', url: '/api/periods/2024-03/evaluations' })).json() as Assessment[];
    assert.equal(evaluations.length, 29);
    const mine = evaluations.find((e) => e.unitId === unit.id)!;
    assert.equal(mine.state, 'submitted');
    assert.equal(mine.categories[1]!.evidenceUrl, 'https://syt.bacninh.gov.vn/chuyen-muc-2');
    assert.equal((await editor.request({ method: 'GET', url: '/api/periods/2024-03/evaluations' })).statusCode, 403);

    const deducted = await reviewer.request({
      method: 'PUT',
      url: `/api/periods/2024-03/units/${unit.id}/deductions`,
      payload: { deductions: [{ points: 1.5, reason: 'Một số câu trả lời PAKN quá hạn' }, { points: 1, reason: 'Thiếu minh chứng' }], version: mine.version },
    });
    assert.equal(deducted.statusCode, 200, deducted.body);
    assert.equal(deducted.json().score, 97.5);
    assert.equal(deducted.json().state, 'reviewed');

    // Publish: locked, numbered as the year's next notice, files stored.
    assert.equal((await editor.request({ method: 'POST', url: '/api/periods/2024-03/publish', payload: {} })).statusCode, 403);
    // The 28 units that never sent their self-assessment stop the publication until the board decides.
    const refused = await reviewer.request({ method: 'POST', url: '/api/periods/2024-03/publish', payload: { date: '2024-03-27' } });
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().error.code, 'units_not_reported');
    assert.equal(refused.json().error.details.units.length, 28);
    assert.ok(!refused.json().error.details.units.some((u: { unitId: string }) => u.unitId === unit.id));
    // The preview shows the checklist and the notice; publishing fixes exactly that.
    const preview = await reviewer.request({
      method: 'POST',
      url: '/api/periods/2024-03/publish/preview',
      payload: { date: '2024-03-27', notReported: 'apply-rule' },
    });
    assert.equal(preview.statusCode, 200, preview.body);
    const shown = preview.json() as { number: string; fingerprint: string; checklist: { notReported: unknown[] }; files: { pdf: { base64: string } } };
    assert.equal(shown.number, '03/BBT-CTTĐT');
    assert.equal(shown.checklist.notReported.length, 28);
    assert.equal(Buffer.from(shown.files.pdf.base64, 'base64').subarray(0, 5).toString('latin1'), '%PDF-');
    const stalePreview = await reviewer.request({
      method: 'POST',
      url: '/api/periods/2024-03/publish',
      payload: { date: '2024-03-28', notReported: 'apply-rule', fingerprint: shown.fingerprint },
    });
    assert.equal(stalePreview.json().error.code, 'preview_stale');
    const published = await reviewer.request({
      method: 'POST',
      url: '/api/periods/2024-03/publish',
      payload: { date: '2024-03-27', notReported: 'apply-rule', fingerprint: shown.fingerprint },
    });
    assert.equal(published.statusCode, 200, published.body);
    assert.deepEqual([published.json().status, published.json().noticeNumber, published.json().revision], ['published', '03/BBT-CTTĐT', 0]);
    const locked = await reviewer.request({
      method: 'PUT',
      url: `/api/periods/2024-03/units/${unit.id}/deductions`,
      payload: { deductions: [], version: deducted.json().version },
    });
    assert.equal(locked.json().error.code, 'period_locked');

    // Now public: the viewer reads the ranking with the deduction marked.
    const ranking = await viewer.request({ method: 'GET', url: '/api/periods/2024-03/ranking' });
    assert.equal(ranking.statusCode, 200);
    const row = ranking.json().groups.flatMap((g: { units: { id: string }[] }) => g.units).find((u: { id: string }) => u.id === unit.id);
    assert.deepEqual([row.score, row.selfScore, row.articles, row.reported], [97.5, 98, 42, true]);
    const units = ranking.json().groups.flatMap((g: { units: unknown[] }) => g.units) as { id: string; reported: boolean; score: number; none: number; categories: number; deductions: { reason: string }[] }[];
    const silent = units.filter((u) => !u.reported);
    assert.equal(silent.length, 28);
    // Nobody who stayed silent keeps full marks: every category counts as not updated, itemised.
    for (const u of silent) {
      assert.ok(u.score < 100);
      assert.equal(u.none, u.categories);
      assert.match(u.deductions[0]!.reason, /^Không gửi tự đánh giá \(\d{2} chuyên mục tính là không cập nhật\)$/u);
    }
    assert.equal(ranking.json().deducted.length, 29);
    assert.deepEqual(JSON.parse((await viewer.request({ method: 'GET', url: '/api/periods/2024-03/revisions/0' })).body), ranking.json());

    const docx = await viewer.request({ method: 'GET', url: '/api/periods/2024-03/notice.docx' });
    assert.equal(docx.statusCode, 200);
    assert.match(docx.headers['content-disposition'] as string, /^attachment;/);
    assert.equal(docx.rawPayload.subarray(0, 2).toString('latin1'), 'PK');

    // Correction: a new revision with its reason; revision 0 stays readable as published.
    const corrected = await reviewer.request({
      method: 'POST',
      url: '/api/periods/2024-03/corrections',
      payload: { reason: 'Đơn vị chứng minh đã trả lời đúng hạn', unitId: unit.id, deductions: [{ points: 1, reason: 'Thiếu minh chứng' }] },
    });
    assert.equal(corrected.statusCode, 201, corrected.body);
    assert.equal(corrected.json().revision, 1);
    const current = (await viewer.request({ method: 'GET', url: '/api/periods/2024-03/ranking' })).json();
    const first = (await viewer.request({ method: 'GET', url: '/api/periods/2024-03/revisions/0' })).json();
    const scoreOf = (report: { groups: { units: { id: string; score: number }[] }[] }) =>
      report.groups.flatMap((g) => g.units).find((u) => u.id === unit.id)!.score;
    assert.equal(scoreOf(current), 99);
    assert.equal(scoreOf(first), 97.5);
    const revisions = (await viewer.request({ method: 'GET', url: '/api/periods/2024-03/revisions' })).json() as { revision: number; reason: string | null }[];
    assert.deepEqual(revisions.map((r) => [r.revision, r.reason]), [[0, null], [1, 'Đơn vị chứng minh đã trả lời đúng hạn']]);
    const oldFile = await viewer.request({ method: 'GET', url: '/api/periods/2024-03/notice.xlsx?revision=0' });
    const newFile = await viewer.request({ method: 'GET', url: '/api/periods/2024-03/notice.xlsx' });
    assert.equal(oldFile.statusCode, 200);
    assert.notDeepEqual(oldFile.rawPayload, newFile.rawPayload);

    // History of the unit: both months, with rank and scores.
    const history = (await viewer.request({ method: 'GET', url: `/api/units/${unit.id}/history` })).json() as { period: string; score: number; rank: number }[];
    assert.deepEqual(history.map((h) => [h.period, h.score]), [['2024-02', 100], ['2024-03', 99]]);

    // The audit log holds every step, with who and what before and after; admins only.
    assert.equal((await reviewer.request({ method: 'GET', url: '/api/audit' })).statusCode, 403);
    const audit = (await admin.request({ method: 'GET', url: '/api/audit?limit=100' })).json() as {
      total: number;
      entries: { entity: string; action: string; username: string; before: unknown; after: unknown }[];
    };
    const actions = audit.entries.map((e) => `${e.entity}:${e.action}:${e.username}`).reverse();
    for (const expected of [
      'group:update:admin',
      'period:open:reviewer',
      'self-assessment:save:editor',
      'self-assessment:submit:editor',
      'period:review:reviewer',
      'deductions:set:reviewer',
      'period:publish:reviewer',
      'deductions:correct:reviewer',
    ]) {
      assert.ok(actions.includes(expected), `${expected} in ${actions.join(', ')}`);
    }
    const correction = audit.entries.find((e) => e.action === 'correct')!;
    assert.deepEqual(correction.before, { revision: 0, deductions: [{ points: 1.5, reason: 'Một số câu trả lời PAKN quá hạn' }, { points: 1, reason: 'Thiếu minh chứng' }] });
    const filtered = (await admin.request({ method: 'GET', url: '/api/audit?entity=self-assessment' })).json() as { total: number };
    assert.equal(filtered.total, 2);
  } finally {
    await app.close();
  }
});
