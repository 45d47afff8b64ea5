/**
 * HTTP tests: an app on a test database with the seed month and one user per role, and a client
 * that keeps the session cookie and echoes the CSRF token like the browser's page does.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../../src/http/app.js';
import { cliActor } from '../../src/services/audit.js';
import { loadDemo } from '../../src/services/demo.js';
import { listUnits } from '../../src/services/registry.js';
import { createUser } from '../../src/services/users.js';
import type { TestDatabase } from './db.js';

export const PASSWORD = 'mat-khau-thu';

export interface Client {
  csrf: string;
  cookie: string;
  request(options: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse>;
}

export async function startApp(db: TestDatabase, options: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  const app = await buildApp({ db, rateLimit: false, ...options });
  await app.ready();
  return app;
}

/** The demo province (Bắc Ninh, 02/2024 published) and a user per role; the editor edits `editorUnit`. */
export async function seedUsers(db: TestDatabase, editorUnit = 'Sở Y tế') {
  const { province } = await loadDemo(db.db);
  const units = await listUnits(db.db, province.id);
  const unit = units.find((u) => u.name === editorUnit)!;
  const actor = cliActor(province.id);
  for (const [username, role] of [
    ['admin', 'admin'],
    ['reviewer', 'reviewer'],
    ['viewer', 'viewer'],
  ] as const) {
    await createUser(db.db, actor, { username, password: PASSWORD, role });
  }
  await createUser(db.db, actor, { username: 'editor', password: PASSWORD, role: 'unit-editor', unitId: unit.id });
  return { province, units, unit };
}

export async function signIn(app: FastifyInstance, username: string, password = PASSWORD): Promise<Client> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = (response.json() as { csrfToken: string }).csrfToken;
  return {
    csrf,
    cookie,
    request: (options) => {
      const { csrf: sendCsrf = true, headers, ...rest } = options;
      return app.inject({
        ...rest,
        headers: { ...(headers ?? {}), cookie, ...(sendCsrf ? { 'x-csrf-token': csrf } : {}) },
      } as InjectOptions);
    },
  };
}

/** A multipart/form-data body with one file in the field "file", as the upload forms send it. */
export function multipart(fileName: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----portal-scorecard-test';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
