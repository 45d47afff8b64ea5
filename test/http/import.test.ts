import assert from 'node:assert/strict';
import { dbTest } from '../helpers/db.js';
import { multipart, seedUsers, signIn, startApp } from '../helpers/http.js';
import { seedCsv } from '../helpers/seed.js';

dbTest('import by upload: 422 with every problem and nothing written, then a good file, audited', async (db) => {
  await seedUsers(db);
  const app = await startApp(db);
  try {
    const reviewer = await signIn(app, 'reviewer');
    const editor = await signIn(app, 'editor');
    const bad = Buffer.from(
      seedCsv().toString('utf8').replace('Thanh tra tỉnh,19,19,0,0,160,100', 'Thanh tra tỉnh,19,19,0,1,160,130'),
    );
    const refused = await reviewer.request({ method: 'POST', url: '/api/periods/2024-05/import', ...multipart('2024-05.csv', bad) });
    assert.equal(refused.statusCode, 422);
    const error = refused.json().error;
    assert.equal(error.code, 'import_invalid');
    assert.deepEqual(
      error.details.problems.map((p: { line: number; column: string }) => [p.line, p.column]),
      [
        [2, 'Tổng số chuyên mục phải cập nhật'],
        [2, 'Tự đánh giá, chấm điểm'],
      ],
    );
    assert.equal((await reviewer.request({ method: 'GET', url: '/api/periods/2024-05' })).statusCode, 404);

    assert.equal((await editor.request({ method: 'POST', url: '/api/periods/2024-05/import', ...multipart('a.csv', seedCsv()) })).statusCode, 403);
    const noFile = await reviewer.request({ method: 'POST', url: '/api/periods/2024-05/import', payload: {} });
    assert.equal(noFile.statusCode, 400);

    const template = await editor.request({ method: 'GET', url: '/api/templates/import.csv' });
    assert.equal(template.statusCode, 200);
    assert.match(template.body, /Tên đơn vị/);
    assert.match(template.headers['content-disposition'] as string, /mau-nhap-lieu\.csv/);
    assert.equal((await app.inject({ method: 'GET', url: '/api/templates/import.xlsx' })).statusCode, 401);

    const imported = await reviewer.request({ method: 'POST', url: '/api/periods/2024-05/import', ...multipart('2024-05.csv', seedCsv()) });
    assert.equal(imported.statusCode, 200, imported.body);
    assert.deepEqual([imported.json().units, imported.json().format, imported.json().newUnits], [29, 'csv', []]);
    const ranking = (await reviewer.request({ method: 'GET', url: '/api/periods/2024-05/ranking' })).json();
    assert.deepEqual(ranking.groups.map((g: { articles: number }) => g.articles), [1389, 650]);

    const admin = await signIn(app, 'admin');
    const audit = (await admin.request({ method: 'GET', url: '/api/audit?entity=period' })).json() as { entries: { action: string; entityId: string }[] };
    // The demo's own load of 02/2024 is an import and a publication, by the command line's actor.
    assert.deepEqual(audit.entries.map((e) => [e.action, e.entityId]), [['import', '2024-05'], ['publish', '2024-02'], ['import', '2024-02']]);
  } finally {
    await app.close();
  }
});

dbTest('bodies and uploads over their limits are refused with 413, nothing written', async (db) => {
  await seedUsers(db);
  const app = await startApp(db, { limits: { bodyBytes: 4096, uploadBytes: 2048 } });
  try {
    const reviewer = await signIn(app, 'reviewer');
    const upload = await reviewer.request({ method: 'POST', url: '/api/periods/2024-05/import', ...multipart('big.csv', seedCsv()) });
    assert.equal(upload.statusCode, 413);
    assert.equal(upload.json().error.code, 'too_large');
    assert.equal((await reviewer.request({ method: 'GET', url: '/api/periods/2024-05' })).statusCode, 404);

    const body = await reviewer.request({ method: 'POST', url: '/api/periods', payload: { id: '2024-05', padding: 'x'.repeat(5000) } });
    assert.equal(body.statusCode, 413);
    assert.equal(body.json().error.code, 'too_large');
    assert.equal((await reviewer.request({ method: 'GET', url: '/api/periods/2024-05' })).statusCode, 404);
  } finally {
    await app.close();
  }
});

dbTest('self-assessment after the deadline is refused (409); validation errors are 400 with the field', async (db) => {
  const { unit } = await seedUsers(db);
  const app = await startApp(db);
  try {
    const reviewer = await signIn(app, 'reviewer');
    const editor = await signIn(app, 'editor');
    await reviewer.request({ method: 'POST', url: '/api/periods', payload: { id: '2024-06', deadline: '2024-06-25T10:00:00+07:00' } });
    const path = `/api/periods/2024-06/units/${unit.id}/self-assessment`;
    const current = (await editor.request({ method: 'GET', url: path })).json() as { version: number; deadline: string };
    assert.equal(current.deadline, '2024-06-25T03:00:00.000Z');
    const body = { counts: { full: 19, partial: 0, none: 0 }, articles: 3, selfScore: 100, version: current.version };
    const late = await editor.request({ method: 'PUT', url: path, payload: body });
    assert.equal(late.statusCode, 409);
    assert.match(late.json().error.message, /quá hạn.*25\/06\/2024/);

    // The board extends the deadline; the save goes through, and bad input names its field.
    await reviewer.request({ method: 'PUT', url: '/api/periods/2024-06', payload: { deadline: '2999-01-01T00:00:00Z' } });
    const invalid = await editor.request({ method: 'PUT', url: path, payload: { ...body, selfScore: 120 } });
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(invalid.json().error.details.issues.map((i: { path: string }) => i.path), ['body.selfScore']);
    const wrongCounts = await editor.request({ method: 'PUT', url: path, payload: { ...body, counts: { full: 18, partial: 0, none: 0 } } });
    assert.equal(wrongCounts.statusCode, 400);
    assert.equal((await editor.request({ method: 'PUT', url: path, payload: body })).statusCode, 200);
  } finally {
    await app.close();
  }
});
