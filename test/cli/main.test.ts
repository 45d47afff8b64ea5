import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { SEED_CSV_PATH, SEED_SUMMARY, seedRows } from '../helpers/seed.js';

const BIN = new URL('../../bin/portal-scorecard', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ps-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], dbName = 'cli.sqlite') {
  const result = spawnSync(BIN, ['--db', join(dir, dbName), ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('import then report txt prints the seed table', () => {
  const imported = cli(['import', SEED_CSV_PATH, '--period', '2024-02']);
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stderr, /29 đơn vị/);
  const report = cli(['report', '--period', '2024-02', '--format', 'txt']);
  assert.equal(report.code, 0, report.stderr);
  const rows = report.stdout.split('\n').filter((l) => /^\d+\t/.test(l)).map((l) => l.split('\t'));
  assert.deepEqual(rows, seedRows());
  for (const line of SEED_SUMMARY) assert.ok(report.stdout.includes(line));
});

test('report json to a file, periods and units', () => {
  cli(['import', SEED_CSV_PATH, '--period', '2024-02'], 'b.sqlite');
  const out = join(dir, 'r.json');
  const written = cli(['report', '--period', '2024-02', '--format', 'json', '--out', out], 'b.sqlite');
  assert.equal(written.code, 0, written.stderr);
  const json = JSON.parse(readFileSync(out, 'utf8')) as { groups: { articles: number }[] };
  assert.deepEqual(json.groups.map((g) => g.articles), [1389, 650]);
  const periods = cli(['periods'], 'b.sqlite');
  assert.match(periods.stdout, /^2024-02\t23\/01\/2024 – 22\/02\/2024\tĐang rà soát$/m);
  const units = cli(['units'], 'b.sqlite').stdout.trim().split('\n');
  assert.equal(units.length, 29);
  assert.equal(units[0], 'Thanh tra tỉnh');
});

test('bad input exits non-zero with every problem on stderr', () => {
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, readFileSync(SEED_CSV_PATH, 'utf8').replace('Thanh tra tỉnh,19,19,0,0,160,100', 'Thanh tra tỉnh,19,19,0,1,160,130'));
  const result = cli(['import', bad, '--period', '2024-02'], 'c.sqlite');
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Dòng 2, cột "Tổng số chuyên mục phải cập nhật"/);
  assert.match(result.stderr, /Dòng 2, cột "Tự đánh giá, chấm điểm": 130 nằm ngoài/);
  assert.equal(cli(['periods'], 'c.sqlite').stdout, '');
  assert.equal(cli(['report', '--period', '2024-13'], 'c.sqlite').code, 1);
  assert.equal(cli(['import', join(dir, 'missing.csv'), '--period', '2024-02'], 'c.sqlite').code, 1);
});

test('templates are written in both formats', () => {
  for (const format of ['csv', 'xlsx']) {
    const out = join(dir, `mau.${format}`);
    const result = cli(['template', '--format', format, '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(readFileSync(out).length > 50);
  }
});

test('--help works on every command', () => {
  for (const command of [[], ['import'], ['report'], ['periods'], ['units'], ['template'], ['unit', 'rename']]) {
    const result = cli([...command, '--help']);
    assert.equal(result.code, 0, `${command.join(' ')}: ${result.stderr}`);
    assert.match(result.stdout, /Usage:/);
  }
});
