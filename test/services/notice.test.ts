import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { renderNoticeDocx } from '../../src/documents/docx.js';
import { buildNoticeModel } from '../../src/documents/notice-model.js';
import { renderNoticePdf } from '../../src/documents/pdf.js';
import { XLSX_COUNT_FORMAT } from '../../src/documents/layout.js';
import { AppError } from '../../src/errors.js';
import { importPeriodFile } from '../../src/services/import.js';
import { importNotice, nextNoticeNumber, renderPeriodNotice } from '../../src/services/notice.js';
import { listPeriods } from '../../src/services/periods.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { updateSettings } from '../../src/services/settings.js';
import { getPeriodReport } from '../../src/services/report.js';
import { dbTest, type TestDatabase } from '../helpers/db.js';
import { docxText, docxXml, flat, pdfPages, seedSettings, syntheticReport, xlsxText } from '../helpers/notice.js';
import { SEED_SUBTOTALS, SEED_SUMMARY, seedCsv, seedRows, seedText } from '../helpers/seed.js';
import { publish } from '../../src/services/publishing.js';
import { cliActor } from '../../src/services/audit.js';

/** The seed's header lines, as the notice prints them. */
const SEED_HEADER = [
  'UBND TỈNH BẮC NINH',
  'BAN BIÊN TẬP CÔNG THÔNG TIN TỈNH',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'Số: 02/BBT-CTTĐT',
  'Bắc Ninh, ngày 27 tháng 02 năm 2024',
  'V/v thông báo kết quả đánh giá, chấm điểm mức độ cập nhật thông tin trên các Cổng Thông tin điện tử tháng 02/2024',
  'Kính gửi: - Các Sở, ban, ngành tỉnh;',
  '- UBND các huyện, thị xã, thành phố.',
  'tháng 02/2024 (23/01/2024 – 22/02/2024) như sau:',
  'Thang điểm: 100 điểm',
];
const SEED_CLOSING = ['Nơi nhận:', '- Như trên;', '- Lưu: VT.', 'TRƯỞNG BAN', 'CHÁNH VĂN PHÒNG UBND TỈNH', 'Vũ Huy Phương'];

async function province(db: TestDatabase) {
  return (await resolveProvince(db.db)).id;
}

/** Asserts that every seed row appears, as a run of words, in order in the text. */
function assertRowsInOrder(text: string, label: string) {
  const words = flat(text);
  let from = 0;
  for (const row of seedRows()) {
    const at = words.indexOf(flat(row.join(' ')), from);
    assert.ok(at >= 0, `${label}: row ${row.join(' | ')} missing or out of order`);
    from = at;
  }
}

function assertHolds(text: string, lines: readonly string[], label: string) {
  const words = flat(text);
  for (const line of lines) assert.ok(words.includes(flat(line)), `${label}: missing "${line}"`);
}

dbTest('seed text → import-notice → DOCX, PDF, XLSX read back as the seed', async (db) => {
  const id = await province(db);
  const summary = await importNotice(db.db, cliActor(id), Buffer.from(seedText(), 'utf8'));
  assert.deepEqual([summary.period, summary.units, summary.number, summary.date, summary.settingsTaken], ['2024-02', 29, '02/BBT-CTTĐT', '2024-02-27', true]);
  assert.deepEqual(summary.warnings, []);

  const docx = await renderPeriodNotice(db.db, id, '2024-02', 'docx');
  assert.equal(docx.fileName, 'thong-bao-2024-02-so-02-BBT-CTTDT.docx');
  const docxWords = await docxText(docx.content);
  assertHolds(docxWords, [...SEED_HEADER, ...SEED_SUMMARY, ...SEED_CLOSING], 'docx');
  assertRowsInOrder(docxWords, 'docx');
  assert.match(flat(docxWords), /I\. Các Sở, ban, ngành tỉnh 1\.389 1 Thanh tra tỉnh/u);
  assert.match(flat(docxWords), /II\. UBND huyện, thị xã, thành phố 650 1 Thị xã Quế Võ/u);

  const pdf = await renderPeriodNotice(db.db, id, '2024-02', 'pdf');
  assert.equal(pdf.contentType, 'application/pdf');
  const pdfWords = pdfPages(pdf.content).join('\n');
  assertHolds(pdfWords, [...SEED_HEADER, ...SEED_SUMMARY, ...SEED_CLOSING], 'pdf');
  assertRowsInOrder(pdfWords, 'pdf');
  for (const subtotal of SEED_SUBTOTALS) assert.ok(flat(pdfWords).includes(` ${subtotal} `), `pdf subtotal ${subtotal}`);
  // The header's narrow columns wrap between words, never inside one ("chu / yên", "c / hấm").
  const pdfTokens = new Set(pdfWords.split(/\s+/u));
  for (const piece of ['chu', 'yên', 'ch', 'hấm', 'kh', 'ông', 'TT']) assert.ok(!pdfTokens.has(piece), `pdf: a word cut, "${piece}" alone`);

  const xlsx = await renderPeriodNotice(db.db, id, '2024-02', 'xlsx');
  const { sheets, workbook } = await xlsxText(xlsx.content);
  assertRowsInOrder(sheets[0]!, 'xlsx');
  assertHolds(sheets[1]!, [...SEED_HEADER.slice(0, 7), ...SEED_SUMMARY, ...SEED_CLOSING], 'xlsx text sheet');
  const table = workbook.worksheets[0]!;
  assert.deepEqual([table.getCell('A1').value, table.getCell('D1').value, table.getCell('D2').value, table.getCell('F2').value], [
    'STT', 'Số lượng chuyên mục cập nhật trong tháng', 'Cập nhật đầy đủ', 'Không cập nhật',
  ]);
  assert.ok(table.getCell('A2').isMerged && table.getCell('E1').isMerged, 'merged two-row header');
  assert.deepEqual(table.getCell('G3').value, { formula: 'SUM(G4:G24)', result: 1389 });
  assert.deepEqual(table.getCell('G25').value, { formula: 'SUM(G26:G33)', result: 650 });
  // exceljs drops the format's escapes when it reads the file back.
  assert.equal(table.getCell('G4').numFmt, XLSX_COUNT_FORMAT.replaceAll('\\', ''));
  const view = table.views[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
  assert.deepEqual([view?.state, view?.ySplit], ['frozen', 2]);
  assert.ok(table.autoFilter, 'autofilter');
  assert.equal(table.pageSetup.paperSize, 9);
  assert.equal(table.pageSetup.printTitlesRow, '1:2');
  assert.equal(table.getCell('I33').note, 'Trừ 2 điểm: Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn');
});

dbTest('importing the seed notice ranks exactly as importing the seed CSV', async (db) => {
  const id = await province(db);
  await importPeriodFile(db.db, cliActor(id), { periodId: '2024-01', content: seedCsv(), fileName: 'seed.csv' });
  await importNotice(db.db, cliActor(id), Buffer.from(seedText(), 'utf8'));
  const fromCsv = await getPeriodReport(db.db, id, '2024-01');
  const fromNotice = await getPeriodReport(db.db, id, '2024-02');
  const shape = (r: typeof fromCsv) => ({ groups: r.groups, deducted: r.deducted });
  assert.deepEqual(shape(fromNotice), shape(fromCsv));
  assert.equal(fromNotice.period.status, 'published');
});

dbTest('a notice it cannot read is refused with what was missing, nothing written', async (db) => {
  const id = await province(db);
  const broken = seedText().replace('Số: 02/BBT-CTTĐT', '').replace(/^- Lý do bị trừ điểm.*$/mu, '');
  const error = await importNotice(db.db, cliActor(id), Buffer.from(broken, 'utf8')).then(() => null, (e: unknown) => e);
  assert.ok(error instanceof AppError);
  const messages = (error.details as { problems: { message: string }[] }).problems.map((p) => p.message);
  assert.ok(messages.some((m) => /số công văn/u.test(m)));
  assert.ok(messages.some((m) => /không ghi lý do/u.test(m)));
  assert.deepEqual(await listPeriods(db.db, id), []);
  const binary = await importNotice(db.db, cliActor(id), Buffer.from([0xff, 0xfe, 0x00, 0x41])).then(() => null, (e: unknown) => e);
  assert.ok(binary instanceof AppError && binary.code === 'import_invalid');
  assert.deepEqual(await listPeriods(db.db, id), []);
});

dbTest('a range that differs from the cut-off is reported; existing settings are kept', async (db) => {
  const { id, settings } = await resolveProvince(db.db);
  await updateSettings(db.db, cliActor(id), { settings: { ...seedSettings(), place: 'Từ Sơn', cutOffDay: 20 } });
  const summary = await importNotice(db.db, cliActor(id), Buffer.from(seedText(), 'utf8'));
  assert.equal(summary.settingsTaken, false);
  assert.deepEqual(summary.warnings, [
    'Công văn ghi kỳ 23/01/2024 – 22/02/2024, khác với kỳ theo ngày chốt 20 của tỉnh (21/01/2024 – 20/02/2024); kỳ được lưu theo ngày chốt của tỉnh.',
  ]);
  assert.equal((await resolveProvince(db.db)).settings.place, 'Từ Sơn');
  assert.notEqual(settings.place, 'Từ Sơn');
});

dbTest('a DOCX notice we generated and a simpler one built otherwise both import', async (db) => {
  const id = await province(db);
  await importNotice(db.db, cliActor(id), Buffer.from(seedText(), 'utf8'));
  const ours = await renderPeriodNotice(db.db, id, '2024-02', 'docx');
  const expected = await getPeriodReport(db.db, id, '2024-02');

  // Our own DOCX, imported into a second province.
  const again = await resolveProvince(db.db, 'tinh-hai');
  const fromOurs = await importNotice(db.db, cliActor(again.id), ours.content);
  assert.deepEqual([fromOurs.format, fromOurs.units, fromOurs.settingsTaken, fromOurs.warnings], ['docx', 29, true, []]);
  const reread = await getPeriodReport(db.db, again.id, '2024-02');
  assert.deepEqual(reread.groups.map((g) => g.units.map((u) => [u.name, u.score, u.articles])), expected.groups.map((g) => g.units.map((u) => [u.name, u.score, u.articles])));
  assert.deepEqual((await resolveProvince(db.db, 'tinh-hai')).settings.signer, seedSettings().signer);

  // A plain DOCX: paragraphs for the header, one header row, no merged cells, a bulleted "Nơi nhận".
  const third = await resolveProvince(db.db, 'tinh-ba');
  const simple = await simpleDocx();
  const summary = await importNotice(db.db, cliActor(third.id), simple);
  assert.deepEqual([summary.period, summary.number, summary.date, summary.units], ['2024-04', '15/UBND-VX', '2024-04-05', 3]);
  const report = await getPeriodReport(db.db, third.id, '2024-04');
  assert.deepEqual(report.groups.map((g) => [g.name, g.articles, g.units.map((u) => [u.name, u.score])]), [
    ['UBND xã, phường', 50, [['Phường Kinh Bắc', 100], ['Xã Phù Chẩn', 100], ['Xã Tam Sơn', 95]]],
  ]);
  assert.deepEqual(report.deducted, [{ name: 'Xã Tam Sơn', points: 5, reasons: ['Chậm cập nhật văn bản chỉ đạo'] }]);
  const settings = (await resolveProvince(db.db, 'tinh-ba')).settings;
  assert.deepEqual([settings.parentBody, settings.issuingBody, settings.noticeSymbol, settings.distribution], [
    '', 'UBND THÀNH PHỐ TỪ SƠN', 'UBND-VX', ['Như trên', 'Lưu: VT, VP'],
  ]);
});

/** A notice typed in Word by hand: no layout tables, a one-row header. */
async function simpleDocx(): Promise<Buffer> {
  const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
  const cells = (values: string[]) => new TableRow({ children: values.map((v) => new TableCell({ children: [p(v)] })) });
  const doc = new Document({
    sections: [
      {
        children: [
          p('UBND THÀNH PHỐ TỪ SƠN'),
          p('Số: 15/UBND-VX'),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: 'Từ Sơn, ngày 05 tháng 4 năm 2024', italics: true })] }),
          p('V/v kết quả chấm điểm Cổng TTĐT tháng 04/2024'),
          p('Kính gửi: UBND các xã, phường.'),
          p('UBND thành phố thông báo kết quả tháng 04/2024 (23/03/2024 – 22/04/2024) như sau:'),
          p('- Lý do bị trừ điểm là do chậm cập nhật văn bản chỉ đạo.'),
          new Table({
            rows: [
              cells(['STT', 'Tên đơn vị', 'Tổng số chuyên mục phải cập nhật', 'Cập nhật đầy đủ', 'Cập nhật không đầy đủ', 'Không cập nhật', 'Số lượng tin, bài, video', 'Tự đánh giá, chấm điểm', 'Kết quả rà soát']),
              cells(['I.', 'UBND xã, phường', '', '', '', '', '50', '', '']),
              cells(['1', 'Phường Kinh Bắc', '10', '10', '0', '0', '30', '100', '100']),
              cells(['2', 'Xã Phù Chẩn', '10', '10', '0', '0', '12', '100', '100']),
              cells(['3', 'Xã Tam Sơn', '10', '9', '1', '0', '8', '100', '95']),
            ],
          }),
          p('Nơi nhận:'),
          new Paragraph({ bullet: { level: 0 }, children: [new TextRun('Như trên;')] }),
          new Paragraph({ bullet: { level: 0 }, children: [new TextRun('Lưu: VT, VP.')] }),
          p('CHỦ TỊCH'),
          p('Nguyễn Văn A'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

dbTest('number and date default to the published ones, else the next of the year and today', async (db) => {
  const id = await province(db);
  await importNotice(db.db, cliActor(id), Buffer.from(seedText(), 'utf8'));
  assert.equal(await nextNoticeNumber(db.db, id, 2024), '03/BBT-CTTĐT');
  assert.equal(await nextNoticeNumber(db.db, id, 2025), '01/BBT-CTTĐT');

  await importPeriodFile(db.db, cliActor(id), { periodId: '2024-03', content: seedCsv(), fileName: 'march.csv' });
  const march = await renderPeriodNotice(db.db, id, '2024-03', 'docx', { date: '2024-03-26' });
  assert.match(flat(await docxText(march.content)), /Số: 03\/BBT-CTTĐT .*Bắc Ninh, ngày 26 tháng 3 năm 2024/u);
  const given = await renderPeriodNotice(db.db, id, '2024-03', 'docx', { number: '07 / BBT-CTTĐT', date: '2024-04-05' });
  assert.match(flat(await docxText(given.content)), /Số: 07\/BBT-CTTĐT .*ngày 05 tháng 4 năm 2024/u);
  await publish(db.db, cliActor(id), '2024-03', { number: '04/BBT-CTTĐT', date: '2024-03-27' });
  assert.equal(await nextNoticeNumber(db.db, id, 2024), '05/BBT-CTTĐT');
  const published = await renderPeriodNotice(db.db, id, '2024-03', 'pdf');
  assert.match(flat(pdfPages(published.content).join(' ')), /Số: 04\/BBT-CTTĐT/u);

  for (const bad of [{ date: '2024-02-30' }, { number: 'ba' }]) {
    const error = await renderPeriodNotice(db.db, id, '2024-03', 'pdf', bad).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof AppError && error.code === 'validation', JSON.stringify(bad));
  }
});

dbTest('a province without settings still gets its notice, blank where the settings go', async (db) => {
  const id = await province(db);
  await importPeriodFile(db.db, cliActor(id), { periodId: '2024-02', content: seedCsv(), fileName: 'seed.csv' });
  const docx = await renderPeriodNotice(db.db, id, '2024-02', 'docx', { date: '2024-02-27' });
  const words = flat(await docxText(docx.content));
  assert.match(words, /Số: 01\/BBT-CTTĐT .*Ngày 27 tháng 02 năm 2024/u);
  assert.doesNotMatch(words, /Kính gửi/u);
  assertRowsInOrder(words, 'docx without settings');
  const pdf = flat(pdfPages((await renderPeriodNotice(db.db, id, '2024-02', 'pdf', { date: '2024-02-27' })).content).join(' '));
  assert.match(pdf, /Ngày 27 tháng 02 năm 2024/u);
  assert.doesNotMatch(pdf, /Kính gửi/u);
});

test('a notice of 40 or more rows breaks across pages with the header row repeated', async () => {
  const model = buildNoticeModel({ report: syntheticReport(46), settings: seedSettings(), number: '05/BBT-CTTĐT', date: '2024-05-27' });
  const pages = pdfPages(await renderNoticePdf(model));
  assert.ok(pages.length >= 2, `expected several pages, got ${pages.length}`);
  const rows = model.table.rows.filter((r) => r.kind === 'unit');
  for (const [i, page] of pages.entries()) {
    const words = flat(page);
    const holdsRows = rows.some((r) => words.includes(flat(`${r.rank} ${r.name}`)));
    if (!holdsRows) continue;
    assert.match(words, /STT Tên đơn vị/u, `page ${i + 1} lacks the table header`);
    assert.match(words, /Kết quả rà soát chấm điểm của Cổng TTĐT tỉnh/u, `page ${i + 1} lacks the table header`);
    // The page number is drawn last, in the top margin.
    if (i > 0) assert.match(words, new RegExp(`(^| )${i + 1}$`, 'u'), `page ${i + 1} lacks its number`);
  }
  assert.ok(pages.filter((p) => /STT Tên đơn vị/u.test(flat(p))).length >= 2, 'the header repeats');
  assert.doesNotMatch(flat(pages[0]!), / 1$/u, 'no number on the first page');

  const xml = await docxXml(await renderNoticeDocx(model));
  const dataTable = xml.split('<w:tbl>').find((t) => t.includes('Tên đơn vị'))!;
  const rowsXml = dataTable.split('<w:tr>').slice(1);
  assert.equal(rowsXml.length, 2 + model.table.rows.length);
  assert.deepEqual(rowsXml.map((r) => r.includes('<w:tblHeader/>')).slice(0, 4), [true, true, false, false]);
  assert.ok(xml.includes('<w:pgSz w:w="11906" w:h="16838"'), 'A4');
  assert.ok(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/u.test(xml), 'margins 20/15/20/30 mm');
  assert.ok(xml.includes('<w:titlePg/>'), 'no page number on the first page');
});
