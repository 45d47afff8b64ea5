/**
 * ZIP-based inputs are checked before anything inflates them: generated bombs
 * (a 1.5 MB XLSX and a DOCX that inflate to 400 MB, one lying about its size, one with too many
 * entries) are refused with a Vietnamese reason, without the process growing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { noticeLines } from '../../src/documents/notice-source.js';
import { checkZip, ZipRefused } from '../../src/documents/zip-guard.js';
import { readTableFile } from '../../src/services/table-file.js';
import { buildZip, docxBomb, manyEntries, xlsxBomb } from '../helpers/zip-bomb.js';

const MB = 1024 * 1024;

/** Runs `body` while sampling the resident set; returns how far it rose above where it started. */
async function peakGrowth(body: () => Promise<void>): Promise<number> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    await body();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().rss) - start;
}

function problemOf(error: unknown): string {
  return (error as { details: { problems: { message: string }[] } }).details.problems[0]!.message;
}

const smallDocx = () => Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Ban Biên tập')] }] }));

test('an XLSX inflating to 400 MB is refused as a bomb, and the process stays small', async () => {
  const bomb = await xlsxBomb(400);
  assert.ok(bomb.length < 2 * MB, `${bomb.length}`);
  const growth = await peakGrowth(async () => {
    await assert.rejects(readTableFile(bomb, 'bom.xlsx'), (error: unknown) => {
      assert.match(problemOf(error), /xl\/worksheets\/sheet1\.xml.*bung ra 400 MB.*bom nén/);
      return true;
    });
  });
  assert.ok(growth < 300 * MB, `grew ${Math.round(growth / MB)} MB`);
});

test('an entry that declares a small size but inflates far more is cut off and refused', async () => {
  const liar = await xlsxBomb(200, 4000);
  const growth = await peakGrowth(async () => {
    await assert.rejects(readTableFile(liar, 'bom.xlsx'), (error: unknown) => {
      assert.match(problemOf(error), /khai báo.*bom nén/);
      return true;
    });
  });
  assert.ok(growth < 300 * MB, `grew ${Math.round(growth / MB)} MB`);
});

test('a DOCX inflating to 400 MB is refused by the notice reader', async () => {
  const bomb = await docxBomb(400, await smallDocx());
  const growth = await peakGrowth(async () => {
    await assert.rejects(noticeLines(bomb), (error: unknown) => {
      assert.match(problemOf(error), /word\/document\.xml.*bom nén/);
      return true;
    });
  });
  assert.ok(growth < 300 * MB, `grew ${Math.round(growth / MB)} MB`);
});

test('too many entries, two entries of one name, a high ratio, a broken archive: each refused with its reason', async () => {
  await assert.rejects(checkZip(manyEntries(2001)), (e: unknown) => e instanceof ZipRefused && /2001 phần/.test(e.message));
  const twice = buildZip([{ name: 'a.xml', data: Buffer.from('<a/>') }, { name: 'a.xml', data: Buffer.from('<b/>') }]);
  await assert.rejects(checkZip(twice), /hai phần cùng tên "a\.xml"/);
  // 2 MB of one byte compresses about a thousandfold: over the ratio though under the size caps.
  const dense = buildZip([{ name: 'x.xml', data: Buffer.alloc(2 * MB, 0x61) }]);
  await assert.rejects(checkZip(dense), /nén tới \d+ lần \(giới hạn 150 lần\)/);
  const truncated = (await xlsxBomb(0.1)).subarray(0, 500);
  await assert.rejects(checkZip(truncated), /hỏng, không đọc được/);
  await assert.rejects(readTableFile(truncated, 'hong.xlsx'), (error: unknown) => /hỏng/.test(problemOf(error)));
});

test('ordinary XLSX and DOCX files pass the check and are read as before', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['Tên đơn vị', 'Số tin bài']);
  for (let i = 0; i < 2000; i += 1) sheet.addRow([`Đơn vị số ${i}`, i]);
  const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
  await checkZip(xlsx);
  const table = await readTableFile(xlsx, 'a.xlsx');
  assert.equal(table.rows.length, 2001);
  assert.deepEqual(table.rows[2001 - 1]!.cells, ['Đơn vị số 1999', '1999']);
  const docx = await smallDocx();
  await checkZip(docx);
  const { format, lines } = await noticeLines(docx);
  assert.equal(format, 'docx');
  assert.ok(lines.some((l) => l.cells.join('').includes('Ban Biên tập')));
});
