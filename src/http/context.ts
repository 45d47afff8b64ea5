import type { DatabaseHandle } from '../db/connection.js';
import type { LoginLimits } from '../services/auth.js';
import type { CookieSettings } from './auth.js';

/** What every route module receives from buildApp. */
export interface RouteContext {
  handle: DatabaseHandle;
  cookies: CookieSettings;
  /** Limits on failed sign-ins (per address, per account), or null when disabled. */
  loginLimits: LoginLimits | null;
}
