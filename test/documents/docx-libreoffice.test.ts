/**
 * The notice's DOCX as an office opens it: converted to PDF by LibreOffice headless (common in
 * Vietnamese offices), its second page must carry the table's whole two-row header, the same as
 * the first page's, and the seed's unit names must stand on one line each where the page allows.
 * Without `soffice` or a font with Times New Roman's metrics the LibreOffice test is skipped loudly
 * and only the XML is checked.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderNoticeDocx } from '../../src/documents/docx.js';
import { textWidthPt } from '../../src/documents/fonts.js';
import { CELL_PADDING_MM, FONT_PT, mmToTwip, TABLE_COLUMNS_MM } from '../../src/documents/layout.js';
import { buildNoticeModel, type NoticeModel } from '../../src/documents/notice-model.js';
import { convertToPdf, docxXml, flat, libreOffice, seedReport, seedSettings } from '../helpers/notice.js';

const hasSoffice = libreOffice.writer;
if (!hasSoffice) {
  console.error(`\n!!! Missing ${libreOffice.missing}: the DOCX-through-LibreOffice check is SKIPPED; only the XML is checked !!!\n`);
}

const seedModel = (): NoticeModel =>
  buildNoticeModel({ report: seedReport(), settings: seedSettings(), number: '02/BBT-CTTĐT', date: '2024-02-27' });

const unitNames = (model: NoticeModel) => model.table.rows.filter((r) => r.kind === 'unit').map((r) => r.name);

const mmOf = (pt: number) => (pt / 72) * 25.4;
/** Room for text in the unit-name column, in millimetres. */
const nameRoomMm = TABLE_COLUMNS_MM[1] - 2 * CELL_PADDING_MM.x;
const fitsOneLine = (name: string) => mmOf(textWidthPt(name, 'regular', FONT_PT.table)) <= nameRoomMm;

test('the DOCX marks both header rows to repeat and never to split; names have the column the page allows', async () => {
  const model = seedModel();
  const xml = await docxXml(await renderNoticeDocx(model));
  const table = xml.split('<w:tbl>').find((t) => t.includes('Tên đơn vị'))!;
  const rows = table.split('<w:tr>').slice(1);
  assert.equal(rows.length, 2 + model.table.rows.length);
  assert.deepEqual(rows.map((r) => r.includes('<w:tblHeader/>')).slice(0, 3), [true, true, false]);
  assert.ok(rows.slice(0, 2).every((r) => r.includes('<w:cantSplit/>')), 'a header row never splits');
  // Both header rows carry their own height, so a repeated header is laid out whole.
  for (const row of rows.slice(0, 2)) assert.match(row, /<w:trHeight w:val="\d+" w:hRule="atLeast"\/>/u);
  assert.ok(table.includes(`<w:gridCol w:w="${mmToTwip(TABLE_COLUMNS_MM[1])}"/>`), 'the name column has its width');

  // Every seed name fits the column but the one no portrait A4 table could give a line: the figure
  // columns are already as narrow as the longest word of their bold headers.
  const wrapped = unitNames(model).filter((name) => !fitsOneLine(name));
  assert.deepEqual(wrapped, ['Viện Nghiên cứu Phát triển kinh tế - xã hội tỉnh']);
  const headerWord = (text: string) => Math.max(...text.split(' ').map((w) => mmOf(textWidthPt(w, 'bold', FONT_PT.tableHeader))));
  const titles = model.table.columns.map((c) => c.title);
  const narrowest = titles.map((t, i) => (i === 1 ? 0 : headerWord(t) + 2 * CELL_PADDING_MM.x));
  TABLE_COLUMNS_MM.forEach((width, i) => assert.ok(width >= narrowest[i]!, `column ${i + 1} narrower than its header's longest word`));
  const widestName = Math.max(...unitNames(model).map((n) => mmOf(textWidthPt(n, 'regular', FONT_PT.table))));
  const textWidth = TABLE_COLUMNS_MM.reduce((a, b) => a + b, 0);
  assert.ok(widestName + 2 * CELL_PADDING_MM.x + narrowest.reduce((a, b) => a + b, 0) > textWidth, 'the page could hold every name');
});

/** Words of a PDF page with their boxes (pdftotext -bbox), in points from the top left. */
function pageWords(pdf: string, page: number): { text: string; yMin: number; yMax: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/gu)].map((m) => ({
    text: m[3]!,
    yMin: Number(m[1]),
    yMax: Number(m[2]),
  }));
}

interface Gray {
  width: number;
  height: number;
  pixels: Buffer;
}

/** A binary PGM (P5) as pdftoppm -gray writes it. */
function readPgm(file: string): Gray {
  const data = readFileSync(file);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/u.exec(data.subarray(0, 64).toString('latin1'));
  assert.ok(header, 'a PGM image');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: data.subarray(header[0].length, header[0].length + width * height) };
}

const DARK = 128;

/** Rows of the image dark across most of the table's width: the table's full-width rules, merged per rule. */
function fullWidthRules(image: Gray): number[] {
  const rules: number[] = [];
  for (let y = 0; y < image.height; y += 1) {
    let dark = 0;
    for (let x = 0; x < image.width; x += 1) if (image.pixels[y * image.width + x]! < DARK) dark += 1;
    if (dark > image.width * 0.6 && (rules.length === 0 || y - rules.at(-1)! > 2)) rules.push(y);
  }
  return rules;
}

function inkBetween(image: Gray, from: number, to: number): number {
  let dark = 0;
  for (let i = from * image.width; i < to * image.width; i += 1) if (image.pixels[i]! < DARK) dark += 1;
  return dark;
}

test('converted by LibreOffice, page 2 shows the whole table header and the names on one line', { skip: hasSoffice ? false : `missing ${libreOffice.missing}: SKIPPED`, timeout: 240_000 }, async () => {
  const model = seedModel();
  const dir = mkdtempSync(join(tmpdir(), 'ps-lo-'));
  try {
    const docx = join(dir, 'notice.docx');
    writeFileSync(docx, await renderNoticeDocx(model));
    convertToPdf(docx, dir);
    const pdf = join(dir, 'notice.pdf');
    const pages = Number(/Pages:\s+(\d+)/u.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    assert.ok(pages >= 2, `the seed month's table runs onto a second page (got ${pages})`);

    // The text: every header cell's words on page 2, in the header's order.
    const page2 = flat(execFileSync('pdftotext', ['-raw', '-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' }));
    for (const cell of model.table.headerRows.flat()) {
      for (const word of cell.text.split(' ')) assert.ok(page2.includes(word), `page 2 lacks "${word}" of the header cell "${cell.text}"`);
    }

    // Names: one line each where the column holds them (pdftotext -raw keeps a wrapped name's lines apart).
    const lines = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).split('\n').map(flat);
    for (const name of unitNames(model)) {
      const oneLine = lines.some((line) => line.includes(name));
      assert.equal(oneLine, fitsOneLine(name), `${name}: ${oneLine ? 'on one line' : 'wrapped'} in LibreOffice`);
    }

    // The image: the header between the table's first two full-width rules is as tall on page 2 as
    // on page 1 and carries as much ink; a clipped header is shorter or loses lines of its cells.
    execFileSync('pdftoppm', ['-gray', '-r', '100', '-f', '1', '-l', '2', pdf, join(dir, 'page')]);
    const headerOf = (page: number) => {
      const image = readPgm(join(dir, `page-${page}.pgm`));
      // The table's top rule is the first full-width rule above the word "STT".
      const stt = pageWords(pdf, page).find((w) => w.text === 'STT');
      assert.ok(stt, `page ${page} has the header's "STT"`);
      const sttY = (stt.yMin / 72) * 100;
      const rules = fullWidthRules(image);
      const top = rules.filter((y) => y < sttY).at(-1);
      const bottom = rules.find((y) => y > sttY);
      assert.ok(top !== undefined && bottom !== undefined, `page ${page}: the header's rules`);
      return { height: bottom - top, ink: inkBetween(image, top + 2, bottom - 1) };
    };
    const first = headerOf(1);
    const second = headerOf(2);
    assert.ok(first.height > 60, `a two-row header of several lines (${first.height} px at 100 dpi)`);
    assert.ok(Math.abs(second.height - first.height) <= 2, `header height: page 1 ${first.height} px, page 2 ${second.height} px`);
    assert.ok(second.ink >= first.ink * 0.97, `header ink: page 1 ${first.ink}, page 2 ${second.ink}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
