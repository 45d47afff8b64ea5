/**
 * Malformed files never crash the importer and never write part of a period: every outcome is
 * either a complete import or an import_invalid error with the database unchanged.
 */
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { AppError } from '../../src/errors.js';
import { importPeriodFile } from '../../src/services/import.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { getPeriodReport } from '../../src/services/report.js';
import { dbTest, type TestDatabase } from '../helpers/db.js';
import { seedCsv } from '../helpers/seed.js';
import { cliActor } from '../../src/services/audit.js';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['"', ',', '\n', '\r\n', '\u0000', '\ufeff', '-1', '1e9', 'NaN', ' ', '19', 'Huyện Tiên Du', 'ệ'.normalize('NFD'), '""', '\uFFFD'];

/** A mutation of the seed CSV: bytes flipped, pieces inserted, lines dropped or duplicated, truncation. */
function mutate(random: () => number, base: Buffer): Buffer {
  let text = base.toString('latin1');
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i += 1) {
    const at = Math.floor(random() * text.length);
    const kind = Math.floor(random() * 5);
    if (kind === 0) text = text.slice(0, at) + String.fromCharCode(Math.floor(random() * 256)) + text.slice(at + 1);
    else if (kind === 1) text = text.slice(0, at) + Buffer.from(PIECES[Math.floor(random() * PIECES.length)]!, 'utf8').toString('latin1') + text.slice(at);
    else if (kind === 2) text = text.slice(0, at);
    else if (kind === 3) {
      const lines = text.split('\n');
      lines.splice(Math.floor(random() * lines.length), 1);
      text = lines.join('\n');
    } else {
      const lines = text.split('\n');
      const j = Math.floor(random() * lines.length);
      lines.splice(j, 0, lines[j]!);
      text = lines.join('\n');
    }
  }
  return Buffer.from(text, 'latin1');
}

async function snapshot(db: TestDatabase, provinceId: string) {
  return getPeriodReport(db.db, provinceId, '2024-02').catch((e: unknown) => (e instanceof AppError ? e.code : e));
}

async function assertSafe(db: TestDatabase, provinceId: string, content: Buffer, fileName: string, label: string) {
  const before = await snapshot(db, provinceId);
  try {
    await importPeriodFile(db.db, cliActor(provinceId), { periodId: '2024-02', content, fileName });
  } catch (error) {
    assert.ok(error instanceof AppError, `${label}: crashed with ${String(error)}`);
    assert.equal(error.code, 'import_invalid', `${label}: ${error.message}`);
    const problems = (error.details as { problems: unknown[] }).problems;
    assert.ok(problems.length > 0, `${label}: no problem reported`);
    assert.deepEqual(await snapshot(db, provinceId), before, `${label}: the database changed`);
  }
}

dbTest('fuzzed CSV files import whole or not at all', async (db) => {
  const province = await resolveProvince(db.db);
  const random = prng(20240227);
  const cases = db.kind === 'sqlite' ? 300 : 60;
  for (let i = 0; i < cases; i += 1) {
    await assertSafe(db, province.id, mutate(random, seedCsv()), 'fuzz.csv', `CSV case ${i}`);
  }
});

dbTest('fuzzed XLSX files import whole or not at all', async (db) => {
  const province = await resolveProvince(db.db);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('x');
  for (const line of seedCsv().toString('utf8').trimEnd().split('\n')) sheet.addRow(line.split(','));
  const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
  const random = prng(7);
  const cases = db.kind === 'sqlite' ? 80 : 20;
  for (let i = 0; i < cases; i += 1) {
    const bytes = Buffer.from(xlsx);
    const flips = 1 + Math.floor(random() * 8);
    for (let f = 0; f < flips; f += 1) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
    const cut = random() < 0.3 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes;
    await assertSafe(db, province.id, cut, 'fuzz.xlsx', `XLSX case ${i}`);
  }
});
