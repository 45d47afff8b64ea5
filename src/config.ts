/**
 * The environment, parsed once. Nothing else reads process.env.
 */
import { z } from 'zod';

const schema = z.object({
  /** Database: a file path for embedded SQLite, or a postgres:// URL. */
  DATABASE_URL: z.string().min(1).default('./data/portal-scorecard.sqlite'),
  /** HTTP port of the web application. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Address the web application listens on. */
  HOST: z.string().default('0.0.0.0'),
  /** Province (tenant) the CLI acts on when --province is not given. */
  PROVINCE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where generated notices are kept. */
  DATA_DIR: z.string().default('./data'),
  /** Contact address sent in the crawler's User-Agent. */
  CRAWLER_CONTACT: z.string().default('mailto:cong-ttdt@example.gov.vn'),
  /** Set in production behind TLS so that cookies are Secure. */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Set behind a load balancer that writes X-Forwarded-For, so the login limit sees client addresses. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export type Config = z.infer<typeof schema>;

let cached: Config | undefined;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env && cached) return cached;
  // An empty variable (DATABASE_URL=) means "not set", as shells and .env files write it.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  if (env === process.env) cached = parsed.data;
  return parsed.data;
}
