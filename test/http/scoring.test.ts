/**
 * Scoring rules through the API: rules, PAKN and days off, proposals, appeals and the year's report,
 * with the role refusals the server itself makes.
 */
import assert from 'node:assert/strict';
import { todayInVietnam } from '../../src/domain/text.js';
import { getSpanReport, parseSpan } from '../../src/services/span-report.js';
import { dbTest } from '../helpers/db.js';
import { type Client, multipart, seedUsers, signIn, startApp } from '../helpers/http.js';
import { seedCsv } from '../helpers/seed.js';

const PAKN_HEADER = 'Đơn vị,Ngày tiếp nhận,Nội dung,Hạn trả lời,Ngày trả lời';
const paknCsv = (lines: string[]) => Buffer.from([PAKN_HEADER, ...lines].join('\r\n'), 'utf8');

const status = async (client: Client, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  (await client.request({ method, url, ...(payload ? { payload } : {}) })).statusCode;

dbTest('rules, PAKN, days off, proposals: 403 outside one’s role, validated input', async (db) => {
  const { units } = await seedUsers(db);
  const app = await startApp(db);
  try {
    const [admin, reviewer, editor, viewer] = await Promise.all([signIn(app, 'admin'), signIn(app, 'reviewer'), signIn(app, 'editor'), signIn(app, 'viewer')]);
    const other = units.find((u) => u.name === 'Huyện Tiên Du')!;
    const ruleSet = { effectiveFrom: '2024-03-01', note: 'Quyết định 12/QĐ-BBT ngày 28/02/2024', values: { partialCategoryPoints: 3 } };

    assert.equal(await status(reviewer, 'POST', '/api/rules', ruleSet), 403);
    assert.equal(await status(viewer, 'POST', '/api/rules', ruleSet), 403);
    assert.equal(await status(editor, 'GET', '/api/periods/2024-02/proposals'), 403);
    assert.equal(await status(editor, 'POST', `/api/periods/2024-02/units/${other.id}/proposals`, { decisions: [] }), 403);
    assert.equal(await status(viewer, 'GET', '/api/pakn'), 403);
    assert.equal(await status(viewer, 'GET', '/api/pakn/overdue?period=2024-02'), 403);
    assert.equal(await status(editor, 'GET', `/api/pakn?unitId=${other.id}`), 403);
    assert.equal((await editor.request({ method: 'POST', url: '/api/pakn/import', ...multipart('p.csv', paknCsv([])) })).statusCode, 403);
    assert.equal(await status(reviewer, 'PUT', '/api/days-off/2024-04-29', { kind: 'off', note: 'Thông báo 1/TB' }), 403);
    assert.equal(await status(reviewer, 'DELETE', '/api/days-off/2024-04-29'), 403);
    assert.equal(await status(viewer, 'GET', '/api/reports/2024?includeUnpublished=true'), 403);
    assert.equal(await status(viewer, 'GET', '/api/appeals'), 403);
    assert.equal((await app.inject({ method: 'GET', url: '/api/rules' })).statusCode, 401);

    // Validation at the edge: unknown rule fields, negative points, a bad period.
    assert.equal(await status(admin, 'POST', '/api/rules', { ...ruleSet, values: { partialPoints: 3 } }), 400);
    assert.equal(await status(admin, 'POST', '/api/rules', { ...ruleSet, values: { floor: -1 } }), 400);
    assert.equal(await status(reviewer, 'GET', '/api/pakn/overdue?period=2024-13'), 400);
    // A rule set may not reach back into a published period (02/2024 ends 22/02/2024).
    assert.equal(await status(admin, 'POST', '/api/rules', { ...ruleSet, effectiveFrom: '2024-02-01' }), 409);

    const created = await admin.request({ method: 'POST', url: '/api/rules', payload: ruleSet });
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual([created.json().partialCategoryPoints, created.json().missingCategoryPoints, created.json().inForce], [3, 5, true]);
    const rules = (await viewer.request({ method: 'GET', url: '/api/rules' })).json() as {
      ruleSets: { effectiveFrom: string; isDefault: boolean; inForce: boolean; note: string }[];
    };
    assert.deepEqual(
      rules.ruleSets.map((s) => [s.effectiveFrom, s.isDefault, s.inForce]),
      [
        ['1900-01-01', true, false],
        ['2024-03-01', false, true],
      ],
    );
    assert.match(rules.ruleSets[0]!.note, /chờ Ban Biên tập xác nhận/);

    // Days off: the computed holidays of 2024 and an announced change, which only admins edit.
    const year = (await viewer.request({ method: 'GET', url: '/api/days-off?year=2024' })).json() as {
      holidays: { date: string; kind: string; name: string }[];
      changes: unknown[];
    };
    assert.deepEqual(year.holidays.filter((h) => h.kind === 'hung_kings').map((h) => h.date), ['2024-04-18']);
    assert.ok(year.holidays.some((h) => h.kind === 'tet' && h.date === '2024-02-10'));
    const put = await admin.request({ method: 'PUT', url: '/api/days-off/2024-04-29', payload: { kind: 'off', note: 'Thông báo 5/TB-VPCP' } });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual((await viewer.request({ method: 'GET', url: '/api/days-off?year=2024' })).json().changes, [
      { date: '2024-04-29', kind: 'off', note: 'Thông báo 5/TB-VPCP' },
    ]);
    assert.equal(await status(admin, 'DELETE', '/api/days-off/2024-04-29'), 200);
    assert.equal(await status(admin, 'DELETE', '/api/days-off/2024-04-29'), 404);

    // Rule sets and days off are data like any other: who changed what, in the audit log.
    const audit = async (entity: string) =>
      ((await admin.request({ method: 'GET', url: `/api/audit?entity=${entity}` })).json() as { entries: { action: string; entityId: string; username: string }[] }).entries
        .map((e) => [e.action, e.entityId, e.username])
        .sort();
    assert.deepEqual(await audit('rule-set'), [['create', '2024-03-01', 'admin']]);
    assert.deepEqual(await audit('day-off'), [
      ['remove', '2024-04-29', 'admin'],
      ['set', '2024-04-29', 'admin'],
    ]);
  } finally {
    await app.close();
  }
});

dbTest('PAKN import by upload: a bad row gives 422 with its line and nothing is written; editors see their own unit', async (db) => {
  const { unit } = await seedUsers(db);
  const app = await startApp(db);
  try {
    const [reviewer, editor] = await Promise.all([signIn(app, 'reviewer'), signIn(app, 'editor')]);
    const good = ['Huyện Tiên Du,05/02/2024 10:30,Hỏi về cấp giấy chứng nhận quyền sử dụng đất,,27/02/2024 16:00', 'Sở Y tế,01/02/2024,Hỏi về bảo hiểm y tế,,2024-02-07 09:00'];
    const bad = await reviewer.request({ method: 'POST', url: '/api/pakn/import', ...multipart('pakn.csv', paknCsv([...good, 'Huyện Không Có,01/02/2024,Hỏi,,'])) });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().error.code, 'import_invalid');
    assert.deepEqual(bad.json().error.details.problems.map((p: { line: number; column: string }) => [p.line, p.column]), [[4, 'Đơn vị']]);
    assert.deepEqual((await reviewer.request({ method: 'GET', url: '/api/pakn' })).json(), []);

    const imported = await reviewer.request({ method: 'POST', url: '/api/pakn/import', ...multipart('pakn.csv', paknCsv(good)) });
    assert.equal(imported.statusCode, 200, imported.body);
    assert.deepEqual(imported.json(), { format: 'csv', records: 2, inserted: 2, updated: 0, computedDueDates: 2 });
    const admin = await signIn(app, 'admin');
    const audit = (await admin.request({ method: 'GET', url: '/api/audit?entity=pakn' })).json() as { entries: { action: string; username: string }[] };
    assert.deepEqual(audit.entries.map((e) => [e.action, e.username]), [['import', 'reviewer']]);
    assert.equal((await reviewer.request({ method: 'GET', url: '/api/pakn?period=2024-02' })).json().length, 2);
    assert.equal((await reviewer.request({ method: 'GET', url: '/api/pakn?period=2024-03' })).json().length, 0);
    const own = (await editor.request({ method: 'GET', url: '/api/pakn' })).json() as { unitId: string }[];
    assert.deepEqual(own.map((r) => r.unitId), [unit.id]);

    // Received 05/02 with Tết in between: due 26/02, answered on the 27th, overdue in 03/2024.
    const overdue = (await reviewer.request({ method: 'GET', url: '/api/pakn/overdue?period=2024-03' })).json() as {
      units: { name: string; records: { dueDate: string; kind: string; workingDaysLate: number }[] }[];
    };
    assert.deepEqual(
      overdue.units.map((u) => [u.name, u.records.map((r) => [r.dueDate, r.kind, r.workingDaysLate])]),
      [['Huyện Tiên Du', [['2024-02-26', 'answered_late', 1]]]],
    );
    assert.deepEqual((await editor.request({ method: 'GET', url: '/api/pakn/overdue?period=2024-03' })).json().units, []);
  } finally {
    await app.close();
  }
});

dbTest('proposals through the API: listed with their origin, edited and kept as deductions', async (db) => {
  await seedUsers(db);
  const app = await startApp(db);
  try {
    const reviewer = await signIn(app, 'reviewer');
    assert.equal((await reviewer.request({ method: 'POST', url: '/api/periods/2024-05/import', ...multipart('s.csv', seedCsv()) })).statusCode, 200);
    const proposals = (await reviewer.request({ method: 'GET', url: '/api/periods/2024-05/proposals' })).json() as {
      units: { unitId: string; unitName: string; proposals: { points: number; reason: string; origin: { kind: string } }[] }[];
    };
    const tienDu = proposals.units.find((u) => u.unitName === 'Huyện Tiên Du')!;
    assert.deepEqual(tienDu.proposals.map((p) => [p.points, p.reason, p.origin.kind]), [[2, '01 chuyên mục cập nhật không đầy đủ', 'categories']]);
    const bad = await reviewer.request({ method: 'POST', url: `/api/periods/2024-05/units/${tienDu.unitId}/proposals`, payload: { decisions: [{ proposal: 1, action: 'edit', points: -1, reason: 'x' }] } });
    assert.equal(bad.statusCode, 400);
    const decided = await reviewer.request({
      method: 'POST',
      url: `/api/periods/2024-05/units/${tienDu.unitId}/proposals`,
      payload: { decisions: [{ proposal: 1, action: 'edit', points: 1.5, reason: 'Chuyên mục PAKN cập nhật không đầy đủ' }] },
    });
    assert.equal(decided.statusCode, 200, decided.body);
    assert.deepEqual(decided.json().deductions.at(-1), { points: 1.5, reason: 'Chuyên mục PAKN cập nhật không đầy đủ' });
  } finally {
    await app.close();
  }
});

dbTest('an appeal’s whole path through the API: submit, uphold, a new revision, the ranking changes', async (db) => {
  const { units } = await seedUsers(db, 'Huyện Tiên Du');
  const app = await startApp(db);
  try {
    const [reviewer, editor, viewer] = await Promise.all([signIn(app, 'reviewer'), signIn(app, 'editor'), signIn(app, 'viewer')]);
    const tienDu = units.find((u) => u.name === 'Huyện Tiên Du')!;
    const period = '2024-05';
    assert.equal((await reviewer.request({ method: 'POST', url: `/api/periods/${period}/import`, ...multipart('s.csv', seedCsv()) })).statusCode, 200);
    const appeal = { periodId: period, unitId: tienDu.id, deduction: 1, reason: 'Các câu trả lời đã gửi đúng hạn', evidence: ['https://tiendu.bacninh.gov.vn/pakn/123'] };
    assert.equal(await status(editor, 'POST', '/api/appeals', appeal), 409);
    // Published today, so that the appeal window is open whatever day the test runs.
    const published = await reviewer.request({ method: 'POST', url: `/api/periods/${period}/publish`, payload: { number: '05/BBT-CTTĐT', date: todayInVietnam() } });
    assert.equal(published.statusCode, 200, published.body);
    const deadline = (await viewer.request({ method: 'GET', url: `/api/periods/${period}/appeal-deadline` })).json();
    assert.ok(deadline.deadline >= todayInVietnam());

    const rankOf = async () => {
      const ranking = (await viewer.request({ method: 'GET', url: `/api/periods/${period}/ranking` })).json() as {
        groups: { units: { id: string; rank: number; score: number }[] }[];
      };
      const row = ranking.groups.flatMap((g) => g.units).find((u) => u.id === tienDu.id)!;
      return [row.rank, row.score];
    };
    const before = await rankOf();
    assert.equal(before[1], 98);

    assert.equal(await status(viewer, 'POST', '/api/appeals', appeal), 403);
    assert.equal(await status(editor, 'POST', '/api/appeals', { ...appeal, reason: '  ' }), 400);
    const submitted = await editor.request({ method: 'POST', url: '/api/appeals', payload: appeal });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const { id } = submitted.json() as { id: string };
    assert.deepEqual(
      (await editor.request({ method: 'GET', url: '/api/appeals' })).json().map((a: { id: string; unitName: string; status: string }) => [a.id, a.unitName, a.status]),
      [[id, 'Huyện Tiên Du', 'pending']],
    );
    assert.equal(await status(editor, 'POST', `/api/appeals/${id}/decision`, { uphold: true, reason: 'Tự chấp nhận' }), 403);

    const upheld = await reviewer.request({ method: 'POST', url: `/api/appeals/${id}/decision`, payload: { uphold: true, reason: 'Nhật ký cho thấy trả lời đúng hạn' } });
    assert.equal(upheld.statusCode, 200, upheld.body);
    assert.deepEqual([upheld.json().status, upheld.json().correctionRevision, upheld.json().pointsAfter], ['upheld', 1, 0]);
    assert.equal(await status(reviewer, 'POST', `/api/appeals/${id}/decision`, { uphold: false, reason: 'Lần hai' }), 409);

    const revisions = (await viewer.request({ method: 'GET', url: `/api/periods/${period}/revisions` })).json() as { revision: number; unitId: string | null }[];
    assert.deepEqual(revisions.map((r) => [r.revision, r.unitId]), [[0, null], [1, tienDu.id]]);
    const after = await rankOf();
    assert.equal(after[1], 100);
    assert.ok(after[0]! < before[0]!, `rank ${before[0]} → ${after[0]}`);
  } finally {
    await app.close();
  }
});

dbTest('year and quarter report: the service’s JSON for every role, XLSX and DOCX as downloads', async (db) => {
  const { province } = await seedUsers(db);
  const app = await startApp(db);
  try {
    const viewer = await signIn(app, 'viewer');
    const year = await viewer.request({ method: 'GET', url: '/api/reports/2024' });
    assert.equal(year.statusCode, 200, year.body);
    const expected = await getSpanReport(db.db, province.id, parseSpan({ year: '2024' }));
    assert.deepEqual(year.json(), JSON.parse(JSON.stringify(expected)));
    assert.deepEqual(year.json().periods, ['2024-02']);
    assert.equal(year.json().groups[0].units[0].rank, 1);

    const quarter = await viewer.request({ method: 'GET', url: '/api/reports/2024-Q1' });
    assert.deepEqual(quarter.json(), JSON.parse(JSON.stringify(await getSpanReport(db.db, province.id, parseSpan({ quarter: '2024-Q1' })))));
    assert.equal(quarter.json().quarter, '2024-Q1');
    assert.equal((await viewer.request({ method: 'GET', url: '/api/reports/2024-Q5' })).statusCode, 400);

    for (const format of ['xlsx', 'docx'] as const) {
      const file = await viewer.request({ method: 'GET', url: `/api/reports/2024/${format}` });
      assert.equal(file.statusCode, 200);
      assert.match(file.headers['content-type'] as string, format === 'xlsx' ? /spreadsheetml/ : /wordprocessingml/);
      assert.match(file.headers['content-disposition'] as string, new RegExp(`tong-hop-nam-2024\\.${format}`));
      assert.equal(file.rawPayload.subarray(0, 2).toString(), 'PK');
    }
  } finally {
    await app.close();
  }
});
