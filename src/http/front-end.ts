/**
 * Builds the React front end (web/) with Vite when its bundle is missing or older than its sources,
 * so that `npm start` serves the current pages without a separate build step.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const WEB_DIR = new URL('../../web/', import.meta.url).pathname;

const IGNORED = new Set(['dist', 'node_modules', 'test-results', 'screenshots']);

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (IGNORED.has(name) || name.startsWith('.')) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestSource(path) : stat.mtimeMs);
  }
  return newest;
}

export type FrontEndState = 'absent' | 'stale' | 'fresh';

/** 'absent' when web/ has no index.html to build from. */
export function frontEndState(webDir: string = WEB_DIR): FrontEndState {
  if (!existsSync(join(webDir, 'index.html'))) return 'absent';
  const built = join(webDir, 'dist', 'index.html');
  if (!existsSync(built)) return 'stale';
  return newestSource(webDir) > statSync(built).mtimeMs ? 'stale' : 'fresh';
}

export async function buildFrontEnd(webDir: string = WEB_DIR): Promise<void> {
  // Loaded only when needed: Vite is large and the API alone does not use it.
  const { build } = await import('vite');
  await build({ root: webDir, logLevel: 'warn' });
}
