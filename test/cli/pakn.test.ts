import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { SEED_CSV_PATH } from '../helpers/seed.js';

const BIN = new URL('../../bin/portal-scorecard', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ps-cli-pakn-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], dbName = 'cli.sqlite') {
  const result = spawnSync(BIN, ['--db', join(dir, dbName), ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const PAKN_CSV = [
  'Đơn vị,Ngày tiếp nhận,Nội dung,Hạn trả lời,Ngày trả lời',
  'Huyện Tiên Du,15/01/2024 08:00,Phản ánh đường hỏng,,',
  'Sở Y tế,01/02/2024,Hỏi về bảo hiểm y tế,,07/02/2024 09:00',
].join('\n');

test('pakn import, overdue and proposals reproduce the seed’s deduction', () => {
  assert.equal(cli(['import', SEED_CSV_PATH, '--period', '2024-02']).code, 0);
  const file = join(dir, 'pakn.csv');
  writeFileSync(file, PAKN_CSV);
  const imported = cli(['pakn', 'import', file]);
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stderr, /Đã nhập 2 PAKN \(CSV\): 2 mới, 0 cập nhật/);

  const overdue = cli(['pakn', 'overdue', '--period', '2024-02']);
  assert.equal(overdue.code, 0, overdue.stderr);
  assert.match(overdue.stdout, /^Huyện Tiên Du: 01 câu trả lời quá hạn$/m);
  assert.match(overdue.stdout, /\tPhản ánh đường hỏng\ttiếp nhận 15\/01\/2024 08:00\thạn 29\/01\/2024\tchưa trả lời\ttrễ 13 ngày làm việc$/m);
  const json = JSON.parse(cli(['pakn', 'overdue', '--period', '2024-02', '--format', 'json']).stdout) as { units: { name: string }[] };
  assert.deepEqual(json.units.map((u) => u.name), ['Huyện Tiên Du']);

  const proposals = cli(['proposals', '--period', '2024-02']);
  assert.equal(proposals.code, 0, proposals.stderr);
  assert.match(proposals.stdout, /theo quy tắc mặc định/);
  assert.match(
    proposals.stdout,
    /^Huyện Tiên Du\n1\.\t-2\tMột số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn\n\tđã ghi -2\tMột số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn$/m,
  );

  const accepted = cli(['proposals', '--period', '2024-02', '--accept', 'huyện tiên du', '--reject', '1']);
  assert.equal(accepted.code, 0, accepted.stderr);
  assert.equal(accepted.stdout, '-2\tMột số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn\n');
  assert.match(accepted.stderr, /Huyện Tiên Du: 98 điểm/);
  assert.equal(cli(['proposals', '--period', '2024-02', '--accept', 'Huyện Tiên Du', '--reject', 'x']).code, 1);

  const list = cli(['pakn', 'list']);
  assert.match(list.stdout, /Sở Y tế\tHỏi về bảo hiểm y tế\thạn 22\/02\/2024\tĐã trả lời đúng hạn/);
});

test('a bad PAKN file exits 1 with its problems and writes nothing', () => {
  assert.equal(cli(['import', SEED_CSV_PATH, '--period', '2024-02'], 'bad.sqlite').code, 0);
  const file = join(dir, 'bad.csv');
  writeFileSync(file, `${PAKN_CSV}\nHuyện Không Có,32/01/2024,Hỏi,,\n`);
  const result = cli(['pakn', 'import', file], 'bad.sqlite');
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Dòng 4, cột "Ngày tiếp nhận": "32\/01\/2024" không phải ngày hợp lệ/);
  assert.equal(cli(['pakn', 'list'], 'bad.sqlite').stdout, '');
});

test('rules show the defaults, then a rule set the board sets', () => {
  const shown = cli(['rules'], 'rules.sqlite');
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /^Bộ quy tắc MẶC ĐỊNH: Quy tắc mặc định, chờ Ban Biên tập xác nhận$/m);
  assert.match(shown.stdout, /Điểm trừ mỗi chuyên mục cập nhật không đầy đủ: 2$/m);
  const set = cli(['rules', 'set', '--from', '2024-03-01', '--note', 'QĐ 05/QĐ-BBT', '--partial-points', '1,5', '--cap', '10'], 'rules.sqlite');
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stdout, /Điểm trừ mỗi chuyên mục cập nhật không đầy đủ: 1,5$/m);
  const march = JSON.parse(cli(['rules', '--period', '2024-03', '--json'], 'rules.sqlite').stdout) as { partialCategoryPoints: number; capPerUnitMonth: number };
  assert.deepEqual([march.partialCategoryPoints, march.capPerUnitMonth], [1.5, 10]);
  const february = JSON.parse(cli(['rules', '--period', '2024-02', '--json'], 'rules.sqlite').stdout) as { isDefault: boolean };
  assert.equal(february.isDefault, true);
  const bad = cli(['rules', 'set', '--from', '2024-04-01', '--note', 'x', '--floor', 'abc'], 'rules.sqlite');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--floor: "abc" không phải là số/);
  assert.equal((JSON.parse(cli(['rules', '--all', '--json'], 'rules.sqlite').stdout) as unknown[]).length, 1);
});

test('days-off lists the computed holidays and the announced changes', () => {
  const added = cli(['days-off', 'add', '2024-04-29', '--kind', 'off', '--note', 'Thông báo 6150/TB-BLĐTBXH'], 'days.sqlite');
  assert.equal(added.code, 0, added.stderr);
  const listed = cli(['days-off', '--year', '2024'], 'days.sqlite');
  assert.match(listed.stdout, /^10\/02\/2024\tThứ Bảy\tTết Nguyên đán$/m);
  assert.match(listed.stdout, /^13\/02\/2024\tThứ Ba\tNghỉ bù cho ngày 10\/02\/2024$/m);
  assert.match(listed.stdout, /^18\/04\/2024\tThứ Năm\tGiỗ Tổ Hùng Vương$/m);
  assert.match(listed.stdout, /^29\/04\/2024\tThứ Hai\tNghỉ theo thông báo: Thông báo 6150\/TB-BLĐTBXH$/m);
  assert.equal(cli(['days-off', 'remove', '2024-04-29'], 'days.sqlite').code, 0);
  assert.equal(cli(['days-off', 'remove', '2024-04-29'], 'days.sqlite').code, 1);
});

test('report --year and --quarter, json and txt', () => {
  assert.equal(cli(['import', SEED_CSV_PATH, '--period', '2024-02'], 'year.sqlite').code, 0);
  const out = join(dir, 'year.json');
  const written = cli(['report', '--year', '2024', '--include-unpublished', '--format', 'json', '--out', out], 'year.sqlite');
  assert.equal(written.code, 0, written.stderr);
  const year = JSON.parse(readFileSync(out, 'utf8')) as { year: number; groups: { name: string; units: { rank: number; name: string; average: number; deductedMonths: number }[] }[] };
  assert.equal(year.year, 2024);
  assert.deepEqual(year.groups.map((g) => g.units.length), [21, 8]);
  const last = year.groups[1]!.units.at(-1)!;
  assert.deepEqual([last.rank, last.name, last.average, last.deductedMonths], [8, 'Huyện Tiên Du', 98, 1]);
  const quarter = cli(['report', '--quarter', '2024-Q1', '--include-unpublished'], 'year.sqlite');
  assert.match(quarter.stdout, /quý 1 năm 2024 \(các kỳ 02\/2024\)/);
  assert.match(quarter.stdout, /^1\tThanh tra tỉnh\t1\t100\t0\t160$/m);
  assert.match(cli(['report', '--year', '2024'], 'year.sqlite').stdout, /Chưa có kỳ nào đã công bố/);
  const neither = cli(['report'], 'year.sqlite');
  assert.equal(neither.code, 1);
  assert.match(neither.stderr, /Cần --period YYYY-MM, --year YYYY hoặc --quarter YYYY-Qn/);
  assert.equal(cli(['report', '--quarter', '2024-Q5'], 'year.sqlite').code, 1);
});

test('appeals: the window closes five working days after the notice; decisions need a pending appeal', () => {
  const imported = cli(['import-notice', new URL('../fixtures/seed-02-2024.txt', import.meta.url).pathname], 'appeals.sqlite');
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal(cli(['appeals', 'list'], 'appeals.sqlite').stdout, '');
  const late = cli(['appeals', 'submit', '--period', '2024-02', '--unit', 'Huyện Tiên Du', '--deduction', '1', '--reason', 'Đã trả lời đúng hạn'], 'appeals.sqlite');
  assert.equal(late.code, 1);
  assert.match(late.stderr, /Đã hết hạn khiếu nại kỳ 2024-02 \(hạn 05\/03\/2024\)/);
  const unknown = cli(['appeals', 'decide', 'khong-co', '--reject', '--reason', 'x'], 'appeals.sqlite');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /Không tìm thấy khiếu nại/);
  assert.match(cli(['appeals', 'decide', 'khong-co', '--reason', 'x'], 'appeals.sqlite').stderr, /Cần --uphold hoặc --reject/);
});

test('--help works on the commands of rules, PAKN, days off and appeals', () => {
  for (const command of [['pakn'], ['pakn', 'import'], ['pakn', 'overdue'], ['pakn', 'list'], ['rules'], ['rules', 'set'], ['days-off'], ['days-off', 'add'], ['days-off', 'remove'], ['proposals'], ['appeals', 'list'], ['appeals', 'submit'], ['appeals', 'decide']]) {
    const result = cli([...command, '--help']);
    assert.equal(result.code, 0, `${command.join(' ')}: ${result.stderr}`);
    assert.match(result.stdout, /Usage:/);
  }
});
