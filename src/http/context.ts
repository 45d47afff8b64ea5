import type { DatabaseHandle } from '../db/connection.js';
import type { CookieSettings } from './auth.js';

/** What every route module receives from buildApp. */
export interface RouteContext {
  handle: DatabaseHandle;
  cookies: CookieSettings;
  /** Per-route limit of login attempts (per client address), or null when disabled. */
  loginLimit: { max: number; timeWindow: number } | null;
}
