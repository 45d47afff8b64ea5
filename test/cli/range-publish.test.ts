/**
 * Publishing a notice for several months from the command line: two imported months published at
 * once under one number and date, through the API's service, audited with the command line's actor;
 * the range's notice then carries that number and date.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { cliActor, listAudit } from '../../src/services/audit.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { dbTest } from '../helpers/db.js';
import { docxText, flat } from '../helpers/notice.js';
import { SEED_CSV_PATH } from '../helpers/seed.js';

const BIN = new URL('../../bin/portal-scorecard', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ps-cli-range-'));
after(() => rmSync(dir, { recursive: true, force: true }));

dbTest('publish --period 2023-01..2023-02: both months under one number and date, audited, and the range notice carries them', async (db) => {
  const run = (args: string[]) => spawnSync(BIN, ['--db', db.url, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  const ok = (args: string[]) => {
    const result = run(args);
    assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
    return result;
  };
  for (const month of ['2023-01', '2023-02']) ok(['import', SEED_CSV_PATH, '--period', month]);

  const published = ok(['publish', '--period', '2023-01..2023-02', '--number', '01/BBT-CTTĐT', '--date', '2023-02-27']);
  assert.equal(published.stdout, 'Đã công bố 2 tháng 01/2023, 02/2023 trong một công văn số 01/BBT-CTTĐT ngày 27/02/2023.\n');

  const province = await resolveProvince(db.db);
  const audit = await listAudit(db.db, cliActor(province.id), { entity: 'period', limit: 50, offset: 0 });
  const publishes = audit.entries.filter((e) => e.action === 'publish');
  assert.deepEqual(publishes.map((e) => [e.entityId, e.username, e.userId]).sort(), [
    ['2023-01', userInfo().username, null],
    ['2023-02', userInfo().username, null],
  ]);

  const docx = join(dir, `range-${db.kind}.docx`);
  ok(['report', '--period', '2023-01..2023-02', '--format', 'docx', '--out', docx]);
  const words = flat(await docxText(readFileSync(docx)));
  assert.ok(words.includes('Số: 01/BBT-CTTĐT'), words);
  assert.match(words, /ngày 27 tháng 02 năm 2023/iu);
  // The middle header says what a range's counts are over, not "trong tháng".
  assert.ok(words.includes('Số lượng chuyên mục cập nhật trong 02 tháng'), words);
  assert.ok(!words.includes('cập nhật trong tháng'), words);
  assert.ok(words.includes('Cổng Thông tin điện tử tháng 01 và tháng 02/2023'), words);
});
