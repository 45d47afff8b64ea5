/**
 * The environment, parsed once. Nothing else reads process.env.
 */
import { z } from 'zod';

const schema = z.object({
  /** Database: a file path for embedded SQLite, or a postgres:// URL (default ./data/portal-scorecard.sqlite). */
  DATABASE_URL: z.string().min(1).optional(),
  /** Database of the demonstration (`serve --demo`, `demo`) when neither --db nor DATABASE_URL names one. */
  DEMO_DATABASE_URL: z.string().min(1).default('./data/demo.sqlite'),
  /** HTTP port of the web application. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Address the web application listens on: this machine only unless set (0.0.0.0 for every interface). */
  HOST: z.string().default('127.0.0.1'),
  /** Province (tenant) the CLI acts on when --province is not given. */
  PROVINCE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where generated notices are kept. */
  DATA_DIR: z.string().default('./data'),
  /** Contact address sent in the crawler's User-Agent. */
  CRAWLER_CONTACT: z.string().default('mailto:cong-ttdt@example.gov.vn'),
  /** Set in production behind TLS so that cookies are Secure. */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /**
   * How many proxies in front of the app append to X-Forwarded-For (0 none; "true" means 1, "false"
   * 0): the client address is taken that many hops back, never from what the client itself sent.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})$/, 'số proxy tin cậy (0, 1, 2…)')
    .default('0')
    .transform((v) => (v === 'true' ? 1 : v === 'false' ? 0 : Number(v))),
  /**
   * Where e-mail goes out: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465.
   * Unset: messages stay queued in the outbox and nothing is sent.
   */
  SMTP_URL: z
    .string()
    .url()
    .refine((v) => /^smtps?:\/\//.test(v), 'cần dạng smtp://… hoặc smtps://…')
    .optional(),
});

const DEFAULT_DATABASE_URL = './data/portal-scorecard.sqlite';

export type Config = Omit<z.infer<typeof schema>, 'DATABASE_URL'> & {
  DATABASE_URL: string;
  /** Whether DATABASE_URL was set (the demo keeps to its own database otherwise). */
  databaseNamed: boolean;
};

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
  const config: Config = { ...parsed.data, DATABASE_URL: parsed.data.DATABASE_URL ?? DEFAULT_DATABASE_URL, databaseNamed: parsed.data.DATABASE_URL !== undefined };
  if (env === process.env) cached = config;
  return config;
}
