/**
 * Writes that depend on a period's status and the period's transitions take the period's row lock,
 * so a unit's save sent together with the board's "start review" is either saved before the review
 * or refused with 409, on PostgreSQL as on SQLite: never a save landing in a period under review.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import * as auditRepo from '../../src/db/repositories/audit.js';
import * as periodsRepo from '../../src/db/repositories/periods.js';
import { AppError } from '../../src/errors.js';
import { cliActor, type Actor } from '../../src/services/audit.js';
import { importPeriodFile } from '../../src/services/import.js';
import { decideProposals } from '../../src/services/proposals.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { publish } from '../../src/services/publishing.js';
import { listUnits } from '../../src/services/registry.js';
import { openPeriod, setDeadline, setDeductions, startReview } from '../../src/services/review.js';
import { getSelfAssessment, saveSelfAssessment, submitSelfAssessment } from '../../src/services/self-assessment.js';
import { dbTest, type TestDatabase } from '../helpers/db.js';

const BEFORE_DEADLINES = new Date('2024-01-01T00:00:00Z');
const ITERATIONS = 30;

function registryFile(): Buffer {
  const header = 'Nhóm,Tên đơn vị,Tổng số chuyên mục phải cập nhật,Cập nhật đầy đủ,Cập nhật không đầy đủ,Không cập nhật,"Số lượng tin, bài, video","Tự đánh giá, chấm điểm"';
  const rows = ['"UBND xã, phường",Xã Một,22,22,0,0,3,100', '"UBND xã, phường",Xã Hai,22,22,0,0,4,100'];
  return Buffer.from([header, ...rows].join('\n'));
}

async function setUp(db: TestDatabase) {
  const province = await resolveProvince(db.db);
  const board = cliActor(province.id);
  await importPeriodFile(db.db, board, { periodId: '2023-12', content: registryFile() });
  const [unit] = await listUnits(db.db, province.id);
  const editor: Actor = { userId: null, username: 'bien-tap', provinceId: province.id, role: 'unit-editor', unitId: unit!.id };
  return { province, board, unit: unit!, editor };
}

function monthAfter(start: string, n: number): string {
  const [y, m] = start.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const refusal = (error: unknown) => (error instanceof AppError ? `${error.status} ${error.code}` : `unexpected ${String(error)}`);

dbTest('a save racing "start review": saved before the review or refused with 409, every time', async (db) => {
  const { province, board, unit, editor } = await setUp(db);
  const outcomes = { savedFirst: 0, refused: 0 };
  for (let i = 0; i < ITERATIONS; i++) {
    const period = monthAfter('2024-01', i);
    await openPeriod(db.db, board, { id: period });
    const [save, review] = await Promise.allSettled([
      saveSelfAssessment(db.db, editor, period, unit.id, { counts: { full: 20, partial: 2, none: 0 }, articles: 7, selfScore: 95, version: 1 }, BEFORE_DEADLINES),
      startReview(db.db, board, period),
    ]);
    assert.equal(review.status, 'fulfilled', `${period}: the review always starts`);
    const stored = await getSelfAssessment(db.db, board, period, unit.id);
    const { rows: entries } = await auditRepo.list(db.db, province.id, { periodId: period }, { limit: 100, offset: 0 });
    const savedAt = entries.find((e) => e.entity_id === `${period}/${unit.id}` && e.action === 'save')?.at;
    const reviewedAt = entries.find((e) => e.entity_id === period && e.action === 'review')!.at;
    if (save.status === 'fulfilled') {
      outcomes.savedFirst++;
      assert.equal(stored.articles, 7);
      assert.ok(savedAt !== undefined && savedAt <= reviewedAt, `${period}: the save was written at ${savedAt}, after the review started at ${reviewedAt}`);
    } else {
      outcomes.refused++;
      assert.equal(refusal(save.reason), '409 conflict', `${period}`);
      assert.equal(stored.version, 1, `${period}: a refused save leaves the assessment as it was`);
      assert.equal(stored.articles, 0);
      assert.equal(savedAt, undefined);
    }
  }
  assert.equal(outcomes.savedFirst + outcomes.refused, ITERATIONS);
});

/**
 * The lock is held by hand, as a transition in flight holds it; each write must wait for it to be
 * released, and then see the status the transition left. Without the lock, PostgreSQL would let the
 * write read the old status and finish while the transition is still open.
 */
dbTest('every write that depends on the period status waits for the period lock and sees the new status', async (db) => {
  const { board, unit, editor } = await setUp(db);
  const cases: { name: string; status: string; write: (period: string) => Promise<unknown>; after: string }[] = [
    {
      name: 'save',
      status: 'review',
      write: (p) => saveSelfAssessment(db.db, editor, p, unit.id, { counts: { full: 22, partial: 0, none: 0 }, articles: 1, selfScore: 100, version: 1 }, BEFORE_DEADLINES),
      after: '409 conflict',
    },
    {
      name: 'submit',
      status: 'review',
      write: (p) => submitSelfAssessment(db.db, editor, p, unit.id, {}, BEFORE_DEADLINES),
      after: '409 conflict',
    },
    { name: 'start review', status: 'review', write: (p) => startReview(db.db, board, p), after: '409 conflict' },
    { name: 'deadline', status: 'published', write: (p) => setDeadline(db.db, board, p, null), after: '409 period_locked' },
    { name: 'deductions', status: 'open', write: (p) => setDeductions(db.db, board, p, unit.id, { deductions: [{ points: 1, reason: 'Thiếu tin' }], version: 1 }), after: '409 conflict' },
    { name: 'proposals', status: 'published', write: (p) => decideProposals(db.db, board, p, unit.id, []), after: '409 period_locked' },
    { name: 'publish', status: 'published', write: (p) => publish(db.db, board, p, { date: '2024-06-05', notReported: 'apply-rule' }), after: '409 period_locked' },
    { name: 'import', status: 'published', write: (p) => importPeriodFile(db.db, board, { periodId: p, content: registryFile() }), after: '409 period_locked' },
  ];
  for (const [i, c] of cases.entries()) {
    const period = monthAfter('2024-01', i);
    await openPeriod(db.db, board, { id: period });
    // The transition of another session: locked, changed, and not yet committed.
    let settled = false;
    let outcome = '';
    let pending: Promise<string> | undefined;
    await db.db.transaction().execute(async (trx) => {
      await periodsRepo.getLocked(trx, board.provinceId, period, 'exclusive');
      await periodsRepo.update(trx, board.provinceId, period, { status: c.status });
      const write = (pending = c.write(period).then(
        () => 'ok',
        (error: unknown) => refusal(error),
      ));
      void write.then((o) => {
        settled = true;
        outcome = o;
      });
      await sleep(150);
      assert.equal(settled, false, `${c.name}: finished (${outcome}) while the period was locked by a transition`);
      // Awaiting the write here would wait for ourselves: its outcome is checked after the commit.
    });
    assert.equal(await pending, c.after, `${c.name} after the transition to ${c.status}`);
  }
});
