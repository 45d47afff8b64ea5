/**
 * Named prepared statements on PostgreSQL for the few queries every request runs (the ranking's
 * fingerprint with its session check). PostgreSQL parses and plans an unnamed statement each time;
 * a named one is planned once per connection and then only executed. Such a query is marked by
 * ending with PREPARED (a comment, so SQLite and PostgreSQL read it the same); every other query
 * stays unnamed, so a schema change can never meet an old plan of a `select *`.
 */
import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
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
