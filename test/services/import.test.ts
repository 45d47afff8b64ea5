import assert from 'node:assert/strict';
import type { KyselyPlugin } from 'kysely';
import ExcelJS from 'exceljs';
import { renderTextReport } from '../../src/documents/text-report.js';
import { AppError } from '../../src/errors.js';
import { importPeriodFile } from '../../src/services/import.js';
import { listPeriods } from '../../src/services/periods.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { changeUnit, listUnits } from '../../src/services/registry.js';
import { getPeriodReport } from '../../src/services/report.js';
import { importTemplate } from '../../src/services/templates.js';
import { dbTest, type TestDatabase } from '../helpers/db.js';
import { SEED_SUBTOTALS, SEED_SUMMARY, seedCsv, seedCsvLines, seedRows } from '../helpers/seed.js';
import { publish } from '../../src/services/publishing.js';
import { cliActor } from '../../src/services/audit.js';

async function importText(db: TestDatabase, text: string, periodId = '2024-02', fileName = 'x.csv') {
  const province = await resolveProvince(db.db);
  return importPeriodFile(db.db, cliActor(province.id), { periodId, content: Buffer.from(text, 'utf8'), fileName });
}

async function report(db: TestDatabase, periodId = '2024-02') {
  const province = await resolveProvince(db.db);
  return getPeriodReport(db.db, province.id, periodId);
}

async function problemsOf(promise: Promise<unknown>): Promise<{ line: number; column: string | null; message: string }[]> {
  const error = await promise.then(() => null, (e: unknown) => e);
  assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
  assert.equal(error.code, 'import_invalid');
  return (error.details as { problems: { line: number; column: string | null; message: string }[] }).problems;
}

const tableLines = (text: string) => text.split('\n').filter((l) => /^(\d+|[IVX]+\.)\t/.test(l));

dbTest('golden: the seed CSV gives the seed notice table, subtotals and summary', async (db) => {
  const summary = await importText(db, seedCsv().toString('utf8'));
  assert.equal(summary.units, 29);
  const text = renderTextReport(await report(db));
  const unitLines = tableLines(text).filter((l) => /^\d/.test(l)).map((l) => l.split('\t'));
  assert.deepEqual(unitLines, seedRows());
  const groupLines = tableLines(text).filter((l) => /^[IVX]+\./.test(l)).map((l) => l.split('\t'));
  assert.deepEqual(groupLines.map((g) => [g[0], g[1], g[6]]), [
    ['I.', 'Các Sở, ban, ngành tỉnh', SEED_SUBTOTALS[0]],
    ['II.', 'UBND huyện, thị xã, thành phố', SEED_SUBTOTALS[1]],
  ]);
  for (const line of SEED_SUMMARY) assert.ok(text.includes(line + '\n'), `missing: ${line}`);
  assert.ok(text.includes('tháng 02/2024 (23/01/2024 – 22/02/2024)'));
});

dbTest('the JSON report follows the contract', async (db) => {
  await importText(db, seedCsv().toString('utf8'));
  const r = await report(db);
  assert.deepEqual(r.period, { id: '2024-02', from: '2024-01-23', to: '2024-02-22', status: 'review' });
  assert.deepEqual(r.groups.map((g) => [g.name, g.articles, g.units.length]), [
    ['Các Sở, ban, ngành tỉnh', 1389, 21],
    ['UBND huyện, thị xã, thành phố', 650, 8],
  ]);
  const first = r.groups[0]!.units[0]!;
  assert.deepEqual(Object.keys(first), ['rank', 'id', 'name', 'categories', 'full', 'partial', 'none', 'articles', 'selfScore', 'score', 'deductions', 'reported']);
  assert.deepEqual({ ...first, id: undefined }, { rank: 1, id: undefined, name: 'Thanh tra tỉnh', categories: 19, full: 19, partial: 0, none: 0, articles: 160, selfScore: 100, score: 100, deductions: [], reported: true });
  const tienDu = r.groups[1]!.units.at(-1)!;
  assert.deepEqual([tienDu.name, tienDu.score, tienDu.deductions], ['Huyện Tiên Du', 98, [{ points: 2, reason: 'Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn' }]]);
  assert.deepEqual(r.deducted, [{ name: 'Huyện Tiên Du', points: 2, reasons: ['Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn'] }]);
});

dbTest('a shuffled file with reordered columns, CRLF and BOM ranks the same', async (db) => {
  // Register the units in the seed's order first, then import the month shuffled.
  await importText(db, seedCsv().toString('utf8'), '2024-01');
  const [header, ...rows] = seedCsvLines();
  // The first column moves to the end, the rows run backwards.
  const rotate = (cells: string[]) => [...cells.slice(1), cells[0]!];
  const shuffled = [...rows].reverse();
  const text = '\ufeff' + [header!, ...shuffled].map((l) => rotate(parseCsvLine(l)).map(quote).join(',')).join('\r\n') + '\r\n';
  await importText(db, text, '2024-02');
  const a = await report(db, '2024-01');
  const b = await report(db, '2024-02');
  assert.deepEqual(b.groups.map((g) => g.units.map((u) => u.name)), a.groups.map((g) => g.units.map((u) => u.name)));
});

dbTest('NFD names and double spaces never create a second unit', async (db) => {
  await importText(db, seedCsv().toString('utf8'), '2024-01');
  const nfd = seedCsv().toString('utf8').normalize('NFD').replace(/Sở Y tế/g, 'Sở  Y  tế ').replace(/Huyện Tiên Du/g, '  Huyện   Tiên Du');
  const summary = await importText(db, nfd, '2024-02');
  assert.deepEqual(summary.newUnits, []);
  assert.deepEqual(summary.newGroups, []);
  const province = await resolveProvince(db.db);
  assert.equal((await listUnits(db.db, province.id)).length, 29);
  const names = (await report(db, '2024-02')).groups.flatMap((g) => g.units.map((u) => u.name));
  assert.ok(names.includes('Sở Y tế'));
  for (const n of names) assert.equal(n, n.normalize('NFC'));
});

dbTest('new units and groups go to the end of the registry; ties keep registry order', async (db) => {
  await importText(db, seedCsv().toString('utf8'), '2024-01');
  const extra = seedCsv().toString('utf8').trimEnd() + '\n"UBND xã, phường",Xã Phù Chẩn,15,15,0,0,63,100,2,PAKN quá hạn\n"Các Sở, ban, ngành tỉnh",Sở Ngoại vụ,19,19,0,0,160,100,0,\n';
  const summary = await importText(db, extra, '2024-02');
  assert.deepEqual(summary.newUnits, ['Xã Phù Chẩn', 'Sở Ngoại vụ']);
  const r = await report(db, '2024-02');
  assert.deepEqual(r.groups[0]!.units.slice(0, 2).map((u) => u.name), ['Thanh tra tỉnh', 'Sở Ngoại vụ']);
  assert.equal(r.groups.length, 3);
  assert.equal(r.groups[2]!.name, 'UBND xã, phường');
});

dbTest('every kind of bad input is refused at once and nothing is written', async (db) => {
  const lines = seedCsvLines();
  const bad = [
    lines[0],
    lines[1]!.replace(',19,19,0,0,', ',19,18,0,0,'),
    lines[2]!.replace(',151,', ',-151,'),
    lines[3]!.replace(',119,', ',11.9,'),
    lines[4]!.replace(',113,100,', ',113,101,'),
    lines[5]!.replace(',106,100,0,', ',106,100,3,'),
    lines[6],
    lines[6],
  ].join('\n');
  const problems = await problemsOf(importText(db, bad));
  assert.deepEqual(problems.map((p) => [p.line, p.column]), [
    [2, 'Tổng số chuyên mục phải cập nhật'],
    [3, 'Số lượng tin, bài, video'],
    [4, 'Số lượng tin, bài, video'],
    [5, 'Tự đánh giá, chấm điểm'],
    [6, 'Lý do trừ điểm'],
    [8, 'Tên đơn vị'],
  ]);
  const province = await resolveProvince(db.db);
  assert.deepEqual(await listPeriods(db.db, province.id), []);
  assert.deepEqual(await listUnits(db.db, province.id), []);

  const missing = await problemsOf(importText(db, 'Nhóm,Tên đơn vị,Tổng số chuyên mục phải cập nhật\nG,Sở Y tế,19\n'));
  assert.equal(missing.length, 5);
  assert.ok(missing.some((p) => p.message.includes('Thiếu cột "Cập nhật đầy đủ"')));
  assert.match((await problemsOf(importText(db, '')))[0]!.message, /rỗng/);
  assert.match((await problemsOf(importText(db, '\ufeff\r\n')))[0]!.message, /rỗng/);
  const binary = Buffer.from([0x00, 0xff, 0xfe, 0x10, 0x80]);
  const notCsv = await problemsOf(importPeriodFile(db.db, cliActor(province.id), { periodId: '2024-02', content: binary, fileName: 'a.pdf' }));
  assert.match(notCsv[0]!.message, /không phải CSV/);
  const fakeXlsx = await problemsOf(importPeriodFile(db.db, cliActor(province.id), { periodId: '2024-02', content: Buffer.from('hello'), fileName: 'a.xlsx' }));
  assert.match(fakeXlsx[0]!.message, /XLSX/);
  assert.match((await problemsOf(importText(db, '"Nhóm,Tên\n'))).at(0)!.message, /CSV/);
  assert.deepEqual(await listUnits(db.db, province.id), []);
});

dbTest('re-importing replaces a period; a published period refuses', async (db) => {
  await importText(db, seedCsv().toString('utf8'));
  const changed = seedCsv().toString('utf8').replace('Thanh tra tỉnh,19,19,0,0,160,', 'Thanh tra tỉnh,19,19,0,0,10,');
  const summary = await importText(db, changed);
  assert.equal(summary.replaced, 29);
  const r = await report(db);
  assert.equal(r.groups[0]!.units.find((u) => u.name === 'Thanh tra tỉnh')!.articles, 10);
  assert.equal(r.groups[0]!.articles, 1389 - 150);
  const province = await resolveProvince(db.db);
  await publish(db.db, cliActor(province.id), '2024-02', { number: '02/BBT-CTTĐT', date: '2024-02-27' });
  const error = await importText(db, changed).then(() => null, (e: unknown) => e);
  assert.ok(error instanceof AppError && error.code === 'period_locked');
  assert.equal((await report(db)).groups[0]!.articles, 1389 - 150);
});

dbTest('XLSX import by header, with row numbers in errors', async (db) => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('x');
  const [header, ...rows] = seedCsvLines().map(parseCsvLine);
  sheet.addRow(['STT', ...header!.reverse()]);
  rows.forEach((r, i) => sheet.addRow([i + 1, ...r.reverse().map((c) => (/^\d+$/.test(c) ? Number(c) : c))]));
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  const province = await resolveProvince(db.db);
  await importPeriodFile(db.db, cliActor(province.id), { periodId: '2024-02', content, fileName: 'thang-02.xlsx' });
  assert.deepEqual(tableLines(renderTextReport(await report(db))).filter((l) => /^\d/.test(l)).map((l) => l.split('\t')), seedRows());

  sheet.getRow(5).getCell(2).value = 'không phải số';
  const broken = Buffer.from(await workbook.xlsx.writeBuffer());
  const problems = await problemsOf(importPeriodFile(db.db, cliActor(province.id), { periodId: '2024-03', content: broken, fileName: 'x.xlsx' }));
  assert.equal(problems[0]!.line, 5);
});

dbTest('templates carry every column and import back as headers', async (db) => {
  const csv = (await importTemplate('csv')).toString('utf8');
  assert.ok(csv.startsWith('\ufeffNhóm,Tên đơn vị,Tổng số chuyên mục phải cập nhật,'));
  const problems = await problemsOf(importText(db, csv));
  assert.match(problems[0]!.message, /không có đơn vị/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await importTemplate('xlsx')) as unknown as ArrayBuffer);
  assert.equal(workbook.worksheets[0]!.getRow(1).getCell(7).value, 'Số lượng tin, bài, video');
});

dbTest('renamed, merged and retired units keep their history', async (db) => {
  await importText(db, seedCsv().toString('utf8'), '2024-01');
  const province = await resolveProvince(db.db);
  const units = await listUnits(db.db, province.id);
  const byName = (n: string) => units.find((u) => u.name === n)!;
  const actor = cliActor(province.id);
  await changeUnit(db.db, actor, byName('Sở Công thương').id, { rename: { name: 'Sở Công Thương', effectiveOn: '2024-02-01' } });
  await changeUnit(db.db, actor, byName('Sở Kế hoạch và Đầu tư').id, { merge: { intoUnitId: byName('Sở Tài chính').id, effectiveOn: '2024-02-01' } });
  await changeUnit(db.db, actor, byName('Huyện Lương Tài').id, { retire: { effectiveOn: '2024-03-01' } });
  // The old name still finds the renamed unit; the January report keeps the old name.
  const feb = seedCsv().toString('utf8').replace(/^.*Sở Kế hoạch và Đầu tư.*\n/m, '');
  const summary = await importText(db, feb, '2024-02');
  assert.deepEqual(summary.newUnits, []);
  const janNames = (await report(db, '2024-01')).groups[0]!.units.map((u) => u.name);
  assert.ok(janNames.includes('Sở Công thương') && janNames.includes('Sở Kế hoạch và Đầu tư'));
  const febNames = (await report(db, '2024-02')).groups[0]!.units.map((u) => u.name);
  assert.ok(febNames.includes('Sở Công Thương'));
  // A merged unit's old name now designates the unit it joined: both in one file is one unit twice.
  const both = await problemsOf(importText(db, seedCsv().toString('utf8'), '2024-03'));
  assert.ok(both.some((p) => p.message.includes('cùng đơn vị')));
  assert.ok(both.some((p) => p.message.includes('thôi hoạt động')));
});

function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  const re = /(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    cells.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? ''));
    if (re.lastIndex >= line.length) break;
  }
  return cells;
}

function quote(cell: string): string {
  return /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

dbTest('an import keeps the figures as given and lists the units whose counts imply a deduction the file does not carry', async (db) => {
  // The seed month: Huyện Tiên Du's partial category is the PAKN one its 2 points already cover.
  const seed = await importPeriodFile(db.db, cliActor((await resolveProvince(db.db)).id), { periodId: '2024-02', content: seedCsv(), fileName: 'seed.csv' });
  assert.deepEqual(seed.warnings, []);

  const [head, ...rows] = seedCsvLines();
  const changed = rows.map((row) => {
    // One category not updated and no deduction; one partial category with a deduction that covers it.
    if (row.includes(',Thanh tra tỉnh,')) return '"Các Sở, ban, ngành tỉnh",Thanh tra tỉnh,19,17,1,1,160,100,0,';
    if (row.includes(',Sở Y tế,')) return '"Các Sở, ban, ngành tỉnh",Sở Y tế,19,18,1,0,69,100,2,Một chuyên mục cập nhật không đầy đủ';
    return row;
  });
  const summary = await importText(db, [head, ...changed].join('\n'), '2024-03');
  assert.deepEqual(summary.warnings, [
    {
      line: 2,
      unit: 'Thanh tra tỉnh',
      implied: 7,
      carried: 0,
      message: 'Thanh tra tỉnh: theo quy tắc phải trừ 7 điểm (01 chuyên mục cập nhật không đầy đủ; 01 chuyên mục không cập nhật), tệp ghi không trừ điểm.',
    },
  ]);
  // The board's figures as given: the file's result, not the rules'.
  const units = (await report(db, '2024-03')).groups.flatMap((g) => g.units);
  assert.equal(units.find((u) => u.name === 'Thanh tra tỉnh')!.score, 100);
  assert.equal(units.find((u) => u.name === 'Sở Y tế')!.score, 98);
});

/** Counts the statements a database handle runs (a plugin sees every query Kysely builds). */
function counting(db: TestDatabase): { db: TestDatabase['db']; count: () => number } {
  let count = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      count++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.db.withPlugin(counter), count: () => count };
}

dbTest('newcomers are registered in bulk: the statements an import runs do not grow with its new units', async (db) => {
  const province = await resolveProvince(db.db);
  const header = 'Nhóm,Tên đơn vị,Tổng số chuyên mục phải cập nhật,Cập nhật đầy đủ,Cập nhật không đầy đủ,Không cập nhật,"Số lượng tin, bài, video","Tự đánh giá, chấm điểm"';
  const file = (units: number, prefix: string) =>
    Buffer.from([header, ...Array.from({ length: units }, (_, i) => `Nhóm ${prefix} ${i % 3},${prefix} số ${i + 1},19,19,0,0,${i},100`)].join('\n'));
  const statements = async (units: number, periodId: string, prefix: string) => {
    const { db: watched, count } = counting(db);
    const summary = await importPeriodFile(watched, cliActor(province.id), { periodId, content: file(units, prefix) });
    assert.equal(summary.newUnits.length, units);
    return count();
  };
  const few = await statements(3, '2024-01', 'Xã');
  const many = await statements(600, '2024-02', 'Phường');
  // 600 newcomers cost a few more batched INSERTs than 3 (the import reads and writes 200 rows a
  // statement), not one or more statements each.
  assert.ok(many - few <= 20, `3 new units: ${few} statements; 600: ${many}`);
  const units = await listUnits(db.db, province.id);
  assert.equal(units.length, 603);
  assert.deepEqual(units.slice(3, 6).map((u) => [u.name, u.position]), [['Phường số 1', 4], ['Phường số 2', 5], ['Phường số 3', 6]]);
});
