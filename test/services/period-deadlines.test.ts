/**
 * Opening a period proposes a self-assessment deadline a rule-set number of working days after
 * today (holidays and announced days off skipped), names a chosen deadline that is already past,
 * and tells an editor whose deadline passed whom to ask.
 */
import assert from 'node:assert/strict';
import { cliActor, type Actor } from '../../src/services/audit.js';
import { setDayChange } from '../../src/services/calendar.js';
import { loadDemo } from '../../src/services/demo.js';
import { listUnits } from '../../src/services/registry.js';
import { getVisiblePeriod, openingProposal, openPeriod, setDeadline } from '../../src/services/review.js';
import { createRuleSet } from '../../src/services/rules.js';
import { importSettings } from '../../src/services/settings.js';
import { saveSelfAssessment } from '../../src/services/self-assessment.js';
import { dbTest } from '../helpers/db.js';

// Thursday 25/04/2024, 10:00 in Vietnam: 30/04 and 01/05 are public holidays.
const NOW = new Date('2024-04-25T10:00:00+07:00');
const endOfDay = (day: string) => new Date(`${day}T23:59:59.999+07:00`).toISOString();

dbTest('the proposed deadline counts the rule set\'s working days from today, skipping holidays and announced days off', async (db) => {
  const { province } = await loadDemo(db.db);
  const admin = cliActor(province.id);

  // Default five working days: Fri 26, Mon 29, (30/04 and 01/05 off) Thu 02, Fri 03, Mon 06/05.
  const proposal = await openingProposal(db.db, admin, '2024-04', NOW);
  assert.deepEqual(proposal, { period: '2024-04', deadline: endOfDay('2024-05-06'), workingDays: 5, today: '2024-04-25', periodEnd: '2024-04-22' });

  // The board's rule set for the period says two; then the government gives Monday 29/04 off.
  await createRuleSet(db.db, admin, { effectiveFrom: '2024-04-01', note: 'Quyết định số 12/QĐ-BBT', values: { deadlineWorkingDays: 2 } });
  assert.equal((await openingProposal(db.db, admin, '2024-04', NOW)).deadline, endOfDay('2024-04-29'));
  await setDayChange(db.db, admin, { date: '2024-04-29', kind: 'off', note: 'Hoán đổi ngày làm việc dịp 30/4' });
  assert.equal((await openingProposal(db.db, admin, '2024-04', NOW)).deadline, endOfDay('2024-05-02'));

  // Only the board is proposed deadlines.
  const [unit] = await listUnits(db.db, province.id);
  const editor: Actor = { userId: null, username: 'bien-tap', provinceId: province.id, role: 'unit-editor', unitId: unit!.id };
  await assert.rejects(openingProposal(db.db, editor, '2024-04', NOW), { code: 'forbidden' });
});

dbTest('opening a past month without a deadline takes the proposal; a past deadline is named, never silent', async (db) => {
  const { province } = await loadDemo(db.db);
  const admin = cliActor(province.id);

  // 03/2024 ended on 22/03; opened on 25/04 it is still open for five working days.
  const opened = await openPeriod(db.db, admin, { id: '2024-03' }, NOW);
  assert.equal(opened.deadline, endOfDay('2024-05-06'));
  assert.deepEqual(opened.warnings, []);
  const [unit] = await listUnits(db.db, province.id);
  const editor: Actor = { userId: null, username: 'bien-tap', provinceId: province.id, role: 'unit-editor', unitId: unit!.id };
  const saved = await saveSelfAssessment(
    db.db,
    editor,
    '2024-03',
    unit!.id,
    { counts: { full: 19, partial: 0, none: 0 }, articles: 3, selfScore: 100, version: 1 },
    NOW,
  );
  assert.equal(saved.articles, 3);

  // A chosen day already past is allowed (the board may mean it) but the answer says what it does.
  const past = await openPeriod(db.db, admin, { id: '2024-04', deadline: '2024-04-01T10:00:00+07:00' }, NOW);
  assert.deepEqual(past.warnings, [
    'Hạn nộp 01/04/2024 đã qua: các đơn vị sẽ không lưu, không nộp được phiếu tự đánh giá cho đến khi Ban Biên tập đổi hạn nộp.',
  ]);
  // null: the end of the period's last day, here 22/05/2024, still ahead.
  const ending = await openPeriod(db.db, admin, { id: '2024-05', deadline: null }, NOW);
  assert.equal(ending.deadline, endOfDay('2024-05-22'));
  assert.deepEqual(ending.warnings, []);
  // Moving a deadline into the past is named the same way.
  const moved = await setDeadline(db.db, admin, '2024-05', '2024-04-20T00:00:00+07:00', NOW);
  assert.match(moved.warnings[0] ?? '', /^Hạn nộp 20\/04\/2024 đã qua/);
});

dbTest('an editor whose deadline passed reads the board\'s contact with the period', async (db) => {
  const { province } = await loadDemo(db.db);
  const admin = cliActor(province.id);
  await openPeriod(db.db, admin, { id: '2024-03', deadline: '2024-04-01T17:00:00+07:00' }, NOW);
  const [unit] = await listUnits(db.db, province.id);
  const editor: Actor = { userId: null, username: 'bien-tap', provinceId: province.id, role: 'unit-editor', unitId: unit!.id };

  const before = await getVisiblePeriod(db.db, editor, '2024-03', NOW);
  assert.equal(before.deadlinePassed, true);
  assert.equal(before.contact, null);
  const contact = 'Chị Nguyễn Thị Lan, thư ký Ban Biên tập, điện thoại 0222 3822 123';
  await importSettings(db.db, admin, { contact });
  const after = await getVisiblePeriod(db.db, editor, '2024-03', NOW);
  assert.deepEqual({ deadlinePassed: after.deadlinePassed, contact: after.contact }, { deadlinePassed: true, contact });
  assert.equal((await getVisiblePeriod(db.db, editor, '2024-03', new Date('2024-03-30T10:00:00+07:00'))).deadlinePassed, false);
});
