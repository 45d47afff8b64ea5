import assert from 'node:assert/strict';
import { cliActor } from '../../src/services/audit.js';
import { openPeriod, startReview } from '../../src/services/review.js';
import { dbTest } from '../helpers/db.js';
import { seedUsers, signIn, startApp } from '../helpers/http.js';

interface ReviewUnit {
  unitId: string;
  unitName: string;
  version: number;
  status: string;
  statusLabel: string;
  confirmed: boolean;
  score: number;
  deductions: { key: string; points: number; reason: string; originLabel: string }[];
  categories: unknown[];
}

dbTest('the review routes: computed results, a change with its reason, the board’s finding, accept all with exceptions, the finding withdrawn', async (db) => {
  const { province, units } = await seedUsers(db);
  const admin = cliActor(province.id);
  await openPeriod(db.db, admin, { id: '2024-03', deadline: '2999-01-01T00:00:00Z' });
  const app = await startApp(db);
  try {
    const [reviewer, editor, viewer] = [await signIn(app, 'reviewer'), await signIn(app, 'editor'), await signIn(app, 'viewer')];
    const path = '/api/periods/2024-03';
    const unit = (name: string) => units.find((u) => u.name === name)!;

    // Still open: the review can be read, changes wait for it.
    const open = await reviewer.request({ method: 'GET', url: `${path}/review` });
    assert.equal(open.statusCode, 200, open.body);
    const yTe = (open.json().units as ReviewUnit[]).find((u) => u.unitId === unit('Sở Y tế').id)!;
    assert.equal(yTe.status, 'not-reported');
    assert.equal(yTe.statusLabel, 'Không gửi tự đánh giá');
    assert.ok(yTe.score < 100);
    const early = await reviewer.request({ method: 'PUT', url: `${path}/units/${yTe.unitId}/finding`, payload: { version: yTe.version, why: 'Kiểm tra trên cổng', counts: { full: 19, partial: 0, none: 0 } } });
    assert.equal(early.statusCode, 409, early.body);
    assert.equal(early.json().error.code, 'conflict');
    await startReview(db.db, admin, '2024-03');

    for (const client of [editor, viewer]) assert.equal((await client.request({ method: 'GET', url: `${path}/review` })).statusCode, 403);

    // The reason is required by the contract.
    const noReason = await reviewer.request({ method: 'PUT', url: `${path}/units/${yTe.unitId}/finding`, payload: { version: yTe.version, counts: { full: 19, partial: 0, none: 0 } } });
    assert.equal(noReason.statusCode, 400);
    const found = await reviewer.request({
      method: 'PUT',
      url: `${path}/units/${yTe.unitId}/finding`,
      payload: { version: yTe.version, why: 'Kiểm tra trực tiếp trên cổng', counts: { full: 18, partial: 1, none: 0 } },
    });
    assert.equal(found.statusCode, 200, found.body);
    const finding = found.json() as ReviewUnit;
    assert.equal(finding.status, 'finding');
    assert.equal(finding.score, 98);
    assert.deepEqual(finding.deductions.map((d) => [d.key, d.points, d.originLabel]), [['categories:partial', 2, 'Chuyên mục không đầy đủ (Ban Biên tập)']]);

    // The board drops that deduction where the evidence says the category was complete after all.
    const dropped = await reviewer.request({
      method: 'PUT',
      url: `${path}/units/${yTe.unitId}/review`,
      payload: { version: finding.version, why: 'Đã bổ sung trước ngày chốt', deductions: [{ key: 'categories:partial', points: 0, reason: 'Không trừ' }] },
    });
    assert.equal(dropped.statusCode, 200, dropped.body);
    assert.equal(dropped.json().score, 100);
    const stale = await reviewer.request({
      method: 'PUT',
      url: `${path}/units/${yTe.unitId}/review`,
      payload: { version: finding.version, why: 'x', counts: null },
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'stale_version');
    assert.equal((await editor.request({ method: 'PUT', url: `${path}/units/${yTe.unitId}/review`, payload: { version: 1, why: 'x' } })).statusCode, 403);

    const tienDu = unit('Huyện Tiên Du');
    const accepted = await reviewer.request({ method: 'POST', url: `${path}/proposals/accept-all`, payload: { except: [tienDu.id] } });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.deepEqual(accepted.json().accepted.map((u: { unitName: string }) => u.unitName), ['Sở Y tế']);
    assert.deepEqual(accepted.json().excepted.map((u: { unitName: string }) => u.unitName), ['Huyện Tiên Du']);
    assert.equal(accepted.json().notReported.length, 27);

    const after = (await reviewer.request({ method: 'GET', url: `${path}/review` })).json().units as ReviewUnit[];
    assert.equal(after.find((u) => u.unitId === yTe.unitId)!.confirmed, true);

    // Publishing still asks about the 28 units with neither a report nor a finding.
    const refused = await reviewer.request({ method: 'POST', url: `${path}/publish`, payload: { date: '2024-04-05' } });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'units_not_reported');
    assert.equal(refused.json().error.details.units.length, 28);

    // The finding withdrawn, with its reason: Sở Y tế did not report again, and publishing names it too.
    const yTeNow = after.find((u) => u.unitId === yTe.unitId)!;
    const withdrawPath = `${path}/units/${yTe.unitId}/finding/withdraw`;
    assert.equal((await editor.request({ method: 'POST', url: withdrawPath, payload: { version: yTeNow.version, why: 'x' } })).statusCode, 403);
    assert.equal((await reviewer.request({ method: 'POST', url: withdrawPath, payload: { version: yTeNow.version } })).statusCode, 400);
    const withdrawn = await reviewer.request({ method: 'POST', url: withdrawPath, payload: { version: yTeNow.version, why: 'Ghi nhầm đơn vị' } });
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.equal((withdrawn.json() as ReviewUnit).status, 'not-reported');
    const twice = await reviewer.request({ method: 'POST', url: withdrawPath, payload: { version: (withdrawn.json() as ReviewUnit).version, why: 'x' } });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.json().error.message, /chưa có kết luận của Ban Biên tập để rút/);
    const refusedAgain = await reviewer.request({ method: 'POST', url: `${path}/publish`, payload: { date: '2024-04-05' } });
    assert.equal(refusedAgain.json().error.details.units.length, 29);
  } finally {
    await app.close();
  }
});
