/**
 * The month from the command line, through the web's services: periods open (with the proposed
 * deadline, or a chosen one named when already past), review, publish --dry-run (the checklist and
 * the preview files, nothing published), the refusal for units that did not report, and publishing
 * with the rule's treatment.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { PeriodReport } from '../../src/contract/periods.js';
import type { Actor } from '../../src/services/audit.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { listUnits } from '../../src/services/registry.js';
import { getSelfAssessment, saveSelfAssessment, submitSelfAssessment } from '../../src/services/self-assessment.js';
import { parseDeadlineDay } from '../../src/cli/periods.js';
import { dbTest, type TestDatabase } from '../helpers/db.js';
import { SEED_CSV_PATH } from '../helpers/seed.js';

const BIN = new URL('../../bin/portal-scorecard', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ps-cli-month-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (db: TestDatabase, args: string[]) => {
  const result = spawnSync(BIN, ['--db', db.url, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

test('a deadline given as a day closes at its end, Vietnam time; an impossible day is refused', () => {
  assert.equal(parseDeadlineDay('05/03/2024'), '2024-03-05T16:59:59.999Z');
  assert.equal(parseDeadlineDay('2024-03-05'), '2024-03-05T16:59:59.999Z');
  for (const bad of ['31/02/2024', '2024-3-5', 'mai']) assert.throws(() => parseDeadlineDay(bad), { code: 'validation' });
});

dbTest('the month from the command line: open, review, publish --dry-run, the refusal, publish with the rule', async (db) => {
  const ok = (args: string[]) => {
    const result = run(db, args);
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    return result;
  };
  ok(['import', SEED_CSV_PATH, '--period', '2024-02']);
  ok(['user', 'add', '--username', 'thuky', '--password', 'mat-khau-thu', '--role', 'reviewer']);

  // Without --deadline the proposal applies: working days ahead of today, so nothing is said.
  const opened = ok(['--as', 'thuky', 'periods', 'open', '2024-03']);
  assert.match(opened.stdout, /^Đã mở kỳ 03\/2024, hạn nộp tự đánh giá hết ngày \d{2}\/\d{2}\/\d{4}\.\n$/);
  assert.equal(opened.stderr, '');
  // A chosen day already past is allowed, and named.
  const past = ok(['periods', 'open', '2024-04', '--deadline', '01/01/2024']);
  assert.equal(past.stdout, 'Đã mở kỳ 04/2024, hạn nộp tự đánh giá hết ngày 01/01/2024.\n');
  assert.match(past.stderr, /^Cảnh báo: Hạn nộp 01\/01\/2024 đã qua: các đơn vị sẽ không lưu, không nộp được phiếu tự đánh giá/);
  const again = run(db, ['periods', 'open', '2024-03']);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /Kỳ 2024-03 đã có/);

  // One unit reports: Thanh tra tỉnh, 18 categories full and 1 partial; the 28 others do not.
  const province = await resolveProvince(db.db);
  const thanhTra = (await listUnits(db.db, province.id)).find((u) => u.name === 'Thanh tra tỉnh')!;
  const editor: Actor = { userId: null, username: 'bt.thanhtra', provinceId: province.id, role: 'unit-editor', unitId: thanhTra.id };
  const form = await getSelfAssessment(db.db, editor, '2024-03', thanhTra.id);
  const saved = await saveSelfAssessment(db.db, editor, '2024-03', thanhTra.id, {
    counts: { full: 18, partial: 1, none: 0 },
    articles: 160,
    selfScore: 100,
    version: form.version,
  });
  await submitSelfAssessment(db.db, editor, '2024-03', thanhTra.id, { version: saved.version });

  const review = ok(['--as', 'thuky', 'review', '--period', '2024-03']);
  assert.equal(review.stdout, 'Kỳ 03/2024 đã khóa tự đánh giá, chuyển sang rà soát.\n');

  // The dry run prints the checklist and writes the three preview files; nothing is published.
  const out = join(dir, `preview-${db.kind}`);
  const notice = ['--number', '03/BBT-CTTĐT', '--date', '2024-03-27'];
  const dry = ok(['--as', 'thuky', 'publish', '--period', '2024-03', ...notice, '--dry-run', '--out-dir', out]);
  const lines = dry.stdout.trim().split('\n');
  assert.equal(lines[0], 'Xem trước công bố kỳ 03/2024: công văn số 03/BBT-CTTĐT ngày 27/03/2024 (chưa công bố).');
  assert.match(dry.stdout, /^\[!\] 28 đơn vị không gửi tự đánh giá: .*Cần ghi nhận kết quả hoặc chọn áp dụng quy tắc\.$/m);
  assert.ok(!/Thanh tra tỉnh/.test(lines.find((l) => l.includes('không gửi'))!));
  assert.equal(lines.at(-1), 'Chưa công bố được: xử lý mục [!] (hoặc thêm --not-reported apply-rule) rồi chạy lại.');
  const files = readdirSync(out).sort();
  assert.deepEqual(files.map((f) => f.split('.').at(-1)), ['docx', 'pdf', 'xlsx']);
  assert.equal(readFileSync(join(out, files[1]!)).subarray(0, 5).toString(), '%PDF-');
  for (const zip of [files[0]!, files[2]!]) assert.equal(readFileSync(join(out, zip)).subarray(0, 2).toString(), 'PK');
  const dryRule = JSON.parse(ok(['publish', '--period', '2024-03', ...notice, '--not-reported', 'apply-rule', '--dry-run', '--out-dir', out, '--json']).stdout) as {
    wouldPublish: boolean;
    checklist: { notReported: unknown[] };
  };
  assert.deepEqual({ wouldPublish: dryRule.wouldPublish, notReported: dryRule.checklist.notReported.length }, { wouldPublish: true, notReported: 28 });

  // Publishing refuses while units did not report; with the rule's treatment it publishes.
  const refused = run(db, ['--as', 'thuky', 'publish', '--period', '2024-03', ...notice]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /^Lỗi: Có 28 đơn vị không gửi tự đánh giá và Ban Biên tập chưa ghi nhận kết quả/);
  const published = ok(['--as', 'thuky', 'publish', '--period', '2024-03', ...notice, '--not-reported', 'apply-rule']);
  assert.equal(published.stdout, 'Đã công bố kỳ 03/2024: công văn số 03/BBT-CTTĐT ngày 27/03/2024.\n');
  assert.match(ok(['periods']).stdout, /^2024-03\t.*\tĐã công bố\t03\/BBT-CTTĐT$/m);

  const report = JSON.parse(ok(['report', '--period', '2024-03', '--format', 'json']).stdout) as PeriodReport;
  const units = report.groups.flatMap((g) => g.units);
  const tt = units.find((u) => u.name === 'Thanh tra tỉnh')!;
  assert.deepEqual({ score: tt.score, reported: tt.reported, partial: tt.partial }, { score: 98, reported: true, partial: 1 });
  const silent = units.filter((u) => !u.reported);
  assert.equal(silent.length, 28);
  for (const unit of silent) {
    assert.ok(unit.score < 100, `${unit.name}: ${unit.score}`);
    assert.match(unit.deductions[0]?.reason ?? '', /^Không gửi tự đánh giá/);
  }
});
