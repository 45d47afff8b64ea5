/**
 * Large uploads do not freeze the server: a 200,000-row CSV (about 9 MB) is
 * parsed and checked in a worker thread and refused by the row cap, named in the error, while
 * another signed-in client keeps reading the ranking. Its p99 is printed (aim: under 250 ms on a
 * quiet machine) and asserted only against a bound that a frozen event loop cannot meet.
 */
import assert from 'node:assert/strict';
import { TABLE_LIMITS } from '../../src/domain/limits.js';
import { dbTest } from '../helpers/db.js';
import { multipart, seedUsers, signIn, startApp } from '../helpers/http.js';

const HEADER = 'Nhóm,Tên đơn vị,Tổng số chuyên mục phải cập nhật,Cập nhật đầy đủ,Cập nhật không đầy đủ,Không cập nhật,"Số lượng tin, bài, video","Tự đánh giá, chấm điểm",Điểm trừ,Lý do trừ điểm';

function bigCsv(rows: number): Buffer {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i += 1) lines.push(`Nhóm ${i % 7},Đơn vị ${i},19,19,0,0,${i % 300},100,0,`);
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

dbTest('a 200,000-row CSV upload is refused by the row cap while another client keeps being answered (no freeze)', async (db, t) => {
  await seedUsers(db);
  const app = await startApp(db, { limits: { uploadBytes: 20 * 1024 * 1024 } });
  try {
    const reviewer = await signIn(app, 'reviewer');
    const viewer = await signIn(app, 'viewer');
    const csv = bigCsv(200_000);
    assert.ok(csv.length > 8 * 1024 * 1024, `${csv.length}`);
    // Warm the ranking path once so the first sample is not a cold start.
    assert.equal((await viewer.request({ method: 'GET', url: '/api/periods/2024-02/ranking' })).statusCode, 200);

    let uploading = true;
    const upload = reviewer
      .request({ method: 'POST', url: '/api/periods/2024-06/import', ...multipart('lon.csv', csv) })
      .finally(() => (uploading = false));
    const latencies: number[] = [];
    while (uploading || latencies.length < 100) {
      const started = performance.now();
      const response = await viewer.request({ method: 'GET', url: '/api/periods/2024-02/ranking' });
      latencies.push(performance.now() - started);
      assert.equal(response.statusCode, 200);
      // Leave the loop a moment between samples, like a person clicking.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const refused = await upload;
    assert.equal(refused.statusCode, 422, refused.body);
    const message = refused.json().error.details.problems[0].message as string;
    assert.match(message, /200\.000 dòng dữ liệu, quá giới hạn 50\.000 dòng/);
    assert.equal(TABLE_LIMITS.rows, 50_000);
    assert.equal((await reviewer.request({ method: 'GET', url: '/api/periods/2024-06' })).statusCode, 404);

    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.ceil(latencies.length * 0.99) - 1]!;
    assert.ok(latencies.length >= 100);
    t.diagnostic(`ranking while uploading: p99 ${p99.toFixed(0)} ms, median ${latencies[latencies.length >> 1]!.toFixed(0)} ms, ${latencies.length} requests`);
    // The aim is p99 < 250 ms on a quiet machine (the diagnostic above prints it); the bound here only
    // separates a slow, shared CI machine from a frozen event loop (before: every request stalled 16–20 s).
    assert.ok(p99 < 1500, `p99 ${p99.toFixed(0)} ms over ${latencies.length} requests (max ${latencies.at(-1)!.toFixed(0)} ms)`);
  } finally {
    await app.close();
  }
});

dbTest('cells and columns over the caps are refused with the cap in the message', async (db) => {
  await seedUsers(db);
  const app = await startApp(db);
  try {
    const reviewer = await signIn(app, 'reviewer');
    const longName = `${HEADER}\r\nNhóm 1,${'Đ'.repeat(TABLE_LIMITS.cellChars + 1)},19,19,0,0,1,100,0,`;
    const wide = `${HEADER}\r\n${Array.from({ length: TABLE_LIMITS.columns + 1 }, () => '1').join(',')}`;
    for (const [csv, pattern] of [
      [longName, /quá giới hạn 5\.000 ký tự/],
      [wide, /101 cột, quá giới hạn 100 cột/],
    ] as const) {
      const refused = await reviewer.request({ method: 'POST', url: '/api/periods/2024-06/import', ...multipart('a.csv', Buffer.from(csv)) });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.json().error.details.problems[0].message, pattern);
    }
    assert.equal((await reviewer.request({ method: 'GET', url: '/api/periods/2024-06' })).statusCode, 404);
  } finally {
    await app.close();
  }
});
