/**
 * Named prepared statements on PostgreSQL for the few queries every request runs: the ranking's
 * fingerprint with its session check, and the queries of a self-assessment save and of the audit
 * entry every write makes. PostgreSQL parses and plans an unnamed statement each time; a named one
 * is planned once per connection and then only executed (a save at the deadline went from about 800
 * to 1,200-1,450 a second, bench/scale.ts). Such a query is marked by ending with PREPARED (a
 * comment, so SQLite and PostgreSQL read it the same). A marked query names its columns, never
 * `select *` or `returning *`: PostgreSQL re-plans a named statement when a table changes, but
 * refuses one whose result columns would change. Every other query stays unnamed.
 */
import { createHash } from 'node:crypto';
import type { Compilable, CompiledQuery, Kysely, PostgresPool, PostgresPoolClient } from 'kysely';
import type { Database } from './schema.js';
import type pg from 'pg';

export const PREPARED = '/* prepared */';

const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `ps_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/** The pool as Kysely sees it, with the marked queries sent as named statements. */
export function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    connect: async (): Promise<PostgresPoolClient> => {
      const client = await pool.connect();
      const query = ((text: unknown, parameters?: ReadonlyArray<unknown>) =>
        typeof text === 'string' && text.endsWith(PREPARED)
          ? client.query({ name: nameOf(text), text, values: parameters as unknown[] })
          : (client.query as (t: unknown, p?: unknown) => unknown)(text, parameters)) as PostgresPoolClient['query'];
      return { query, release: (destroy?: boolean) => client.release(destroy) };
    },
    end: () => pool.end(),
  };
}

/**
 * A query built and compiled by Kysely once per database (and dialect), then run with new values:
 * for the few queries every request runs, where building the query tree cost the process more CPU
 * than the database spent answering (a sixth of the ranking request's, measured). `build` is
 * called once with placeholders standing for the values; every parameter it produces that is a
 * placeholder is replaced by its value at each run, the others (constants of the query) stay.
 * Kept per database by its adapter, which its transactions share (each transaction is a new
 * Kysely object), so that a query run inside a transaction is compiled once too.
 */
export function compiledOnce<Values extends Record<string, unknown>, Row>(
  names: readonly (keyof Values & string)[],
  build: (db: Kysely<Database>, values: Values) => Compilable<Row>,
): (db: Kysely<Database>, values: Values) => Promise<Row[]> {
  // Strings no constant of a query holds (a NUL), so a compiled parameter equal to one is that value's place.
  const placeholders = Object.fromEntries(names.map((name) => [name, `\u0000compiled-once:${name}\u0000`])) as unknown as Values;
  const nameOfPlaceholder = new Map(names.map((name) => [placeholders[name] as string, name]));
  const compiled = new WeakMap<object, CompiledQuery<Row>>();
  return async (db, values) => {
    const key = db.getExecutor().adapter;
    let query = compiled.get(key);
    if (!query) {
      query = build(db, placeholders).compile();
      const missing = names.filter((name) => !query!.parameters.includes(placeholders[name]));
      if (missing.length > 0) throw new Error(`compiledOnce: ${missing.join(', ')} not used by the query`);
      compiled.set(key, query);
    }
    const parameters = query.parameters.map((p) => {
      const name = typeof p === 'string' ? nameOfPlaceholder.get(p) : undefined;
      return name === undefined ? p : values[name];
    });
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}
