import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { docxText, flat } from '../helpers/notice.js';
import { SEED_TEXT_PATH } from '../helpers/seed.js';

const BIN = new URL('../../bin/portal-scorecard', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ps-cli-notice-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  const result = spawnSync(BIN, ['--db', join(dir, 'notice.sqlite'), ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('import-notice, report --format docx with --number and --date, settings show, set and import', async () => {
  const imported = cli(['import-notice', SEED_TEXT_PATH]);
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stderr, /Đã nhập công văn số 02\/BBT-CTTĐT ngày 27\/02\/2024: kỳ 2024-02, 29 đơn vị/u);
  assert.match(imported.stderr, /đã lấy cơ quan ban hành/u);
  assert.equal(cli(['import-notice', SEED_TEXT_PATH]).code, 1, 'a published period refuses a second import');

  const docx = join(dir, 'cv.docx');
  const written = cli(['report', '--period', '2024-02', '--format', 'docx', '--out', docx, '--number', '09/BBT-CTTĐT', '--date', '2024-03-01']);
  assert.equal(written.code, 0, written.stderr);
  assert.match(flat(await docxText(readFileSync(docx))), /Số: 09\/BBT-CTTĐT .*Bắc Ninh, ngày 01 tháng 3 năm 2024/u);
  const noOut = cli(['report', '--period', '2024-02', '--format', 'pdf']);
  assert.equal(noOut.code, 1);
  assert.match(noOut.stderr, /cần --out/u);

  const shown = JSON.parse(cli(['settings', '--format', 'json']).stdout) as { issuingBody: string; distribution: string[] };
  assert.equal(shown.issuingBody, 'BAN BIÊN TẬP CÔNG THÔNG TIN TỈNH');
  const set = cli(['settings', 'set', 'distribution', 'Như trên;', 'Sở Nội vụ;', 'Lưu: VT.']);
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stdout, /distribution \(Nơi nhận\):\n {2}Như trên;\n {2}Sở Nội vụ;\n {2}Lưu: VT.\n/u);
  const unknown = cli(['settings', 'set', 'colour', 'đỏ']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /Không có mục "colour"/u);

  const file = join(dir, 'settings.json');
  writeFileSync(file, JSON.stringify({ place: 'Từ Sơn', signer: { name: 'Nguyễn Văn B' } }));
  assert.equal(cli(['settings', 'import', file]).code, 0);
  const text = cli(['settings']).stdout;
  assert.match(text, /^place \(Địa danh\): Từ Sơn$/mu);
  assert.match(text, /^signer\.name \(Người ký\): Nguyễn Văn B$/mu);
  assert.match(text, /^signer\.positionLines \(.*\):\n {2}TRƯỞNG BAN$/mu);
});

test('report --period 2023-01..2023-02: one notice for two months, as text and DOCX', async () => {
  const db = join(dir, 'range.sqlite');
  const run = (args: string[]) => spawnSync(BIN, ['--db', db, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  for (const month of ['01', '02']) {
    const file = join(dir, `seed-${month}.txt`);
    const text = readFileSync(SEED_TEXT_PATH, 'utf8')
      .replace('23/01/2024 – 22/02/2024', month === '01' ? '23/12/2022 – 22/01/2023' : '23/01/2023 – 22/02/2023')
      .replace('ngày 27 tháng 02 năm 2024', `ngày 27 tháng ${month} năm 2023`)
      .replace('Số: 02/BBT-CTTĐT', `Số: ${month}/BBT-CTTĐT`)
      .replaceAll('02/2024', `${month}/2023`);
    writeFileSync(file, text);
    const imported = run(['import-notice', file]);
    assert.equal(imported.status, 0, imported.stderr);
  }
  const shown = run(['report', '--period', '2023-01..2023-02']);
  assert.equal(shown.status, 0, shown.stderr);
  assert.match(shown.stdout, /tháng 01 và tháng 02\/2023 \(23\/12\/2022 – 22\/02\/2023\)/u);
  assert.match(shown.stdout, /I\.\tCác Sở, ban, ngành tỉnh\t\t\t\t\t2\.778/u);
  const docx = join(dir, 'range.docx');
  const written = run(['report', '--period', '2023-01..2023-02', '--format', 'docx', '--out', docx, '--date', '2023-02-28']);
  assert.equal(written.status, 0, written.stderr);
  assert.match(flat(await docxText(readFileSync(docx))), /Số: 03\/BBT-CTTĐT .*Cổng Thông tin điện tử tháng 01 và tháng 02\/2023/u);
  const news = run(['report', '--period', '2023-01..2023-02', '--format', 'news']);
  assert.equal(news.status, 1);
  assert.match(news.stderr, /từng tháng/u);
  const bad = run(['report', '--period', '2023-02..2023-01']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /tháng cuối phải sau tháng đầu/u);
});
