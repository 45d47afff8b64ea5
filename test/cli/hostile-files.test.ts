/**
 * Zip bombs given to the CLI: `import`, `pakn import` and `import-notice`
 * exit 1 with a Vietnamese reason, write nothing, and peak no more than 300 MB above an idle run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Document, Packer, Paragraph } from 'docx';
import { docxBomb, xlsxBomb } from '../helpers/zip-bomb.js';

const BIN = new URL('../../bin/portal-scorecard', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ps-cli-bomb-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI under GNU time: its exit code, stderr and peak resident set in kilobytes. */
function cli(args: string[]) {
  const result = spawnSync('/usr/bin/time', ['-f', 'peak-kb=%M', BIN, '--db', join(dir, 'cli.sqlite'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
  });
  const peak = Number(/peak-kb=(\d+)/.exec(result.stderr)?.[1]);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, peakKb: peak };
}

test('import, pakn import and import-notice refuse zip bombs without growing', async () => {
  const idle = cli(['periods']);
  assert.equal(idle.code, 0, idle.stderr);
  assert.ok(idle.peakKb > 0);
  const xlsx = join(dir, 'bom.xlsx');
  writeFileSync(xlsx, await xlsxBomb(400));
  const docx = join(dir, 'bom.docx');
  const base = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Ban Biên tập')] }] }));
  writeFileSync(docx, await docxBomb(400, base));
  for (const args of [['import', xlsx, '--period', '2024-02'], ['pakn', 'import', xlsx], ['import-notice', docx]]) {
    const run = cli(args);
    assert.equal(run.code, 1, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, /bom nén/, args.join(' '));
    assert.ok(run.peakKb - idle.peakKb < 300 * 1024, `${args.join(' ')}: ${run.peakKb} KB vs idle ${idle.peakKb} KB`);
  }
  const periods = cli(['periods']);
  assert.equal(periods.code, 0);
  assert.doesNotMatch(periods.stdout, /2024-02/);
});
