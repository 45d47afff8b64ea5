/**
 * Core benchmark: a synthetic national data set — 34 provinces × 130 units × 12 months,
 * 22 category statuses each (about 1.2 million rows) — imported through the service layer on
 * SQLite and PostgreSQL, each next to a raw driver insert loop of the same rows in the same run;
 * then the ranking report of one province-month read from the database (median of many reads).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { gatherStatistics } from '../src/db/backup.js';
import { type DatabaseHandle, openDatabase } from '../src/db/connection.js';
import { newId } from '../src/db/ids.js';
import { type CategoryStatus, countStatuses } from '../src/domain/evaluation.js';
import type { EvaluationLine } from '../src/domain/evaluation-rows.js';
import { periodId } from '../src/domain/period.js';
import { writePeriodEvaluations } from '../src/services/import.js';
import { createProvince } from '../src/services/provinces.js';
import { getPeriodReport } from '../src/services/report.js';

export interface CoreBenchOptions {
  provinces: number;
  units: number;
  months: number;
  categories: number;
  pgUrl?: string;
  reportRuns: number;
}

export const NATIONAL: CoreBenchOptions = { provinces: 34, units: 130, months: 12, categories: 22, reportRuns: 200 };

const GROUPS = ['Các Sở, ban, ngành tỉnh', 'UBND huyện, thị xã, thành phố', 'UBND xã, phường'];
const STATUSES: CategoryStatus[] = ['full', 'partial', 'none'];

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

/** One province-month of evaluations, the same for every run with the same arguments. */
export function provinceMonth(options: CoreBenchOptions, province: number, month: number): EvaluationLine[] {
  const random = prng(province * 1000 + month);
  const categoryNames = Array.from({ length: options.categories }, (_, i) => `Chuyên mục số ${i + 1}`);
  return Array.from({ length: options.units }, (_, u) => {
    const categories = categoryNames.map((name) => {
      const r = random();
      return { name, status: STATUSES[r < 0.9 ? 0 : r < 0.97 ? 1 : 2]!, evidenceUrl: null };
    });
    const counts = countStatuses(categories.map((c) => c.status));
    const points = counts.partial * 2 + counts.none * 5;
    return {
      line: u + 2,
      group: GROUPS[u % GROUPS.length]!,
      unit: `Đơn vị ${u + 1} tỉnh ${province + 1}`,
      required: options.categories,
      ...counts,
      articles: Math.floor(random() * 200),
      selfScore: 100,
      deductions: points > 0 ? [{ points: Math.min(points, 100), reason: `${String(counts.partial + counts.none).padStart(2, '0')} chuyên mục cập nhật không đầy đủ` }] : [],
      categories,
    };
  });
}

const provinceId = (p: number) => `tinh-${p + 1}`;
const rowsOf = (lines: EvaluationLine[]) => lines.reduce((n, l) => n + 1 + (l.categories?.length ?? 0) + l.deductions.length, 0);

async function importThroughServices(handle: DatabaseHandle, options: CoreBenchOptions): Promise<{ rows: number; seconds: number }> {
  let rows = 0;
  const started = performance.now();
  for (let p = 0; p < options.provinces; p += 1) {
    await createProvince(handle.db, { id: provinceId(p), name: `Tỉnh ${p + 1}` });
    for (let m = 1; m <= options.months; m += 1) {
      const lines = provinceMonth(options, p, m);
      rows += rowsOf(lines);
      await writePeriodEvaluations(handle.db, { provinceId: provinceId(p), periodId: periodId(2024, m), lines });
    }
  }
  return { rows, seconds: (performance.now() - started) / 1000 };
}

/** Ids of the registry rows the raw loops reference, created once per province as the import would. */
function registryRows(options: CoreBenchOptions, p: number) {
  const groups = GROUPS.map((name, i) => ({ id: newId(), name, position: i + 1 }));
  const units = Array.from({ length: options.units }, (_, u) => ({ id: newId(), name: `Đơn vị ${u + 1} tỉnh ${p + 1}`, group: groups[u % groups.length]!, position: u + 1 }));
  return { groups, units };
}

const now = () => new Date().toISOString();

function rawSqlite(file: string, options: CoreBenchOptions): { rows: number; seconds: number } {
  // The same settings as src/db/connection.ts, so that only the access path differs.
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  const insertProvince = sqlite.prepare('insert into provinces (id, name, settings, created_at) values (?, ?, ?, ?)');
  const insertGroup = sqlite.prepare('insert into unit_groups (id, province_id, name, name_key, position, required_count, created_at) values (?, ?, ?, ?, ?, ?, ?)');
  const insertUnit = sqlite.prepare('insert into units (id, province_id, group_id, name, name_key, position, created_at) values (?, ?, ?, ?, ?, ?, ?)');
  const insertPeriod = sqlite.prepare('insert into periods (province_id, id, from_date, to_date, status, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)');
  const insertEvaluation = sqlite.prepare(
    'insert into evaluations (id, province_id, period_id, unit_id, group_id, unit_name, required, full_count, partial_count, none_count, articles, self_score, state, version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)',
  );
  const insertCategory = sqlite.prepare('insert into evaluation_categories (evaluation_id, position, category_id, name, status, evidence_url) values (?, ?, null, ?, ?, null)');
  const insertDeduction = sqlite.prepare('insert into deductions (id, evaluation_id, position, points, reason, created_at) values (?, ?, ?, ?, ?, ?)');
  let rows = 0;
  const started = performance.now();
  for (let p = 0; p < options.provinces; p += 1) {
    const { groups, units } = registryRows(options, p);
    sqlite.transaction(() => {
      insertProvince.run(provinceId(p), `Tỉnh ${p + 1}`, '{}', now());
      for (const g of groups) insertGroup.run(g.id, provinceId(p), g.name, g.name.toLowerCase(), g.position, options.categories, now());
      for (const u of units) insertUnit.run(u.id, provinceId(p), u.group.id, u.name, u.name.toLowerCase(), u.position, now());
    })();
    for (let m = 1; m <= options.months; m += 1) {
      const lines = provinceMonth(options, p, m);
      rows += rowsOf(lines);
      sqlite.transaction(() => {
        insertPeriod.run(provinceId(p), periodId(2024, m), '2024-01-01', '2024-01-22', 'review', now(), now());
        lines.forEach((line, u) => {
          const id = newId();
          const unit = units[u]!;
          insertEvaluation.run(id, provinceId(p), periodId(2024, m), unit.id, unit.group.id, unit.name, line.required, line.full, line.partial, line.none, line.articles, line.selfScore, 'reviewed', now(), now());
          line.categories!.forEach((c, i) => insertCategory.run(id, i + 1, c.name, c.status));
          line.deductions.forEach((d, i) => insertDeduction.run(newId(), id, i + 1, d.points, d.reason, now()));
        });
      })();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  sqlite.close();
  return { rows, seconds };
}

/** Multi-row INSERTs of the same batch size the repository uses: the idiomatic fast path without COPY. */
async function rawPostgres(url: string, schema: string, options: CoreBenchOptions): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  const insertMany = async (table: string, columns: string[], values: unknown[][]) => {
    for (let i = 0; i < values.length; i += 400) {
      const chunk = values.slice(i, i + 400);
      const params: unknown[] = [];
      const tuples = chunk.map((row) => `(${row.map((v) => { params.push(v); return `$${params.length}`; }).join(', ')})`);
      await client.query(`insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`, params);
    }
  };
  let rows = 0;
  const started = performance.now();
  for (let p = 0; p < options.provinces; p += 1) {
    const { groups, units } = registryRows(options, p);
    await client.query('begin');
    await insertMany('provinces', ['id', 'name', 'settings', 'created_at'], [[provinceId(p), `Tỉnh ${p + 1}`, '{}', now()]]);
    await insertMany('unit_groups', ['id', 'province_id', 'name', 'name_key', 'position', 'required_count', 'created_at'], groups.map((g) => [g.id, provinceId(p), g.name, g.name.toLowerCase(), g.position, options.categories, now()]));
    await insertMany('units', ['id', 'province_id', 'group_id', 'name', 'name_key', 'position', 'created_at'], units.map((u) => [u.id, provinceId(p), u.group.id, u.name, u.name.toLowerCase(), u.position, now()]));
    await client.query('commit');
    for (let m = 1; m <= options.months; m += 1) {
      const lines = provinceMonth(options, p, m);
      rows += rowsOf(lines);
      const ids = lines.map(() => newId());
      await client.query('begin');
      await insertMany('periods', ['province_id', 'id', 'from_date', 'to_date', 'status', 'created_at', 'updated_at'], [[provinceId(p), periodId(2024, m), '2024-01-01', '2024-01-22', 'review', now(), now()]]);
      await insertMany(
        'evaluations',
        ['id', 'province_id', 'period_id', 'unit_id', 'group_id', 'unit_name', 'required', 'full_count', 'partial_count', 'none_count', 'articles', 'self_score', 'state', 'version', 'created_at', 'updated_at'],
        lines.map((l, u) => [ids[u], provinceId(p), periodId(2024, m), units[u]!.id, units[u]!.group.id, units[u]!.name, l.required, l.full, l.partial, l.none, l.articles, l.selfScore, 'reviewed', 1, now(), now()]),
      );
      await insertMany('evaluation_categories', ['evaluation_id', 'position', 'name', 'status'], lines.flatMap((l, u) => l.categories!.map((c, i) => [ids[u], i + 1, c.name, c.status])));
      await insertMany('deductions', ['id', 'evaluation_id', 'position', 'points', 'reason', 'created_at'], lines.flatMap((l, u) => l.deductions.map((d, i) => [newId(), ids[u], i + 1, d.points, d.reason, now()])));
      await client.query('commit');
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return { rows, seconds };
}

async function reportMedian(handle: DatabaseHandle, runs: number, months: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await getPeriodReport(handle.db, provinceId(0), periodId(2024, Math.min(6, months)));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export interface CoreBenchResult {
  database: 'sqlite' | 'postgres';
  rows: number;
  importRowsPerSecond: number;
  rawRowsPerSecond: number;
  ratio: number;
  reportMedianMs: number;
}

export async function runCoreBench(options: CoreBenchOptions = NATIONAL): Promise<CoreBenchResult[]> {
  const results: CoreBenchResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'ps-bench-'));
  try {
    const service = await openDatabase(join(dir, 'service.sqlite'));
    const imported = await importThroughServices(service, options);
    const reportMs = await reportMedian(service, options.reportRuns, options.months);
    await service.close();
    const rawHandle = await openDatabase(join(dir, 'raw.sqlite'));
    await rawHandle.close();
    const raw = rawSqlite(join(dir, 'raw.sqlite'), options);
    results.push(summarise('sqlite', imported, raw, reportMs));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (options.pgUrl) {
    const schemas = [`bench_${randomBytes(4).toString('hex')}`, `bench_${randomBytes(4).toString('hex')}`];
    try {
      const service = await openDatabase(options.pgUrl, { pgSchema: schemas[0] });
      const imported = await importThroughServices(service, options);
      // A national data set loaded in one go has no planner statistics until autovacuum's next
      // pass (never, where autovacuum is off, as on the machine the README's figures come from):
      // gathered here as after any bulk load, so that the report is timed with the plans a
      // running database has. Without them PostgreSQL reads the month's categories by a full scan.
      await gatherStatistics(service);
      const reportMs = await reportMedian(service, options.reportRuns, options.months);
      await service.close();
      const rawHandle = await openDatabase(options.pgUrl, { pgSchema: schemas[1] });
      await rawHandle.close();
      const raw = await rawPostgres(options.pgUrl, schemas[1]!, options);
      results.push(summarise('postgres', imported, raw, reportMs));
    } finally {
      const client = new pg.Client({ connectionString: options.pgUrl });
      await client.connect();
      for (const s of schemas) await client.query(`drop schema if exists ${s} cascade`);
      await client.end();
    }
  }
  return results;
}

function summarise(database: 'sqlite' | 'postgres', imported: { rows: number; seconds: number }, raw: { rows: number; seconds: number }, reportMedianMs: number): CoreBenchResult {
  const importRowsPerSecond = Math.round(imported.rows / imported.seconds);
  const rawRowsPerSecond = Math.round(raw.rows / raw.seconds);
  return { database, rows: imported.rows, importRowsPerSecond, rawRowsPerSecond, ratio: importRowsPerSecond / rawRowsPerSecond, reportMedianMs };
}

export function formatCoreBench(results: CoreBenchResult[]): string {
  const lines = [
    '| database | rows | import (services) rows/s | raw driver loop rows/s | ratio | ranking report median |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) => `| ${r.database} | ${r.rows.toLocaleString('en-US')} | ${r.importRowsPerSecond.toLocaleString('en-US')} | ${r.rawRowsPerSecond.toLocaleString('en-US')} | ${r.ratio.toFixed(2)} | ${r.reportMedianMs.toFixed(2)} ms |`),
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const small = process.argv.includes('--small');
  const options: CoreBenchOptions = { ...(small ? { ...NATIONAL, provinces: 2, months: 3, reportRuns: 50 } : NATIONAL), pgUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' };
  const results = await runCoreBench(options);
  console.log(formatCoreBench(results));
}
