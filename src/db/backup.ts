/**
 * Backup and restore of the whole database.
 * - SQLite: SQLite's online backup (consistent while the app writes).
 * - PostgreSQL: pg_dump/pg_restore (custom format) when they are installed.
 * - Portable: every table as JSON lines, in foreign-key order; used when pg_dump is missing and to
 *   move data between engines (a SQLite backup restored into PostgreSQL, or the reverse).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, openSync, readSync, closeSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { type DatabaseHandle, isPostgresUrl, openDatabase, searchPathOf } from './connection.js';

export type BackupFormat = 'sqlite' | 'pg_dump' | 'portable';

/** Tables kept by Kysely's migrator: the target database has its own. */
const BOOKKEEPING = new Set(['kysely_migration', 'kysely_migration_lock']);
const PORTABLE_HEADER = 'portal-scorecard backup v1';

function hasTool(name: string): boolean {
  return spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** The URL without its `options` parameter, which pg_dump and pg_restore do not take. */
function plainPgUrl(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.delete('options');
  return parsed.toString();
}

export function detectBackupFormat(file: string): BackupFormat {
  const head = Buffer.alloc(64);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 64, 0);
  } finally {
    closeSync(fd);
  }
  if (head.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') return 'sqlite';
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'pg_dump';
  if (head.toString('utf8').startsWith(`{"format":"${PORTABLE_HEADER}"`)) return 'portable';
  throw new Error(`${file} không phải là bản sao lưu của portal-scorecard (SQLite, pg_dump hoặc JSON).`);
}

export async function backupDatabase(target: string, out: string, options: { portable?: boolean } = {}): Promise<BackupFormat> {
  if (options.portable) {
    const handle = await openDatabase(target, {});
    try {
      await writePortable(handle, out);
    } finally {
      await handle.close();
    }
    return 'portable';
  }
  if (!isPostgresUrl(target)) {
    const source = new SQLite(target, { fileMustExist: true });
    try {
      await source.backup(out);
    } finally {
      source.close();
    }
    return 'sqlite';
  }
  if (!hasTool('pg_dump')) return backupDatabase(target, out, { portable: true });
  const schema = searchPathOf(target);
  const result = spawnSync('pg_dump', ['--format=custom', '--no-owner', '--file', out, ...(schema ? ['--schema', schema] : []), plainPgUrl(target)], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`pg_dump thất bại: ${result.stderr.trim()}`);
  return 'pg_dump';
}

/** Replaces the target database's data with the backup's. The target must not be in use by this process. */
export async function restoreDatabase(target: string, file: string): Promise<BackupFormat> {
  if (!existsSync(file)) throw new Error(`Không tìm thấy tệp ${file}.`);
  const format = detectBackupFormat(file);
  const targetIsPg = isPostgresUrl(target);
  if (format === 'sqlite' && !targetIsPg) {
    const source = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(target);
    } finally {
      source.close();
    }
    // Bring a backup taken before newer migrations up to date.
    await (await openDatabase(target)).close();
    return format;
  }
  if (format === 'pg_dump') {
    if (!targetIsPg) throw new Error('Bản sao lưu pg_dump chỉ phục hồi được vào PostgreSQL.');
    if (!hasTool('pg_restore')) throw new Error('Cần pg_restore để phục hồi bản sao lưu này.');
    const result = spawnSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', plainPgUrl(target), file], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`pg_restore thất bại: ${result.stderr.trim()}`);
    const restored = await openDatabase(target);
    try {
      await gatherStatistics(restored);
    } finally {
      await restored.close();
    }
    return format;
  }
  const destination = await openDatabase(target);
  try {
    if (format === 'sqlite') {
      const source = await openDatabase(file);
      try {
        await copyTables(source, destination);
      } finally {
        await source.close();
      }
    } else {
      await readPortable(file, destination);
    }
    await gatherStatistics(destination);
  } finally {
    await destination.close();
  }
  return format;
}

/**
 * Rows loaded in bulk have no planner statistics until autovacuum's next pass, a minute away or,
 * where autovacuum is off, never. PostgreSQL then guesses, and read a month's categories out of a
 * national database by a full scan: 200 ms instead of 6 (bench/core.ts). So a restore into
 * PostgreSQL ends by gathering them, as its manual advises after a bulk load. SQLite's planner
 * uses the indexes without statistics.
 */
export async function gatherStatistics(handle: DatabaseHandle): Promise<void> {
  if (handle.dialect !== 'postgres') return;
  const tables = await applicationTables(handle);
  if (tables.length > 0) await sql`analyze ${sql.join(tables.map((t) => sql.table(t.name)))}`.execute(handle.db);
}

interface TableInfo {
  name: string;
  columns: string[];
}

/** The database's own tables (on PostgreSQL the handle's introspection sees only its schema). */
async function applicationTables(handle: DatabaseHandle) {
  const all = await handle.db.introspection.getTables();
  return all.filter((t) => !BOOKKEEPING.has(t.name));
}

/** Application tables ordered so that every table comes after the tables it references. */
async function tablesInDependencyOrder(handle: DatabaseHandle): Promise<TableInfo[]> {
  const tables = await applicationTables(handle);
  const names = new Set(tables.map((t) => t.name));
  const references = new Map<string, Set<string>>();
  for (const table of tables) {
    const rows =
      handle.dialect === 'sqlite'
        ? await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${table.name})`.execute(handle.db)
        : await sql<{ table: string }>`
            select ccu.table_name as "table"
            from information_schema.table_constraints tc
            join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
            where tc.constraint_type = 'FOREIGN KEY' and tc.table_name = ${table.name} and tc.table_schema = current_schema()`.execute(handle.db);
    references.set(table.name, new Set(rows.rows.map((r) => r.table).filter((t) => t !== table.name && names.has(t))));
  }
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.find((t) => !placed.has(t.name) && [...(references.get(t.name) ?? [])].every((r) => placed.has(r)));
    if (!next) throw new Error('Vòng tham chiếu giữa các bảng: không sắp được thứ tự sao lưu.');
    placed.add(next.name);
    ordered.push({ name: next.name, columns: next.columns.map((c) => c.name) });
  }
  return ordered;
}

async function selectAll(handle: DatabaseHandle, table: string): Promise<Record<string, unknown>[]> {
  const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(handle.db);
  return result.rows;
}

function adaptRow(row: Record<string, unknown>, columns: Set<string>, dialect: DatabaseHandle['dialect']): Record<string, unknown> {
  const adapted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (!columns.has(key)) continue;
    if (dialect === 'sqlite' && typeof value === 'boolean') adapted[key] = value ? 1 : 0;
    else if (value instanceof Date) adapted[key] = value.toISOString();
    else adapted[key] = value;
  }
  return adapted;
}

/** Empties the destination and inserts rows table by table, in one transaction. */
async function loadRows(
  destination: DatabaseHandle,
  rowsOf: (table: string) => AsyncIterable<Record<string, unknown>[]>,
): Promise<void> {
  const tables = await tablesInDependencyOrder(destination);
  await destination.db.transaction().execute(async (trx) => {
    for (const table of [...tables].reverse()) await sql`delete from ${sql.table(table.name)}`.execute(trx);
    for (const table of tables) {
      const columns = new Set(table.columns);
      for await (const batch of rowsOf(table.name)) {
        for (let i = 0; i < batch.length; i += 200) {
          const rows = batch.slice(i, i + 200).map((r) => adaptRow(r, columns, destination.dialect));
          if (rows.length === 0) continue;
          const keys = Object.keys(rows[0]!);
          await sql`insert into ${sql.table(table.name)} (${sql.join(keys.map((k) => sql.ref(k)))}) values ${sql.join(
            rows.map((r) => sql`(${sql.join(keys.map((k) => r[k]))})`),
          )}`.execute(trx);
        }
      }
    }
  });
}

async function copyTables(source: DatabaseHandle, destination: DatabaseHandle): Promise<void> {
  await loadRows(destination, async function* (table) {
    const exists = (await applicationTables(source)).some((t) => t.name === table);
    if (exists) yield await selectAll(source, table);
  });
}

async function writePortable(handle: DatabaseHandle, out: string): Promise<void> {
  const stream = createWriteStream(out, 'utf8');
  const write = async (line: string) => {
    if (!stream.write(line + '\n')) await once(stream, 'drain');
  };
  await write(JSON.stringify({ format: PORTABLE_HEADER, createdAt: new Date().toISOString(), source: handle.dialect }));
  for (const table of await tablesInDependencyOrder(handle)) {
    for (const row of await selectAll(handle, table.name)) await write(JSON.stringify({ table: table.name, row }));
  }
  stream.end();
  await once(stream, 'finish');
}

async function readPortable(file: string, destination: DatabaseHandle): Promise<void> {
  const byTable = new Map<string, Record<string, unknown>[]>();
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    if (first) {
      first = false;
      continue;
    }
    if (!line.trim()) continue;
    const { table, row } = JSON.parse(line) as { table: string; row: Record<string, unknown> };
    const rows = byTable.get(table) ?? [];
    rows.push(row);
    byTable.set(table, rows);
  }
  await loadRows(destination, async function* (table) {
    const rows = byTable.get(table);
    if (rows) yield rows;
  });
}
