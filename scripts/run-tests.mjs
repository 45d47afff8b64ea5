#!/usr/bin/env node
// Runs every test file (node:test through tsx). Node 20's runner does not expand globs, so the
// files are listed here. Says loudly when PostgreSQL is not reachable and its tests are skipped.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import net from 'node:net';

const root = new URL('..', import.meta.url).pathname;
const pgUrl = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (/\.test\.tsx?$/.test(name)) found.push(relative(root, path));
  }
  return found;
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    socket.setTimeout(1500);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(false));
  });
}

const filter = process.argv.slice(2);
const files = ['test', 'src']
  .flatMap((dir) => findTests(join(root, dir)))
  .filter((file) => filter.length === 0 || filter.some((f) => file.includes(f)))
  .sort();

const pgUp = await reachable(pgUrl.hostname, pgUrl.port || 5432);
if (!pgUp) {
  const banner = '!'.repeat(78);
  console.error(`${banner}\n!! PostgreSQL at ${pgUrl.host} is NOT reachable: every PostgreSQL test is SKIPPED.\n` +
    `!! Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) to run them.\n${banner}`);
  if (process.env.CI) {
    console.error('CI is set: PostgreSQL must be reachable in CI. Failing.');
    process.exit(1);
  }
}

// --test-force-exit: a test file whose tests have all ended exits even if a handle stays open
// (test/services/crawl-jobs.test.ts left one and hung the suite for good after passing).
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-force-exit', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TZ: 'Asia/Ho_Chi_Minh', PS_TEST_PG: pgUp ? '1' : '0' } },
);
if (!pgUp) console.error('\n!! Reminder: PostgreSQL tests were SKIPPED (not reachable).');
process.exit(result.status ?? 1);
