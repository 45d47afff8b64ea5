/**
 * Categories are fixed per period: naming or changing a group's categories while a period is open
 * never blocks that period's editors; the new list applies to periods opened later, and to the open
 * one only when the board applies it while no unit of the group has entered anything.
 */
import assert from 'node:assert/strict';
import { cliActor, type Actor } from '../../src/services/audit.js';
import { loadDemo } from '../../src/services/demo.js';
import { applyGroupListToPeriod, periodListOffers } from '../../src/services/period-categories.js';
import { changeGroup, listGroups, listUnits } from '../../src/services/registry.js';
import { openPeriod } from '../../src/services/review.js';
import { getSelfAssessment, saveSelfAssessment } from '../../src/services/self-assessment.js';
import { dbTest, type TestDatabase } from '../helpers/db.js';

const NOW = new Date('2024-03-10T09:00:00+07:00');
const FAR = '2999-01-01T00:00:00Z';
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

async function setUp(db: TestDatabase) {
  const { province } = await loadDemo(db.db);
  const admin = cliActor(province.id);
  const groups = await listGroups(db.db, province.id);
  const units = await listUnits(db.db, province.id);
  const departments = groups[0]!;
  const districts = groups[1]!;
  const editorOf = (unitName: string): { actor: Actor; unitId: string } => {
    const unit = units.find((u) => u.name === unitName)!;
    return { actor: { userId: null, username: `bt-${unit.id}`, provinceId: province.id, role: 'unit-editor', unitId: unit.id }, unitId: unit.id };
  };
  return { province, admin, departments, districts, editorOf };
}

dbTest('a registry change during an open period never blocks its editors; the new list applies to later periods', async (db) => {
  const { admin, departments, editorOf } = await setUp(db);
  // The board names the departments' 19 categories once, then opens the month.
  const listA = names('Chuyên mục', 19);
  await changeGroup(db.db, admin, departments.id, { categories: listA });
  await openPeriod(db.db, admin, { id: '2024-03', deadline: FAR }, NOW);

  const { actor, unitId } = editorOf('Thanh tra tỉnh');
  const form = await getSelfAssessment(db.db, actor, '2024-03', unitId);
  assert.deepEqual(form.categories.map((c) => c.name), listA);
  const answer = (list: string[]) =>
    list.map((name, i) => ({ name, status: i === 0 ? ('partial' as const) : ('full' as const), evidenceUrl: `https://thanhtra.bacninh.gov.vn/${i + 1}` }));
  const first = await saveSelfAssessment(db.db, actor, '2024-03', unitId, { categories: answer(listA), articles: 160, selfScore: 98, version: form.version }, NOW);
  assert.equal(first.partial, 1);

  // While the period is open the board adds a category to the group's list.
  const listB = [...listA, 'Thông tin đấu thầu, mua sắm công'];
  const changed = await changeGroup(db.db, admin, departments.id, { categories: listB });
  assert.equal(changed.requiredCount, 20);

  // The editor still fills in the period's list: saved, not blocked.
  const again = await saveSelfAssessment(db.db, actor, '2024-03', unitId, { categories: answer(listA), articles: 161, selfScore: 98, version: first.version }, NOW);
  assert.deepEqual(
    { required: again.required, full: again.full, partial: again.partial, articles: again.articles, names: again.categories.map((c) => c.name) },
    { required: 19, full: 18, partial: 1, articles: 161, names: listA },
  );
  // Another unit of the group, which has not saved yet, saves with the period's list too.
  const other = editorOf('Sở Y tế');
  const otherForm = await getSelfAssessment(db.db, other.actor, '2024-03', other.unitId);
  assert.deepEqual(otherForm.categories.map((c) => c.name), listA);
  await saveSelfAssessment(db.db, other.actor, '2024-03', other.unitId, { categories: answer(listA), articles: 69, selfScore: 98, version: otherForm.version }, NOW);

  // The board is told the open period keeps the old list, and why; applying it is refused.
  const [offer, ...more] = await periodListOffers(db.db, admin, departments.id);
  assert.equal(more.length, 0);
  assert.deepEqual(
    { period: offer!.period, canApply: offer!.canApply, saved: [...offer!.saved].sort(), periodCount: offer!.periodCategories.length, groupCount: offer!.groupCategories.length },
    { period: '2024-03', canApply: false, saved: ['Sở Y tế', 'Thanh tra tỉnh'], periodCount: 19, groupCount: 20 },
  );
  assert.equal(
    offer!.message,
    `Kỳ 03/2024 giữ danh sách cũ vì đã có 02 đơn vị nhập phiếu (${offer!.saved.join(', ')}); danh sách mới áp dụng từ kỳ mở sau.`,
  );
  await assert.rejects(applyGroupListToPeriod(db.db, admin, departments.id, '2024-03'), { code: 'conflict', message: offer!.message });

  // The next period opens with the new list.
  await openPeriod(db.db, admin, { id: '2024-04', deadline: FAR }, NOW);
  const next = await getSelfAssessment(db.db, actor, '2024-04', unitId);
  assert.deepEqual({ required: next.required, none: next.none, names: next.categories.map((c) => c.name) }, { required: 20, none: 20, names: listB });
  // The march period still has its own list for the new month's comparison.
  assert.deepEqual((await periodListOffers(db.db, admin, departments.id)).map((o) => o.period), ['2024-03']);
});

dbTest('the board applies a new list to the open period while nobody has entered anything; a form open on the old list is told to reload', async (db) => {
  const { admin, districts, editorOf } = await setUp(db);
  await openPeriod(db.db, admin, { id: '2024-03', deadline: FAR }, NOW);
  const { actor, unitId } = editorOf('Huyện Tiên Du');
  const old = await getSelfAssessment(db.db, actor, '2024-03', unitId);
  assert.deepEqual({ required: old.required, categories: old.categories.length }, { required: 22, categories: 0 });

  // The districts were known by count only; the board names their 22 categories during the period.
  const list = names('Mục', 22);
  await changeGroup(db.db, admin, districts.id, { categories: list });
  const [offer] = await periodListOffers(db.db, admin, districts.id);
  assert.equal(offer!.canApply, true);
  assert.match(offer!.message, /^Kỳ 03\/2024 đang mở với danh sách cũ \(chuyên mục chỉ tính theo số lượng\); chưa đơn vị nào của nhóm nhập phiếu/);

  const editor: Actor = { ...actor };
  await assert.rejects(applyGroupListToPeriod(db.db, editor, districts.id, '2024-03'), { code: 'forbidden' });
  const applied = await applyGroupListToPeriod(db.db, admin, districts.id, '2024-03');
  assert.deepEqual(applied.periodCategories, list);
  assert.deepEqual(await periodListOffers(db.db, admin, districts.id), []);

  // The form still open on counts is stale: the editor reloads and fills in the named list.
  await assert.rejects(
    saveSelfAssessment(db.db, actor, '2024-03', unitId, { counts: { full: 22, partial: 0, none: 0 }, articles: 63, selfScore: 100, version: old.version }, NOW),
    { code: 'stale_version' },
  );
  const fresh = await getSelfAssessment(db.db, actor, '2024-03', unitId);
  assert.deepEqual(fresh.categories.map((c) => c.name), list);
  const saved = await saveSelfAssessment(
    db.db,
    actor,
    '2024-03',
    unitId,
    { categories: list.map((name) => ({ name, status: 'full' as const, evidenceUrl: null })), articles: 63, selfScore: 100, version: fresh.version },
    NOW,
  );
  assert.equal(saved.full, 22);

  // A form sent with a list the period does not have is told, in an editor's words, what to do.
  await assert.rejects(
    saveSelfAssessment(db.db, actor, '2024-03', unitId, { categories: names('Khác', 22).map((name) => ({ name, status: 'full' as const, evidenceUrl: null })), articles: 63, selfScore: 100, version: saved.version }, NOW),
    (error: Error) => /Hãy tải lại trang để đánh giá theo danh sách của kỳ/.test(error.message) && !/nhóm/.test(error.message),
  );
});

dbTest('a unit whose categories are known only by number attaches its evidence links to the form', async (db) => {
  const { admin, editorOf } = await setUp(db);
  await openPeriod(db.db, admin, { id: '2024-03', deadline: FAR }, NOW);
  const { actor, unitId } = editorOf('Thị xã Quế Võ');
  const form = await getSelfAssessment(db.db, actor, '2024-03', unitId);
  assert.deepEqual(form.evidenceUrls, []);
  const links = ['https://quevo.bacninh.gov.vn/tin-tuc', 'https://quevo.bacninh.gov.vn/van-ban'];
  const saved = await saveSelfAssessment(
    db.db,
    actor,
    '2024-03',
    unitId,
    { counts: { full: 21, partial: 1, none: 0 }, evidenceUrls: links, articles: 127, selfScore: 98, version: form.version },
    NOW,
  );
  assert.deepEqual(saved.evidenceUrls, links);
  // A save that does not mention them keeps them.
  const kept = await saveSelfAssessment(db.db, actor, '2024-03', unitId, { counts: { full: 22, partial: 0, none: 0 }, articles: 127, selfScore: 100, version: saved.version }, NOW);
  assert.deepEqual(kept.evidenceUrls, links);
});

dbTest('category names that JSON must escape, and more than nine of them, come back from a save exactly and in the period order', async (db) => {
  const { admin, departments, editorOf } = await setUp(db);
  // A save reads its categories as a JSON array built by the database: quotes, a backslash, markup,
  // an emoji and composed Vietnamese must come back as written, and position 10 after position 9.
  const hostile = ['Tin "nổi bật"', 'Văn bản \\ quy phạm', '</script><b>Thông báo</b>', 'Ảnh 📷 hoạt động', 'Hỏi – đáp', "Lịch công tác' OR 1=1", ...names('Chuyên mục', 6)];
  await changeGroup(db.db, admin, departments.id, { categories: hostile });
  await openPeriod(db.db, admin, { id: '2024-03', deadline: FAR }, NOW);
  const { actor, unitId } = editorOf('Thanh tra tỉnh');
  const form = await getSelfAssessment(db.db, actor, '2024-03', unitId);
  assert.deepEqual(form.categories.map((c) => c.name), hostile);
  const answer = hostile.map((name, i) => ({ name, status: i === 9 ? ('none' as const) : ('full' as const), evidenceUrl: i === 0 ? 'https://thanhtra.bacninh.gov.vn/?q="a"&b=\\' : null }));
  const first = await saveSelfAssessment(db.db, actor, '2024-03', unitId, { categories: answer, articles: 12, selfScore: 98, version: form.version }, NOW);
  // The second save reads what the first stored, through the JSON array.
  const second = await saveSelfAssessment(db.db, actor, '2024-03', unitId, { categories: answer, articles: 13, selfScore: 98, version: first.version }, NOW);
  const expected = answer.map((a) => ({ name: a.name, status: a.status, evidenceUrl: a.evidenceUrl }));
  assert.deepEqual(second.categories, expected);
  assert.deepEqual({ full: second.full, partial: second.partial, none: second.none }, { full: 11, partial: 0, none: 1 });
  assert.deepEqual((await getSelfAssessment(db.db, actor, '2024-03', unitId)).categories, expected);
});
