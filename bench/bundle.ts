/**
 * Bundle benchmark: builds the production front end and reports, gzipped, what the first
 * page loads (index.html, the entry chunk with its static imports, and the login page's chunk that
 * an unauthenticated visitor is sent to) against the aim of 400 KB, the first page after signing
 * in (the period list), and the whole bundle. Sizes come from Vite's manifest, so a chunk counts
 * once however many pages share it.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

export const WEB_DIR = new URL('../web/', import.meta.url).pathname;
const DIST = join(WEB_DIR, 'dist');
export const FIRST_PAGE_AIM_BYTES = 400 * 1024;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export interface Size {
  files: number;
  raw: number;
  gzip: number;
}

export interface BundleBenchResult {
  buildMs: number;
  /** What a visitor who is not signed in downloads before the login form shows. */
  firstPage: Size;
  /** The shell plus the period list, the first page after signing in. */
  signedIn: Size;
  total: Size;
  largest: { file: string; gzip: number }[];
}

const gzipOf = (path: string) => gzipSync(readFileSync(path)).length;

function sizeOf(files: Iterable<string>): Size {
  let raw = 0;
  let gzip = 0;
  let count = 0;
  for (const file of files) {
    const path = join(DIST, file);
    raw += statSync(path).size;
    gzip += gzipOf(path);
    count += 1;
  }
  return { files: count, raw, gzip };
}

/** The files a chunk needs before it runs: itself, its CSS and its static imports, transitively. */
export function closure(manifest: Manifest, keys: string[], into = new Set<string>(), seen = new Set<string>()): Set<string> {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no chunk ${key}`);
    into.add(chunk.file);
    for (const css of chunk.css ?? []) into.add(css);
    closure(manifest, chunk.imports ?? [], into, seen);
  }
  return into;
}

export function pageKey(manifest: Manifest, page: string): string {
  const key = Object.keys(manifest).find((k) => k.endsWith(`/pages/${page}.tsx`) || k === `src/pages/${page}.tsx`);
  if (!key) throw new Error(`manifest has no page ${page}`);
  return key;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '.vite' ? [] : listFiles(path);
    return [relative(DIST, path)];
  });
}

export async function runBundleBench(): Promise<BundleBenchResult> {
  const started = performance.now();
  await build({ root: WEB_DIR, logLevel: 'warn' });
  const buildMs = performance.now() - started;

  const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry) throw new Error('manifest has no entry');
  const shell = closure(manifest, [entry]);
  const firstPage = sizeOf(new Set(['index.html', ...closure(manifest, [pageKey(manifest, 'LoginPage')], new Set(shell))]));
  const signedIn = sizeOf(new Set(['index.html', ...closure(manifest, [pageKey(manifest, 'PeriodsPage')], new Set(shell))]));
  // The .br and .gz files the build writes beside each file are the same file precompressed: counted once.
  const all = listFiles(DIST).filter((f) => !f.endsWith('.br') && !f.endsWith('.gz'));
  const largest = all
    .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    .map((file) => ({ file, gzip: gzipOf(join(DIST, file)) }))
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, 5);
  return { buildMs, firstPage, signedIn, total: sizeOf(all), largest };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function formatBundleBench(r: BundleBenchResult): string {
  const verdict = r.firstPage.gzip <= FIRST_PAGE_AIM_BYTES ? 'met' : 'MISSED';
  return [
    '| What | Files | Raw | Gzipped |',
    '| --- | ---: | ---: | ---: |',
    `| First page (login, not signed in) | ${r.firstPage.files} | ${kb(r.firstPage.raw)} | ${kb(r.firstPage.gzip)} |`,
    `| First page after signing in (period list) | ${r.signedIn.files} | ${kb(r.signedIn.raw)} | ${kb(r.signedIn.gzip)} |`,
    `| Whole bundle | ${r.total.files} | ${kb(r.total.raw)} | ${kb(r.total.gzip)} |`,
    '',
    `Aim: first page under ${kb(FIRST_PAGE_AIM_BYTES)} gzipped — ${verdict}. Build took ${(r.buildMs / 1000).toFixed(1)} s.`,
    '',
    `Largest chunks (gzipped): ${r.largest.map((l) => `${l.file} ${kb(l.gzip)}`).join(', ')}.`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatBundleBench(await runBundleBench()));
}
