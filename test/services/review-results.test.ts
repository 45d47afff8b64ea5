import assert from 'node:assert/strict';
import { type Actor, cliActor, listAudit } from '../../src/services/audit.js';
import { loadDemo } from '../../src/services/demo.js';
import { proposalsForPeriod } from '../../src/services/proposals.js';
import { previewPublish, publish } from '../../src/services/publishing.js';
import { changeGroup, listGroups, listUnits } from '../../src/services/registry.js';
import { getPeriodReport } from '../../src/services/report.js';
import { acceptAllProposals, changeReview, getPeriodReview, recordFinding, withdrawFinding } from '../../src/services/review-results.js';
import { listEvaluations, openPeriod, startReview } from '../../src/services/review.js';
import { saveSelfAssessment, submitSelfAssessment } from '../../src/services/self-assessment.js';
import { dbTest, type TestDatabase } from '../helpers/db.js';

const CATEGORIES = Array.from({ length: 19 }, (_, i) => `Chuyên mục ${i + 1}`);
const code = (expected: string) => (e: unknown) => (e as { code?: string }).code === expected;

/**
 * A month under review: the demo's 29 units, the first group's 19 categories named; Thanh tra
 * tỉnh reports 18 full and 1 partial, the 28 others never report; the board starts the review.
 */
async function month(db: TestDatabase, options: { review?: boolean } = {}) {
  const { province } = await loadDemo(db.db);
  const admin = cliActor(province.id);
  const [first] = await listGroups(db.db, province.id);
  await changeGroup(db.db, admin, first!.id, { categories: CATEGORIES });
  await openPeriod(db.db, admin, { id: '2024-03', deadline: '2999-01-01T00:00:00Z' });
  const units = await listUnits(db.db, province.id);
  const unit = (name: string) => units.find((u) => u.name === name)!;
  const thanhTra = unit('Thanh tra tỉnh');
  const editor: Actor = { userId: null, username: 'bt.thanhtra', provinceId: province.id, role: 'unit-editor', unitId: thanhTra.id };
  const [own] = (await listEvaluations(db.db, admin, '2024-03')).filter((e) => e.unitId === thanhTra.id);
  const saved = await saveSelfAssessment(db.db, editor, '2024-03', thanhTra.id, {
    version: own!.version,
    categories: CATEGORIES.map((name, i) => ({ name, status: i === 18 ? 'partial' : 'full', evidenceUrl: `https://thanhtra.bacninh.gov.vn/${i + 1}` })),
    articles: 42,
    selfScore: 100,
  });
  await submitSelfAssessment(db.db, editor, '2024-03', thanhTra.id, { version: saved.version });
  if (options.review !== false) await startReview(db.db, admin, '2024-03');
  return { province, admin, editor, unit, thanhTra };
}

dbTest('the review shows each unit computed: the reporting unit from its statuses, the others as not reported', async (db) => {
  const { admin, thanhTra, unit } = await month(db);
  const review = await getPeriodReview(db.db, admin, '2024-03');
  assert.equal(review.units.length, 29);
  const tt = review.units.find((u) => u.unitId === thanhTra.id)!;
  assert.equal(tt.status, 'reported');
  assert.equal(tt.score, 98);
  assert.deepEqual(
    tt.deductions.map((d) => [d.key, d.points, d.reason, d.originLabel]),
    [['categories:partial', 2, '01 chuyên mục cập nhật không đầy đủ', 'Chuyên mục không đầy đủ (tự đánh giá)']],
  );
  assert.deepEqual(tt.counts, { full: 18, partial: 1, none: 0 });
  assert.equal(tt.categories[0]!.evidenceUrl, 'https://thanhtra.bacninh.gov.vn/1');

  const notReported = review.units.filter((u) => u.unitId !== thanhTra.id);
  assert.equal(notReported.length, 28);
  for (const u of notReported) {
    assert.equal(u.status, 'not-reported', u.unitName);
    assert.equal(u.statusLabel, 'Không gửi tự đánh giá');
    assert.equal(u.selfScore, null);
    assert.ok(u.score < 100, `${u.unitName} is never at full marks: ${u.score}`);
    assert.deepEqual(u.deductions.map((d) => d.origin.kind), ['not-reported']);
  }
  const yTe = review.units.find((u) => u.unitId === unit('Sở Y tế').id)!;
  assert.deepEqual(yTe.deductions.map((d) => [d.points, d.reason]), [[95, 'Không gửi tự đánh giá (19 chuyên mục tính là không cập nhật)']]);

  // The board's view only.
  await assert.rejects(getPeriodReview(db.db, { ...admin, role: 'viewer' }, '2024-03'), code('forbidden'));
});

dbTest('a status or a deduction changed where the evidence says otherwise: with its reason, stored, audited, in the notice', async (db) => {
  const { admin, editor, thanhTra } = await month(db);
  const before = (await getPeriodReview(db.db, admin, '2024-03')).units.find((u) => u.unitId === thanhTra.id)!;

  await assert.rejects(changeReview(db.db, admin, '2024-03', thanhTra.id, { version: before.version, why: '  ', categories: [{ position: 19, status: 'full' }] }), code('validation'));
  await assert.rejects(changeReview(db.db, editor, '2024-03', thanhTra.id, { version: before.version, why: 'x', categories: [{ position: 19, status: 'full' }] }), code('forbidden'));
  await assert.rejects(changeReview(db.db, admin, '2024-03', thanhTra.id, { version: before.version + 1, why: 'x', categories: [{ position: 19, status: 'full' }] }), code('stale_version'));
  await assert.rejects(changeReview(db.db, admin, '2024-03', thanhTra.id, { version: before.version, why: 'x', categories: [{ position: 20, status: 'full' }] }), code('validation'));

  // Category 3 links to a page with nothing new this month: the board counts it not updated.
  const changed = await changeReview(db.db, admin, '2024-03', thanhTra.id, {
    version: before.version,
    why: 'Trang minh chứng không có tin mới trong tháng',
    categories: [{ position: 3, status: 'none' }],
  });
  assert.equal(changed.categories[2]!.reviewed, 'none');
  assert.equal(changed.categories[2]!.reviewReason, 'Trang minh chứng không có tin mới trong tháng');
  assert.deepEqual(changed.deductions.map((d) => [d.points, d.reason, d.originLabel]), [
    [2, '01 chuyên mục cập nhật không đầy đủ', 'Chuyên mục không đầy đủ (tự đánh giá)'],
    [5, '01 chuyên mục không cập nhật', 'Chuyên mục không cập nhật (Ban Biên tập)'],
  ]);
  assert.equal(changed.score, 93);

  // The partial category's deduction lowered by the board, with its wording for the notice.
  const lowered = await changeReview(db.db, admin, '2024-03', thanhTra.id, {
    version: changed.version,
    why: 'Đơn vị đã bổ sung trong tháng',
    deductions: [{ key: 'categories:partial', points: 1, reason: 'Chuyên mục Lịch công tác cập nhật chậm' }],
  });
  const partial = lowered.deductions.find((d) => d.key === 'categories:partial')!;
  assert.deepEqual([partial.points, partial.reason, partial.changed], [1, 'Chuyên mục Lịch công tác cập nhật chậm', { computedPoints: 2, computedReason: '01 chuyên mục cập nhật không đầy đủ', why: 'Đơn vị đã bổ sung trong tháng' }]);
  assert.equal(lowered.score, 94);
  await assert.rejects(
    changeReview(db.db, admin, '2024-03', thanhTra.id, { version: lowered.version, why: 'x', deductions: [{ key: 'pakn', points: 1, reason: 'x' }] }),
    code('validation'),
  );

  // Back to the unit's own status: the change goes, the deduction with it.
  const back = await changeReview(db.db, admin, '2024-03', thanhTra.id, { version: lowered.version, why: 'Đã kiểm tra lại', categories: [{ position: 3, status: 'full' }] });
  assert.equal(back.categories[2]!.reviewed, null);
  assert.equal(back.score, 99);

  const audit = await listAudit(db.db, admin, { entity: 'review', limit: 10, offset: 0 });
  assert.equal(audit.total, 3);
  const first = audit.entries.at(-1)!;
  assert.equal(first.entityLabel, 'Rà soát kết quả');
  assert.equal(first.actionLabel, 'Đổi theo minh chứng');
  assert.match(JSON.stringify(first.after), /Trang minh chứng không có tin mới trong tháng/);
  assert.match(JSON.stringify(first.after), /Chuyên mục 3: không cập nhật/);

  // The notice says what the board decided.
  const preview = await previewPublish(db.db, admin, '2024-03', { notReported: 'apply-rule', date: '2024-04-05' });
  const row = preview.report.groups.flatMap((g) => g.units).find((u) => u.id === thanhTra.id)!;
  assert.equal(row.score, 99);
  assert.deepEqual(row.deductions, [{ points: 1, reason: 'Chuyên mục Lịch công tác cập nhật chậm' }]);
  await publish(db.db, admin, '2024-03', { notReported: 'apply-rule', date: '2024-04-05', fingerprint: preview.fingerprint });
  const report = await getPeriodReport(db.db, admin.provinceId, '2024-03');
  assert.equal(report.groups.flatMap((g) => g.units).find((u) => u.id === thanhTra.id)!.score, 99);
  await assert.rejects(changeReview(db.db, admin, '2024-03', thanhTra.id, { version: back.version + 5, why: 'x', categories: [{ position: 3, status: 'none' }] }), code('period_locked'));
});

dbTest('a change waits for the review: refused while self-assessment is open', async (db) => {
  const { admin, thanhTra } = await month(db, { review: false });
  const [own] = (await listEvaluations(db.db, admin, '2024-03')).filter((e) => e.unitId === thanhTra.id);
  await assert.rejects(changeReview(db.db, admin, '2024-03', thanhTra.id, { version: own!.version, why: 'x', categories: [{ position: 1, status: 'none' }] }), code('conflict'));
});

dbTest("the board's finding for a unit that did not report makes it reported by the board, not by the rule; withdrawn, it did not report again", async (db) => {
  const { admin, editor, unit, thanhTra } = await month(db);
  const yTe = unit('Sở Y tế');
  const tienDu = unit('Huyện Tiên Du');
  const review = await getPeriodReview(db.db, admin, '2024-03');
  const version = (id: string) => review.units.find((u) => u.unitId === id)!.version;

  await assert.rejects(
    changeReview(db.db, admin, '2024-03', yTe.id, { version: version(yTe.id), why: 'x', categories: [{ position: 1, status: 'full' }] }),
    code('conflict'),
  );
  await assert.rejects(recordFinding(db.db, admin, '2024-03', thanhTra.id, { version: version(thanhTra.id), why: 'x' }), code('conflict'));

  // Named categories: those the board found kept up; the others count as not updated.
  const found = await recordFinding(db.db, admin, '2024-03', yTe.id, {
    version: version(yTe.id),
    why: 'Ban Biên tập kiểm tra trực tiếp trên cổng của Sở',
    categories: CATEGORIES.map((_, i) => ({ position: i + 1, status: i < 17 ? 'full' : i === 17 ? 'partial' : 'none' })),
  });
  assert.equal(found.status, 'finding');
  assert.deepEqual(found.finding, { reason: 'Ban Biên tập kiểm tra trực tiếp trên cổng của Sở' });
  assert.deepEqual(found.deductions.map((d) => [d.points, d.reason, d.originLabel]), [
    [2, '01 chuyên mục cập nhật không đầy đủ', 'Chuyên mục không đầy đủ (Ban Biên tập)'],
    [5, '01 chuyên mục không cập nhật', 'Chuyên mục không cập nhật (Ban Biên tập)'],
  ]);
  assert.equal(found.score, 93);

  // A group known by counts: the counts must add up to the required number.
  await assert.rejects(
    recordFinding(db.db, admin, '2024-03', tienDu.id, { version: version(tienDu.id), why: 'x', counts: { full: 1, partial: 0, none: 0 } }),
    code('validation'),
  );
  const counted = await recordFinding(db.db, admin, '2024-03', tienDu.id, { version: version(tienDu.id), why: 'Kiểm tra trên cổng huyện', counts: { full: 22, partial: 0, none: 0 } });
  assert.equal(counted.status, 'finding');
  assert.equal(counted.score, 100);

  const preview = await previewPublish(db.db, admin, '2024-03', {});
  assert.equal(preview.checklist.notReported.length, 26);
  assert.ok(!preview.checklist.notReported.some((u) => u.unitId === yTe.id || u.unitId === tienDu.id));

  // Its proposals are the board's finding, never labelled as the unit's own assessment.
  const proposals = await proposalsForPeriod(db.db, admin, '2024-03');
  const yTeProposals = proposals.units.find((u) => u.unitId === yTe.id)!;
  assert.equal(yTeProposals.reporting, 'finding');
  assert.deepEqual(yTeProposals.proposals.map((p) => (p.origin.kind === 'categories' ? p.origin.sources : [])), [['reviewer'], ['reviewer']]);
  const silent = proposals.units.find((u) => u.unitName === 'Sở Tư pháp')!;
  assert.equal(silent.reporting, 'not-reported');
  assert.deepEqual(silent.proposals, []);
  assert.match(silent.checks[0]!, /^Không gửi tự đánh giá/);

  // A finding recorded by mistake is withdrawn with its reason: the unit did not report again.
  await assert.rejects(withdrawFinding(db.db, editor, '2024-03', yTe.id, { version: found.version, why: 'x' }), code('forbidden'));
  await assert.rejects(withdrawFinding(db.db, admin, '2024-03', yTe.id, { version: found.version, why: '  ' }), code('validation'));
  await assert.rejects(withdrawFinding(db.db, admin, '2024-03', yTe.id, { version: found.version - 1, why: 'x' }), code('stale_version'));
  await assert.rejects(withdrawFinding(db.db, admin, '2024-03', thanhTra.id, { version: version(thanhTra.id), why: 'x' }), code('conflict'));
  const withdrawn = await withdrawFinding(db.db, admin, '2024-03', yTe.id, { version: found.version, why: 'Ghi nhầm đơn vị' });
  assert.equal(withdrawn.status, 'not-reported');
  assert.equal(withdrawn.finding, null);
  assert.ok(withdrawn.categories.every((c) => c.reviewed === null));
  await assert.rejects(withdrawFinding(db.db, admin, '2024-03', yTe.id, { version: withdrawn.version, why: 'x' }), code('conflict'));
  const again = await previewPublish(db.db, admin, '2024-03', {});
  assert.equal(again.checklist.notReported.length, 27);
  assert.ok(again.checklist.notReported.some((u) => u.unitId === yTe.id));
  const [entry] = (await listAudit(db.db, admin, { entity: 'review', limit: 1, offset: 0 })).entries;
  assert.equal(entry!.actionLabel, 'Rút kết luận của Ban Biên tập');
  assert.match(JSON.stringify(entry!.before), /Kết luận của Ban Biên tập: Ban Biên tập kiểm tra trực tiếp trên cổng của Sở/);
  assert.match(JSON.stringify(entry!.after), /Ghi nhầm đơn vị/);
});

dbTest('accepting every proposal at once, except the units listed, confirms each with its computed deductions', async (db) => {
  const { admin, editor, unit, thanhTra } = await month(db);
  const yTe = unit('Sở Y tế');
  const tuPhap = unit('Sở Tư pháp');
  const review = await getPeriodReview(db.db, admin, '2024-03');
  const version = (id: string) => review.units.find((u) => u.unitId === id)!.version;
  for (const id of [yTe.id, tuPhap.id]) {
    await recordFinding(db.db, admin, '2024-03', id, { version: version(id), why: 'Kiểm tra trên cổng', categories: [{ position: 1, status: 'full' }] });
  }
  await assert.rejects(acceptAllProposals(db.db, editor, '2024-03', {}), code('forbidden'));
  await assert.rejects(acceptAllProposals(db.db, admin, '2024-03', { except: ['khong-co'] }), code('validation'));

  const done = await acceptAllProposals(db.db, admin, '2024-03', { except: [tuPhap.id] });
  assert.deepEqual(done.accepted.map((u) => u.unitName), ['Thanh tra tỉnh', 'Sở Y tế']);
  assert.deepEqual(done.excepted.map((u) => u.unitName), ['Sở Tư pháp']);
  assert.equal(done.notReported.length, 26);
  assert.deepEqual(done.alreadyConfirmed, []);

  const after = await getPeriodReview(db.db, admin, '2024-03');
  const tt = after.units.find((u) => u.unitId === thanhTra.id)!;
  assert.equal(tt.confirmed, true);
  assert.equal(tt.state, 'reviewed');
  assert.equal(tt.score, 98);
  assert.deepEqual(tt.deductions.map((d) => d.origin.kind), ['categories']);
  assert.equal(after.units.find((u) => u.unitId === tuPhap.id)!.confirmed, false);
  const again = await acceptAllProposals(db.db, admin, '2024-03', {});
  assert.deepEqual(again.accepted.map((u) => u.unitName), ['Sở Tư pháp']);
  assert.equal(again.alreadyConfirmed.length, 2);

  // A change to a confirmed unit opens it again: its result is computed from the new evidence.
  const reopened = await changeReview(db.db, admin, '2024-03', thanhTra.id, { version: tt.version, why: 'Đã bổ sung', categories: [{ position: 19, status: 'full' }] });
  assert.equal(reopened.confirmed, false);
  assert.equal(reopened.score, 100);

  const audit = await listAudit(db.db, admin, { entity: 'period', limit: 50, offset: 0 });
  const accepted = audit.entries.filter((e) => e.action === 'accept-proposals');
  assert.equal(accepted.length, 2);
  assert.equal(accepted.at(-1)!.actionLabel, 'Chấp nhận mọi đề xuất (trừ các đơn vị ngoại lệ)');
  assert.match(JSON.stringify(accepted.at(-1)!.after), /Sở Tư pháp/);
});
