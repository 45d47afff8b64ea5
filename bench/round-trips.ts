/**
 * Database round trips per request on PostgreSQL (every query the pg driver sends, BEGIN and COMMIT
 * included): a signed-in ranking read whose report is cached, and a unit editor's self-assessment
 * save, each after a first request. Unlike timings, the counts do not depend on the machine's load.
 * Run: node --import tsx bench/round-trips.ts [checkout root, default this one] (another checkout's
 * root counts that version's round trips, for a before/after).
 */
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url));
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const { openDatabase } = await import(`${root}/src/db/connection.ts`);
const { buildApp } = await import(`${root}/src/http/app.ts`);
const { loadDemo } = await import(`${root}/src/services/demo.ts`);
const { listUnits } = await import(`${root}/src/services/registry.ts`);
const { createUser } = await import(`${root}/src/services/users.ts`);
const { cliActor } = await import(`${root}/src/services/audit.ts`);
const { openPeriod } = await import(`${root}/src/services/review.ts`);
let count = 0;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) { count++; return (original as (...a: unknown[]) => unknown).apply(this, args); } as typeof original;
const schema = `rt_${Math.random().toString(16).slice(2, 10)}`;
const handle = await openDatabase(PG_URL, { pgSchema: schema });
try {
  const { province } = await loadDemo(handle.db);
  const unit = (await listUnits(handle.db, province.id)).find((u: { name: string }) => u.name === 'Sở Y tế');
  const actor = cliActor(province.id);
  await createUser(handle.db, actor, { username: 'viewer', password: 'mat-khau-thu', role: 'viewer' });
  await createUser(handle.db, actor, { username: 'editor', password: 'mat-khau-thu', role: 'unit-editor', unitId: unit.id });
  await openPeriod(handle.db, actor, { id: '2024-03', deadline: '2999-01-01T00:00:00Z' });
  const app = await buildApp({ db: handle, rateLimit: false });
  await app.ready();
  const login = async (username: string) => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'mat-khau-thu' } });
    return { cookie: r.cookies.map((c: { name: string; value: string }) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': (r.json() as { csrfToken: string }).csrfToken };
  };
  const viewer = await login('viewer');
  const editor = await login('editor');
  const measure = async (fn: () => Promise<unknown>) => { count = 0; await fn(); return count; };
  const rank = () => app.inject({ method: 'GET', url: '/api/periods/2024-02/ranking', headers: viewer });
  await rank(); await rank();
  const ranking = await measure(rank);
  const path = `/api/periods/2024-03/units/${unit.id}/self-assessment`;
  let version = (await app.inject({ method: 'GET', url: path, headers: editor }).then((r: { json(): { version: number } }) => r.json())).version as number;
  const save = async () => { const r = await app.inject({ method: 'PUT', url: path, headers: editor, payload: { counts: { full: 18, partial: 1, none: 0 }, articles: 3, selfScore: 90, version } }); if (r.statusCode !== 200) throw new Error(r.body); version = r.json().version; };
  await save();
  const saves = await measure(save);
  console.log(JSON.stringify({ root, rankingRoundTrips: ranking, saveRoundTrips: saves }));
  await app.close();
} finally {
  await handle.close();
  const c = new pg.Client({ connectionString: PG_URL }); await c.connect(); await c.query(`drop schema ${schema} cascade`); await c.end();
}
